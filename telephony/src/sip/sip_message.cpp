// Staged SIP parsing; see sip_message.h. A bounds-checked walk over string_views: no
// index leaves the input, no assert depends on peer data.
#include "telephony/sip/sip_message.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace frontline::telephony {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool equalsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// RFC 3261 7.3.3 compact forms, and the canonical spelling of the headers we read.
std::string canonicalName(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"v", "Via"},
      {"f", "From"},
      {"t", "To"},
      {"i", "Call-ID"},
      {"m", "Contact"},
      {"l", "Content-Length"},
      {"c", "Content-Type"},
      {"k", "Supported"},
      {"s", "Subject"},
      {"via", "Via"},
      {"from", "From"},
      {"to", "To"},
      {"call-id", "Call-ID"},
      {"cseq", "CSeq"},
      {"contact", "Contact"},
      {"content-length", "Content-Length"},
      {"content-type", "Content-Type"},
      {"max-forwards", "Max-Forwards"},
      {"p-asserted-identity", "P-Asserted-Identity"},
      {"record-route", "Record-Route"},
      {"route", "Route"}};
  for (const auto& [from, to] : kNames) {
    if (equalsNoCase(name, from)) return std::string(to);
  }
  return std::string(name);
}

bool isToken(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
  });
}

std::optional<std::size_t> headerEnd(std::string_view bytes) {
  const auto crlf = bytes.find("\r\n\r\n");
  const auto lf = bytes.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::nullopt;
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf + 2 <= lf)) return crlf + 4;
  return lf + 2;
}

std::optional<std::size_t> parseContentLength(std::string_view value) {
  value = trim(value);
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return n;
}

SipParseError bad(std::string why) {
  return SipParseError{400, "Bad Request (" + std::move(why) + ")"};
}

// RFC 3261 25.1: header values and the start line are TEXT-UTF8 and LWS; of the control
// characters only HTAB may appear (CR and LF only as line ends, already cut off).
bool hasControlCharacter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && u != '\t') || u == 0x7f;
  });
}

// A sip: or sips: Request-URI names a host (RFC 3261 19.1.1: hostport is not optional);
// other schemes (tel:) are absolute URIs with something after the colon.
bool requestUriHasHost(std::string_view uri) {
  const auto colon = uri.find(':');
  const std::string_view scheme = uri.substr(0, colon);
  std::string_view rest = uri.substr(colon + 1);
  if (!equalsNoCase(scheme, "sip") && !equalsNoCase(scheme, "sips")) return !rest.empty();
  if (const auto at = rest.find('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  const std::string_view host = rest.substr(0, rest.find_first_of(":;?"));
  return !host.empty();
}

// Stage 2 and 3: start line and header fields of a complete header block.
SipParseResult parseHead(std::string_view head, const SipLimits& limits) {
  SipMessage m;
  std::vector<std::string_view> lines;
  while (!head.empty()) {
    auto nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    head = nl == std::string_view::npos ? std::string_view() : head.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    lines.push_back(line);
  }
  if (lines.empty()) return bad("empty message");
  // Start line.
  const std::string_view start = lines.front();
  if (hasControlCharacter(start)) return bad("control character in the start line");
  if (start.substr(0, 8) == "SIP/2.0 ") {
    m.isRequest = false;
    const std::string_view rest = start.substr(8);
    int status = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + std::min<std::size_t>(rest.size(), 3), status);
    if (ec != std::errc() || end != rest.data() + 3 || status < 100 || status > 699) return bad("bad status line");
    m.status = status;
    m.reason = std::string(trim(rest.substr(3)));
  } else {
    const auto sp1 = start.find(' ');
    const auto sp2 = sp1 == std::string_view::npos ? sp1 : start.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos) return bad("bad request line");
    m.method = std::string(start.substr(0, sp1));
    m.uri = std::string(start.substr(sp1 + 1, sp2 - sp1 - 1));
    const std::string_view version = start.substr(sp2 + 1);
    if (!isToken(m.method)) return bad("bad method");
    if (m.uri.empty() || m.uri.find(':') == std::string::npos) return bad("bad Request-URI");
    if (!requestUriHasHost(m.uri)) return bad("Request-URI without a host");
    if (!equalsNoCase(version, "SIP/2.0")) return SipParseError{505, "Version Not Supported"};
  }
  // Header fields, with folded continuation lines joined.
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.front() == ' ' || line.front() == '\t') {
      if (m.headers.empty()) return bad("continuation line before any header");
      if (hasControlCharacter(line)) return bad("control character in " + m.headers.back().name);
      m.headers.back().value += " " + std::string(trim(line));
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return bad("header line without a colon");
    const std::string_view name = trim(line.substr(0, colon));
    if (!isToken(name)) return bad("bad header name");
    if (hasControlCharacter(line)) return bad("control character in " + canonicalName(name));
    if (static_cast<int>(m.headers.size()) >= limits.maxHeaders) return bad("too many headers");
    m.headers.push_back({canonicalName(name), std::string(trim(line.substr(colon + 1)))});
  }
  return m;
}

