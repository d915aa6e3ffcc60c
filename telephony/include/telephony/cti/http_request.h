// HTTP/1.1 request framing over http-parser: bytes in, complete requests (or a typed
// error with the status to answer) out. No sockets. Limits: header bytes (431) and body
// bytes (413) from HttpLimits.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "telephony/limits.h"

namespace frontline::telephony {

struct HttpRequest {
  std::string method;                                        // "POST"
  std::string target;                                        // "/api/v1/cti/token?x=1"
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;
  bool keepAlive = true;

  const std::string* header(std::string_view lowercaseName) const;
};

struct HttpError {
  int status = 400;     // 400, 413, 431
  std::string message;  // for the JSON error body and the log
};

class HttpRequestParser {
 public:
  explicit HttpRequestParser(HttpLimits limits);
  ~HttpRequestParser();
  HttpRequestParser(const HttpRequestParser&) = delete;
  HttpRequestParser& operator=(const HttpRequestParser&) = delete;

  // Appends bytes. Returns the next complete request if one is available; once an error
  // is reported the connection is beyond repair and error() stays set.
  std::optional<HttpRequest> next(std::string_view bytes = {});
  const std::optional<HttpError>& error() const { return m_error; }

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  std::optional<HttpError> m_error;
};

}  // namespace frontline::telephony
