// CTI event bodies (JSON or form-encoded); see cti_event_parser.h.
#include "telephony/cti/cti_event_parser.h"

#include <nlohmann/json.hpp>

#include <map>

namespace frontline::telephony {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hexValue(s[i + 1]);
      const int lo = hexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Field values as lists (a scalar is a list of one), from either body format.
using Fields = std::map<std::string, std::vector<std::string>>;

std::variant<Fields, std::string> formFields(std::string_view body) {
  Fields f;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto key = percentDecode(pair.substr(0, eq));
    auto value = percentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!key || !value) return std::string("bad percent-encoding in the form body");
    if (key->size() > 2 && key->compare(key->size() - 2, 2, "[]") == 0) key->resize(key->size() - 2);
    f[*key].push_back(std::move(*value));
  }
  return f;
}

std::variant<Fields, std::string> jsonFields(std::string_view body) {
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return std::string("the body is not valid JSON");
  if (!json.is_object()) return std::string("the JSON body must be an object");
  Fields f;
  for (const auto& [key, value] : json.items()) {
    if (value.is_string()) {
      f[key].push_back(value.get<std::string>());
    } else if (value.is_number()) {
      f[key].push_back(value.dump());
    } else if (value.is_array()) {
      for (const auto& item : value) {
        if (!item.is_string()) return "'" + key + "' must be a string or a list of strings";
        f[key].push_back(item.get<std::string>());
      }
    } else if (!value.is_null()) {
      return "'" + key + "' must be a string";
    }
  }
  return f;
}

}  // namespace

bool constantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

std::variant<CtiEvent, std::string> parseCtiEvent(std::string_view contentType, std::string_view body) {
  const std::string type(contentType.substr(0, contentType.find(';')));
  std::variant<Fields, std::string> parsed;
  if (type == "application/json") {
    parsed = jsonFields(body);
  } else if (type == "application/x-www-form-urlencoded") {
    parsed = formFields(body);
  } else {
    return std::string("Content-Type must be application/json or application/x-www-form-urlencoded");
  }
  if (auto* error = std::get_if<std::string>(&parsed)) return *error;
  const Fields& f = std::get<Fields>(parsed);
  for (const auto& [key, values] : f) {
    const std::size_t limit = key == "text" ? kMaxTranscriptBytes : kMaxCtiFieldBytes;
    for (const auto& v : values) {
      if (v.size() > limit) return "'" + key + "' is longer than " + std::to_string(limit) + " bytes";
    }
  }
  auto one = [&](const char* key) {
    auto it = f.find(key);
    return it == f.end() || it->second.empty() ? std::string() : it->second.front();
  };
  CtiEvent e;
  const std::string event = one("event");
  if (event == "newCall")
    e.kind = CtiEvent::Kind::NewCall;
  else if (event == "answer")
    e.kind = CtiEvent::Kind::Answer;
  else if (event == "hangup")
    e.kind = CtiEvent::Kind::Hangup;
  else if (event == "transcript")
    e.kind = CtiEvent::Kind::Transcript;
  else
    return event.empty() ? std::string("'event' is missing")
                         : "'event' must be newCall, answer, hangup or transcript, not '" + event + "'";
  e.callId = one("callId");
  if (e.callId.empty()) return std::string("'callId' is missing");
  if (e.kind == CtiEvent::Kind::Transcript) {
    e.speaker = one("speaker");
    if (e.speaker != "customer" && e.speaker != "agent") {
      return e.speaker.empty() ? std::string("'speaker' is missing")
                               : "'speaker' must be customer or agent, not '" + e.speaker + "'";
    }
    e.text = one("text");
    if (e.text.find_first_not_of(" \t\r\n") == std::string::npos) return std::string("'text' is missing");
  }
  e.from = one("from");
  e.to = one("to");
  e.direction = one("direction");
  if (e.direction.empty()) e.direction = "in";
  if (e.direction != "in" && e.direction != "out") return "'direction' must be in or out, not '" + e.direction + "'";
  if (auto it = f.find("user"); it != f.end()) e.users = it->second;
  e.queue = one("queue");
  e.cause = one("cause");
  e.answeringNumber = one("answeringNumber");
  if (e.kind == CtiEvent::Kind::NewCall && e.from.empty() && e.to.empty()) return std::string("'from' is missing");
  return e;
}

}  // namespace frontline::telephony
