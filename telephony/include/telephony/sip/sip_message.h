// SIP messages (RFC 3261) parsed in stages from untrusted bytes: framing (header block,
// Content-Length), start line, header fields (folding, compact forms), then validation of
// the headers every request must carry (Via, From, To, Call-ID, CSeq, Max-Forwards).
// Pure functions: bytes in, a message or a SipParseError with the status to answer
// (400 with a reason phrase naming the problem, 413, 483, 505). Never throws.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "telephony/limits.h"

namespace frontline::telephony {

struct SipHeader {
  std::string name;  // canonical spelling ("Call-ID", "Via"), compact forms expanded
  std::string value;
};

struct SipMessage {
  bool isRequest = true;
  std::string method;  // requests: INVITE, ACK, ...
  std::string uri;     // requests
  int status = 0;      // responses
  std::string reason;  // responses
  std::vector<SipHeader> headers;
  std::string body;

  const std::string* header(std::string_view name) const;     // the first one
  std::vector<std::string> all(std::string_view name) const;  // every value, comma lists split
  std::string callId() const;
  std::string topViaBranch() const;
  std::string topViaSentBy() const;  // "192.0.2.10:5060" of "SIP/2.0/UDP 192.0.2.10:5060;branch=..."
  std::string fromTag() const;
  std::string toTag() const;
  // CSeq number and method.
  std::optional<std::pair<std::uint32_t, std::string>> cseq() const;
};

struct SipParseError {
  int status = 400;
  std::string reason;  // goes into the status line: "Bad Request (missing Call-ID)"
};

using SipParseResult = std::variant<SipMessage, SipParseError>;

// A datagram is exactly one message; a missing Content-Length means "the rest".
SipParseResult parseSipDatagram(std::string_view bytes, const SipLimits& limits);

// TCP: how many bytes the first complete message in `stream` takes (headers plus
// Content-Length), 0 when more bytes are needed, or an error (no or bad Content-Length,
// too large).
std::variant<std::size_t, SipParseError> sipFrameLength(std::string_view stream, const SipLimits& limits);

// The start line and headers only, without validation: what a 400 can be built from.
std::optional<SipMessage> parseSipHeadersOnly(std::string_view bytes, const SipLimits& limits);

// A name-addr or addr-spec (From, To, P-Asserted-Identity, Contact).
struct SipNameAddr {
  std::string displayName;  // unquoted
  std::string uri;          // "sip:+442079460958@pbx.example;user=phone"
  std::string user;         // "+442079460958" (sip:/sips:/tel: user part, params dropped)
  std::string tag;          // ;tag= parameter, if any
};
std::optional<SipNameAddr> parseNameAddr(std::string_view value);

// The value of `;name=` in a header's parameters ("branch" in Via, "tag" in To).
std::string headerParam(std::string_view value, std::string_view name);

}  // namespace frontline::telephony