// Stage 4: the headers a request must carry, checked before any transaction sees it.
std::optional<SipParseError> validate(const SipMessage& m) {
  for (const char* name : {"Via", "From", "To", "Call-ID", "CSeq"}) {
    const std::string* v = m.header(name);
    if (!v || v->empty()) return bad(std::string("missing ") + name);
  }
  const auto cseq = m.cseq();
  if (!cseq) return bad("bad CSeq");
  if (m.isRequest && cseq->second != m.method) return bad("CSeq method does not match the request");
  if (!parseNameAddr(*m.header("From"))) return bad("bad From");
  if (!parseNameAddr(*m.header("To"))) return bad("bad To");
  if (m.isRequest) {
    const std::string* mf = m.header("Max-Forwards");
    if (!mf) return bad("missing Max-Forwards");
    int hops = 0;
    auto [end, ec] = std::from_chars(mf->data(), mf->data() + mf->size(), hops);
    if (ec != std::errc() || end != mf->data() + mf->size() || hops < 0 || hops > 255) return bad("bad Max-Forwards");
    if (hops == 0 && m.method != "OPTIONS") return SipParseError{483, "Too Many Hops"};
    if (m.topViaBranch().empty()) return bad("Via without branch");
  }
  return std::nullopt;
}

}  // namespace

const std::string* SipMessage::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (h.name == name) return &h.value;
  }
  return nullptr;
}

std::vector<std::string> SipMessage::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& h : headers) {
    if (h.name != name) continue;
    // Split on commas outside quotes and angle brackets.
    std::string current;
    bool quoted = false;
    int angle = 0;
    for (char c : h.value) {
      if (c == '"') quoted = !quoted;
      if (!quoted && c == '<') ++angle;
      if (!quoted && c == '>' && angle > 0) --angle;
      if (c == ',' && !quoted && angle == 0) {
        out.emplace_back(trim(current));
        current.clear();
      } else {
        current.push_back(c);
      }
    }
    if (!trim(current).empty()) out.emplace_back(trim(current));
  }
  return out;
}

std::string SipMessage::callId() const {
  const std::string* v = header("Call-ID");
  return v ? *v : std::string();
}

std::string SipMessage::topViaBranch() const {
  const auto vias = all("Via");
  return vias.empty() ? std::string() : headerParam(vias.front(), "branch");
}

std::string SipMessage::topViaSentBy() const {
  const auto vias = all("Via");
  if (vias.empty()) return {};
  std::string_view via = vias.front();
  via = via.substr(0, via.find(';'));
  const auto space = via.find_first_of(" \t");
  return space == std::string_view::npos ? std::string() : std::string(trim(via.substr(space + 1)));
}

std::string SipMessage::fromTag() const {
  const std::string* v = header("From");
  return v ? headerParam(*v, "tag") : std::string();
}

std::string SipMessage::toTag() const {
  const std::string* v = header("To");
  return v ? headerParam(*v, "tag") : std::string();
}

std::optional<std::pair<std::uint32_t, std::string>> SipMessage::cseq() const {
  const std::string* v = header("CSeq");
  if (!v) return std::nullopt;
  std::string_view s = trim(*v);
  const auto sp = s.find_first_of(" \t");
  if (sp == std::string_view::npos) return std::nullopt;
  std::uint32_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + sp, n);
  if (ec != std::errc() || end != s.data() + sp) return std::nullopt;
  const std::string_view cseqMethod = trim(s.substr(sp + 1));
  if (!isToken(cseqMethod)) return std::nullopt;
  return std::make_pair(n, std::string(cseqMethod));
}

std::string headerParam(std::string_view value, std::string_view name) {
  // Parameters follow the value (and, in a name-addr, the closing '>').
  std::size_t from = value.rfind('>');
  from = from == std::string_view::npos ? 0 : from;
  while ((from = value.find(';', from)) != std::string_view::npos) {
    ++from;
    const auto end = value.find_first_of(";,", from);
    std::string_view param = trim(value.substr(from, end == std::string_view::npos ? value.npos : end - from));
    const auto eq = param.find('=');
    if (equalsNoCase(trim(param.substr(0, eq)), name)) {
      return eq == std::string_view::npos ? std::string() : std::string(trim(param.substr(eq + 1)));
    }
  }
  return {};
}

