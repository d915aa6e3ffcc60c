#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

#include "telephony/media/rtp_packet.h"

using namespace frontline::telephony::media;

namespace {

std::vector<std::uint8_t> bytes(std::initializer_list<int> values) {
  std::vector<std::uint8_t> out;
  for (int v : values) out.push_back(static_cast<std::uint8_t>(v));
  return out;
}

std::string errorOf(const std::vector<std::uint8_t>& datagram) {
  const auto parsed = parseRtp(datagram);
  return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : "";
}

}  // namespace

TEST_CASE("an RTP packet written is read back field for field", "[media][rtp]") {
  RtpHeader h;
  h.marker = true;
  h.payloadType = 101;
  h.sequence = 0xFFFE;
  h.timestamp = 0x89ABCDEF;
  h.ssrc = 0x01020304;
  h.csrcs = {7, 0xFFFFFFFF};
  const std::vector<std::uint8_t> payload = {1, 2, 3, 4, 5};
  const auto datagram = writeRtp(h, payload);
  CHECK(datagram.size() == 12 + 8 + 5);
  CHECK(datagram[0] == 0x82);  // version 2, two CSRCs
  CHECK(datagram[1] == (0x80 | 101));
  const auto parsed = parseRtp(datagram);
  REQUIRE(std::holds_alternative<RtpPacketView>(parsed));
  const auto& p = std::get<RtpPacketView>(parsed);
  CHECK(p.header.marker);
  CHECK(p.header.payloadType == 101);
  CHECK(p.header.sequence == 0xFFFE);
  CHECK(p.header.timestamp == 0x89ABCDEF);
  CHECK(p.header.ssrc == 0x01020304);
  CHECK(p.header.csrcs == std::vector<std::uint32_t>{7, 0xFFFFFFFF});
  CHECK(!p.hasExtension);
  CHECK(std::vector<std::uint8_t>(p.payload.begin(), p.payload.end()) == payload);
}

TEST_CASE("an RTP header extension and padding are stepped over", "[media][rtp]") {
  // V=2, P=1, X=1, CC=0; PT 0; seq 1; ts 160; ssrc 9; extension profile 0xBEDE, one word;
  // payload "ab"; three bytes of padding (the last says 3).
  const auto d =
      bytes({0xB0, 0x00, 0, 1, 0, 0, 0, 160, 0, 0, 0, 9, 0xBE, 0xDE, 0, 1, 0x10, 0x20, 0x30, 0x40, 'a', 'b', 0, 0, 3});
  const auto parsed = parseRtp(d);
  REQUIRE(std::holds_alternative<RtpPacketView>(parsed));
  const auto& p = std::get<RtpPacketView>(parsed);
  CHECK(p.hasExtension);
  CHECK(p.extensionProfile == 0xBEDE);
  CHECK(p.extension.size() == 4);
  CHECK(std::string(p.payload.begin(), p.payload.end()) == "ab");
  CHECK(p.header.timestamp == 160);
}

TEST_CASE("datagrams that are not RTP say why, whatever their bytes", "[media][rtp]") {
  CHECK(errorOf(bytes({0x80, 0, 0, 1})) == "the RTP header: 12 bytes needed, the datagram has 4");
  CHECK(errorOf(bytes({0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0})) == "RTP version 1, not 2");
  CHECK(errorOf(bytes({0x84, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4})) ==
        "4 CSRCs: 28 bytes needed, the datagram has 16");
  CHECK(errorOf(bytes({0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE, 0, 2, 1, 2, 3, 4})) ==
        "the header extension's 2 words: 24 bytes needed, the datagram has 20");
  CHECK(errorOf(bytes({0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 'x', 9})) == "padding of 9 bytes in a payload of 2");
  CHECK(errorOf(bytes({0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 'x', 0})) == "padding of 0 bytes in a payload of 2");
  // Every prefix of a good packet, and every byte of it flipped: an answer, never a crash.
  RtpHeader h;
  h.csrcs = {1, 2, 3};
  auto good = writeRtp(h, std::vector<std::uint8_t>(40, 0x55));
  for (std::size_t n = 0; n <= good.size(); ++n) (void)parseRtp(std::span<const std::uint8_t>(good.data(), n));
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      auto bad = good;
      bad[i] = static_cast<std::uint8_t>(bad[i] ^ (1 << bit));
      const auto parsed = parseRtp(bad);
      if (const auto* p = std::get_if<RtpPacketView>(&parsed))
        CHECK(p->payload.data() + p->payload.size() <= bad.data() + bad.size());
    }
  }
}

TEST_CASE("RTCP on the RTP port is told apart, and sequence numbers compare across the wrap", "[media][rtp]") {
  CHECK(looksLikeRtcp(bytes({0x81, 200, 0, 6})));    // sender report
  CHECK(looksLikeRtcp(bytes({0x81, 201, 0, 7})));    // receiver report
  CHECK(!looksLikeRtcp(bytes({0x80, 0, 0, 1})));     // PCMU
  CHECK(!looksLikeRtcp(bytes({0x80, 0xE5, 0, 1})));  // payload type 101 with the marker: 229
  CHECK(sequenceAfter(1, 0));
  CHECK(sequenceAfter(0, 65535));
  CHECK(sequenceAfter(100, 65000));
  CHECK(!sequenceAfter(65000, 100));
  CHECK(!sequenceAfter(5, 5));
}
