#include "emotion/customer_words.h"

#include <algorithm>
#include <sstream>
#include <vector>

namespace frontline::emotion {
namespace {

std::string trim(std::string_view s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string_view::npos) return {};
  const auto b = s.find_last_not_of(" \t\r");
  return std::string(s.substr(a, b - a + 1));
}

bool startsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool endsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A line where the earlier message or the signature begins: it and everything after go.
bool endsCustomerWords(const std::string& raw) {
  if (raw == "-- " || raw == "--") return true;  // RFC 3676's signature separator
  const std::string line = trim(raw);
  const std::string l = lower(line);
  if (startsWith(l, "-----original message-----") || startsWith(l, "----- original message -----")) return true;
  if (line.find("原始邮件") != std::string::npos && startsWith(line, "---")) return true;
  if (startsWith(l, "on ") && (endsWith(l, "wrote:") || endsWith(l, "wrote :"))) return true;
  if (startsWith(line, "在") && (endsWith(line, "写道：") || endsWith(line, "写道:"))) return true;
  if (startsWith(l, "from:") && l.size() > 6) return true;  // Outlook's quoted header block
  if (startsWith(line, "发件人：") || startsWith(line, "发件人:")) return true;
  if (startsWith(l, "sent from my ") || startsWith(line, "发自我的")) return true;
  return false;
}

}  // namespace

std::string customerWords(std::string_view body) {
  std::istringstream in{std::string(body)};
  std::string line, out;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (endsCustomerWords(line)) break;
    if (startsWith(trim(line), ">")) continue;  // a quoted line in the middle of a reply
    out += line;
    out += '\n';
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace frontline::emotion