std::optional<SipNameAddr> parseNameAddr(std::string_view value) {
  SipNameAddr out;
  value = trim(value);
  const auto lt = value.find('<');
  std::string_view uri;
  if (lt != std::string_view::npos) {
    const auto gt = value.find('>', lt);
    if (gt == std::string_view::npos) return std::nullopt;
    std::string_view name = trim(value.substr(0, lt));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    std::string display;
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (name[i] == '\\' && i + 1 < name.size()) ++i;  // quoted-pair
      display.push_back(name[i]);
    }
    out.displayName = std::move(display);
    uri = value.substr(lt + 1, gt - lt - 1);
  } else {
    uri = value.substr(0, value.find(';'));
  }
  uri = trim(uri);
  if (uri.empty() || uri.find(':') == std::string_view::npos) return std::nullopt;
  out.uri = std::string(uri);
  const auto colon = uri.find(':');
  std::string_view rest = uri.substr(colon + 1);
  const std::string_view scheme = uri.substr(0, colon);
  if (equalsNoCase(scheme, "tel")) {
    out.user = std::string(rest.substr(0, rest.find(';')));
  } else if (const auto at = rest.find('@'); at != std::string_view::npos) {
    std::string_view user = rest.substr(0, at);
    out.user = std::string(user.substr(0, std::min(user.find(';'), user.find(':'))));
  }
  out.tag = headerParam(value, "tag");
  return out;
}

std::optional<SipMessage> parseSipHeadersOnly(std::string_view bytes, const SipLimits& limits) {
  const auto end = headerEnd(bytes);
  auto parsed = parseHead(bytes.substr(0, std::min(end.value_or(bytes.size()), limits.maxHeaderBytes)), limits);
  if (auto* m = std::get_if<SipMessage>(&parsed)) return std::move(*m);
  return std::nullopt;
}

SipParseResult parseSipDatagram(std::string_view bytes, const SipLimits& limits) {
  if (bytes.size() > limits.maxMessageBytes) return SipParseError{413, "Message Too Large"};
  const auto end = headerEnd(bytes);
  const std::size_t headLength = end.value_or(bytes.size());
  if (headLength > limits.maxHeaderBytes) return bad("header block too large");
  auto parsed = parseHead(bytes.substr(0, headLength), limits);
  if (auto* error = std::get_if<SipParseError>(&parsed)) return *error;
  // RFC 3261 7: the header block ends with an empty line; a datagram without one was cut.
  if (!end) return bad("the header block does not end with an empty line");
  SipMessage& m = std::get<SipMessage>(parsed);
  std::string_view body = bytes.substr(*end);
  if (const std::string* cl = m.header("Content-Length")) {
    const auto length = parseContentLength(*cl);
    if (!length) return bad("bad Content-Length");
    if (*length > body.size()) return bad("Content-Length larger than the datagram");
    body = body.substr(0, *length);  // RFC 3261 18.3: extra bytes are discarded
  }
  m.body = std::string(body);
  if (auto error = validate(m)) return *error;
  return parsed;
}

std::variant<std::size_t, SipParseError> sipFrameLength(std::string_view stream, const SipLimits& limits) {
  // Keep-alive CRLFs between messages (RFC 5626) are consumed as a frame of their own.
  std::size_t skip = 0;
  while (skip < stream.size() && (stream[skip] == '\r' || stream[skip] == '\n')) ++skip;
  if (skip > 0) return skip;
  const auto end = headerEnd(stream);
  if (!end) {
    if (stream.size() > limits.maxHeaderBytes) return bad("header block too large");
    return std::size_t{0};
  }
  if (*end > limits.maxHeaderBytes) return bad("header block too large");
  auto parsed = parseHead(stream.substr(0, *end), limits);
  if (auto* error = std::get_if<SipParseError>(&parsed)) return *error;
  const std::string* cl = std::get<SipMessage>(parsed).header("Content-Length");
  if (!cl) return bad("Content-Length is required over TCP");
  const auto length = parseContentLength(*cl);
  if (!length) return bad("bad Content-Length");
  if (*end + *length > limits.maxMessageBytes) return SipParseError{413, "Message Too Large"};
  if (stream.size() < *end + *length) return std::size_t{0};
  return *end + *length;
}

}  // namespace frontline::telephony
