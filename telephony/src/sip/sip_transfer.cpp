// Blind transfer helpers; see sip_transfer.h.
#include "telephony/sip/sip_transfer.h"

#include <cctype>

namespace frontline::telephony {

namespace {
// RFC 3261 25.1 "unreserved" and the user part's few extras, no escapes: what a number,
// an extension or a mailbox-like name needs, and nothing that could break the header.
bool userChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_.!~*'+").find(c) != std::string_view::npos;
}
bool hostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == ':' || c == '[' || c == ']';
}
}  // namespace

ReferTo referToUri(std::string_view target, std::string_view domain) {
  auto error = [](std::string why) { return ReferTo{{}, std::move(why)}; };
  while (!target.empty() && std::isspace(static_cast<unsigned char>(target.front()))) target.remove_prefix(1);
  while (!target.empty() && std::isspace(static_cast<unsigned char>(target.back()))) target.remove_suffix(1);
  if (target.empty()) return error("type a number, an extension or a SIP address to transfer to");
  if (target.size() > 200) return error("the transfer target is longer than 200 characters");
  if (target.rfind("sip:", 0) == 0) target.remove_prefix(4);
  std::string_view user = target;
  std::string_view host = domain;
  if (const auto at = target.find('@'); at != std::string_view::npos) {
    user = target.substr(0, at);
    host = target.substr(at + 1);
  }
  if (user.empty()) return error("'" + std::string(target) + "' has no number or name before the @");
  for (char c : user) {
    if (!userChar(c)) {
      return error("'" + std::string(target) + "' is not a number, an extension or a SIP address");
    }
  }
  if (host.empty()) return error("there is no domain to transfer to: set sip.transfer_domain, or type user@host");
  for (char c : host) {
    if (!hostChar(c)) return error("'" + std::string(host) + "' is not a host name");
  }
  std::string uri = "sip:" + std::string(user) + "@" + std::string(host);
  // A telephone number (RFC 3966 digits) is marked as one, as PBXs expect of a number.
  const bool number = user.find_first_not_of("+0123456789") == std::string_view::npos && user.size() > 6;
  if (number) uri += ";user=phone";
  return ReferTo{std::move(uri), {}};
}

std::string referToWithReplaces(std::string_view uri, std::string_view callId, std::string_view toTag,
                                std::string_view fromTag) {
  // RFC 3261 25.1 "hnv-unreserved" and "unreserved" stay as they are; everything else
  // (';', '=', '@', '%', spaces a peer's Call-ID should not have but may) is escaped.
  const auto escape = [](std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u) || std::string_view("-_.!~*'()[]/?:+$").find(c) != std::string_view::npos) {
        out += c;
      } else {
        out += '%';
        out += kHex[u >> 4];
        out += kHex[u & 0xF];
      }
    }
    return out;
  };
  return std::string(uri) + "?Replaces=" +
         escape(std::string(callId) + ";to-tag=" + std::string(toTag) + ";from-tag=" + std::string(fromTag));
}

std::string uriHost(std::string_view uri) {
  if (const auto colon = uri.find(':');
      colon != std::string_view::npos && uri.substr(0, colon).find('@') == std::string_view::npos) {
    uri.remove_prefix(colon + 1);
  }
  if (const auto at = uri.find('@'); at != std::string_view::npos) uri.remove_prefix(at + 1);
  const auto end = uri.find_first_of(";?> ");
  return std::string(uri.substr(0, end));
}

std::optional<SipFragStatus> parseSipFrag(std::string_view body) {
  while (!body.empty() && (body.front() == '\r' || body.front() == '\n' || body.front() == ' ')) body.remove_prefix(1);
  const auto eol = body.find_first_of("\r\n");
  std::string_view line = body.substr(0, eol);
  if (line.rfind("SIP/2.0 ", 0) != 0) return std::nullopt;
  line.remove_prefix(8);
  if (line.size() < 3) return std::nullopt;
  int status = 0;
  for (int i = 0; i < 3; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return std::nullopt;
    status = status * 10 + (line[i] - '0');
  }
  if (status < 100 || status > 699 || (line.size() > 3 && line[3] != ' ')) return std::nullopt;
  SipFragStatus s;
  s.status = status;
  if (line.size() > 4) s.reason = std::string(line.substr(4, 100));
  for (char& c : s.reason) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return s;
}

}  // namespace frontline::telephony
