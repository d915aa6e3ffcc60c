// HTTP request framing with http-parser; see http_request.h.
#include "telephony/cti/http_request.h"

#include <http_parser.h>

#include <algorithm>
#include <cctype>
#include <deque>

namespace frontline::telephony {

const std::string* HttpRequest::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return &v;
  }
  return nullptr;
}

struct HttpRequestParser::Impl {
  explicit Impl(HttpLimits l) : limits(l) {
    http_parser_init(&parser, HTTP_REQUEST);
    parser.data = this;
    http_parser_settings_init(&settings);
    settings.on_message_begin = [](http_parser* p) { return self(p)->begin(); };
    settings.on_url = [](http_parser* p, const char* at, size_t n) {
      return self(p)->headerBytes(self(p)->current.target, at, n);
    };
    settings.on_header_field = [](http_parser* p, const char* at, size_t n) {
      Impl* i = self(p);
      if (!i->inField) {
        i->current.headers.emplace_back();
        i->inField = true;
      }
      return i->headerBytes(i->current.headers.back().first, at, n);
    };
    settings.on_header_value = [](http_parser* p, const char* at, size_t n) {
      Impl* i = self(p);
      i->inField = false;
      if (i->current.headers.empty()) return 0;
      return i->headerBytes(i->current.headers.back().second, at, n);
    };
    settings.on_headers_complete = [](http_parser* p) {
      Impl* i = self(p);
      for (auto& [name, value] : i->current.headers) {
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      }
      i->current.method = http_method_str(static_cast<http_method>(p->method));
      i->current.keepAlive = http_should_keep_alive(p) != 0;
      if ((p->flags & F_CONTENTLENGTH) && p->content_length > i->limits.maxBodyBytes)
        return i->fail(413, "body too large");
      return 0;
    };
    settings.on_body = [](http_parser* p, const char* at, size_t n) {
      Impl* i = self(p);
      if (i->current.body.size() + n > i->limits.maxBodyBytes) return i->fail(413, "body too large");
      i->current.body.append(at, n);
      return 0;
    };
    settings.on_message_complete = [](http_parser* p) {
      Impl* i = self(p);
      i->done.push_back(std::move(i->current));
      i->current = HttpRequest{};
      http_parser_pause(p, 1);  // hand over one request at a time
      return 0;
    };
  }

  static Impl* self(http_parser* p) { return static_cast<Impl*>(p->data); }

  int begin() {
    current = HttpRequest{};
    headerTotal = 0;
    inField = false;
    return 0;
  }

  int headerBytes(std::string& into, const char* at, size_t n) {
    headerTotal += n;
    if (headerTotal > limits.maxHeaderBytes) return fail(431, "request header fields too large");
    into.append(at, n);
    return 0;
  }

  int fail(int status, std::string message) {
    failure = HttpError{status, std::move(message)};
    return 1;  // stops the parser
  }

  HttpLimits limits;
  http_parser parser{};
  http_parser_settings settings{};
  HttpRequest current;
  std::size_t headerTotal = 0;
  bool inField = false;
  std::deque<HttpRequest> done;
  std::string pending;  // bytes not yet given to the parser (after a pause)
  std::optional<HttpError> failure;
};

HttpRequestParser::HttpRequestParser(HttpLimits limits) : m_impl(std::make_unique<Impl>(limits)) {}
HttpRequestParser::~HttpRequestParser() = default;

std::optional<HttpRequest> HttpRequestParser::next(std::string_view bytes) {
  Impl& i = *m_impl;
  if (m_error) return std::nullopt;
  i.pending.append(bytes);
  while (i.done.empty() && !i.pending.empty()) {
    if (HTTP_PARSER_ERRNO(&i.parser) == HPE_PAUSED) http_parser_pause(&i.parser, 0);
    const std::size_t used = http_parser_execute(&i.parser, &i.settings, i.pending.data(), i.pending.size());
    const auto err = static_cast<http_errno>(HTTP_PARSER_ERRNO(&i.parser));
    i.pending.erase(0, used);
    if (i.failure) {
      m_error = i.failure;
      return std::nullopt;
    }
    if (err != HPE_OK && err != HPE_PAUSED) {
      m_error = HttpError{400, std::string("malformed request: ") + http_errno_description(err)};
      return std::nullopt;
    }
    if (err == HPE_OK && used == 0) break;
  }
  if (i.done.empty()) return std::nullopt;
  HttpRequest r = std::move(i.done.front());
  i.done.pop_front();
  return r;
}

}  // namespace frontline::telephony
