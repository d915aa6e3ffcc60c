// RTP packets (RFC 3550 §5.1): the fixed header, contributing sources, a header
// extension and padding, read from untrusted datagrams without copying the payload, and
// written for sending. A datagram that is not a well-formed RTP packet gives an error that
// says why (counted and logged by the media thread, never a crash). Pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace frontline::telephony::media {

struct RtpHeader {
  bool marker = false;
  std::uint8_t payloadType = 0;  // 0..127
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  std::uint32_t ssrc = 0;
  std::vector<std::uint32_t> csrcs;  // at most 15
};

// A parsed packet: the header and views into the datagram (valid while it is).
struct RtpPacketView {
  RtpHeader header;
  std::uint16_t extensionProfile = 0;       // when hasExtension
  std::span<const std::uint8_t> extension;  // the extension's words, without its own header
  bool hasExtension = false;
  std::span<const std::uint8_t> payload;  // padding removed
};

// The packet, or what is wrong with the datagram ("version 1, not 2", "4 CSRCs need 28
// bytes, the datagram has 20", ...).
std::variant<RtpPacketView, std::string> parseRtp(std::span<const std::uint8_t> datagram);

// RTCP shares the port when both sides use rtcp-mux (RFC 5761): second byte 200-204.
bool looksLikeRtcp(std::span<const std::uint8_t> datagram);

// A datagram carrying `payload` after `header` (no extension, no padding).
std::vector<std::uint8_t> writeRtp(const RtpHeader& header, std::span<const std::uint8_t> payload);

// Sequence numbers wrap at 65,536: whether `a` comes after `b` (RFC 3550 A.1's rule: less
// than half the space ahead).
inline bool sequenceAfter(std::uint16_t a, std::uint16_t b) {
  return a != b && static_cast<std::uint16_t>(a - b) < 0x8000;
}

}  // namespace frontline::telephony::media
