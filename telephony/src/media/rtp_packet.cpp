// RTP packets; see rtp_packet.h.
//
//   byte 0: version (2 bits, = 2), padding, extension, CSRC count (4 bits)
//   byte 1: marker, payload type (7 bits)
//   bytes 2-3 sequence, 4-7 timestamp, 8-11 SSRC (network order), then 4 bytes a CSRC;
//   an extension: profile (16 bits), length in 32-bit words (16 bits), the words;
//   with padding, the last byte counts the padding bytes, itself included.
#include "telephony/media/rtp_packet.h"

namespace frontline::telephony::media {
namespace {

constexpr std::size_t kFixedHeader = 12;

std::uint16_t read16(std::span<const std::uint8_t> d, std::size_t at) {
  return static_cast<std::uint16_t>((d[at] << 8) | d[at + 1]);
}

std::uint32_t read32(std::span<const std::uint8_t> d, std::size_t at) {
  return (static_cast<std::uint32_t>(d[at]) << 24) | (static_cast<std::uint32_t>(d[at + 1]) << 16) |
         (static_cast<std::uint32_t>(d[at + 2]) << 8) | static_cast<std::uint32_t>(d[at + 3]);
}

void put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v >> 16));
  put16(out, static_cast<std::uint16_t>(v));
}

std::string needs(const std::string& what, std::size_t bytes, std::size_t have) {
  return what + ": " + std::to_string(bytes) + " bytes needed, the datagram has " + std::to_string(have);
}

}  // namespace

std::variant<RtpPacketView, std::string> parseRtp(std::span<const std::uint8_t> d) {
  if (d.size() < kFixedHeader) return needs("the RTP header", kFixedHeader, d.size());
  const int version = d[0] >> 6;
  if (version != 2) return "RTP version " + std::to_string(version) + ", not 2";
  const bool padding = (d[0] & 0x20) != 0;
  const bool extension = (d[0] & 0x10) != 0;
  const std::size_t csrcCount = d[0] & 0x0F;
  RtpPacketView p;
  p.header.marker = (d[1] & 0x80) != 0;
  p.header.payloadType = d[1] & 0x7F;
  p.header.sequence = read16(d, 2);
  p.header.timestamp = read32(d, 4);
  p.header.ssrc = read32(d, 8);
  std::size_t at = kFixedHeader;
  if (at + 4 * csrcCount > d.size()) {
    return needs(std::to_string(csrcCount) + " CSRCs", at + 4 * csrcCount, d.size());
  }
  for (std::size_t i = 0; i < csrcCount; ++i, at += 4) p.header.csrcs.push_back(read32(d, at));
  if (extension) {
    if (at + 4 > d.size()) return needs("the header extension", at + 4, d.size());
    p.hasExtension = true;
    p.extensionProfile = read16(d, at);
    const std::size_t words = read16(d, at + 2);
    at += 4;
    if (at + 4 * words > d.size())
      return needs("the header extension's " + std::to_string(words) + " words", at + 4 * words, d.size());
    p.extension = d.subspan(at, 4 * words);
    at += 4 * words;
  }
  std::size_t end = d.size();
  if (padding) {
    const std::size_t count = d.back();
    if (count == 0 || count > end - at) {
      return "padding of " + std::to_string(count) + " bytes in a payload of " + std::to_string(end - at);
    }
    end -= count;
  }
  p.payload = d.subspan(at, end - at);
  return p;
}

bool looksLikeRtcp(std::span<const std::uint8_t> d) {
  return d.size() >= 2 && (d[0] >> 6) == 2 && d[1] >= 200 && d[1] <= 204;
}

std::vector<std::uint8_t> writeRtp(const RtpHeader& h, std::span<const std::uint8_t> payload) {
  std::vector<std::uint8_t> out;
  const std::size_t csrcs = h.csrcs.size() > 15 ? 15 : h.csrcs.size();
  out.reserve(kFixedHeader + 4 * csrcs + payload.size());
  out.push_back(static_cast<std::uint8_t>(0x80 | csrcs));
  out.push_back(static_cast<std::uint8_t>((h.marker ? 0x80 : 0) | (h.payloadType & 0x7F)));
  put16(out, h.sequence);
  put32(out, h.timestamp);
  put32(out, h.ssrc);
  for (std::size_t i = 0; i < csrcs; ++i) put32(out, h.csrcs[i]);
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

}  // namespace frontline::telephony::media
