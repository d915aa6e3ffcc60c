#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

#include "telephony/media/rtcp.h"

using namespace frontline::telephony::media;

namespace {
RtcpCompound parsed(const std::vector<std::uint8_t>& datagram) {
  auto result = parseRtcp(datagram);
  if (auto* error = std::get_if<std::string>(&result)) FAIL(*error);
  return std::get<RtcpCompound>(result);
}
std::string errorOf(const std::vector<std::uint8_t>& datagram) {
  auto result = parseRtcp(datagram);
  return std::holds_alternative<std::string>(result) ? std::get<std::string>(result) : "";
}
}  // namespace

TEST_CASE("a sender report with a block, SDES and BYE is read back field for field", "[media][rtcp]") {
  RtcpReport r;
  r.senderReport = true;
  r.ssrc = 0x11223344;
  r.ntpTime = 0xE1234567'89ABCDEFULL;
  r.rtpTimestamp = 160000;
  r.packetCount = 1000;
  r.octetCount = 160000;
  ReportBlock b;
  b.ssrc = 0xAABBCCDD;
  b.fractionLost = 25;
  b.cumulativeLost = -3;  // duplicates: negative, 24-bit signed on the wire
  b.highestSequence = 0x1FFFF;
  b.jitter = 80;
  b.lastSenderReport = 0x45678912;
  b.delaySinceLast = 65536;
  r.blocks = {b};
  const auto datagram = writeRtcp(r, "frontline@127.0.0.1", true);
  CHECK(datagram.size() % 4 == 0);
  const RtcpCompound c = parsed(datagram);
  CHECK(c.bye);
  REQUIRE(c.reports.size() == 1);
  const RtcpReport& back = c.reports[0];
  CHECK(back.senderReport);
  CHECK(back.ssrc == r.ssrc);
  CHECK(back.ntpTime == r.ntpTime);
  CHECK(back.rtpTimestamp == 160000);
  CHECK(back.packetCount == 1000);
  CHECK(back.octetCount == 160000);
  REQUIRE(back.blocks.size() == 1);
  CHECK(back.blocks[0].ssrc == b.ssrc);
  CHECK(back.blocks[0].fractionLost == 25);
  CHECK(back.blocks[0].cumulativeLost == -3);
  CHECK(back.blocks[0].highestSequence == 0x1FFFF);
  CHECK(back.blocks[0].jitter == 80);
  CHECK(back.blocks[0].lastSenderReport == 0x45678912);
  CHECK(back.blocks[0].delaySinceLast == 65536);

  RtcpReport rr;
  rr.ssrc = 9;
  const RtcpCompound receiverOnly = parsed(writeRtcp(rr, "x"));
  REQUIRE(receiverOnly.reports.size() == 1);
  CHECK_FALSE(receiverOnly.reports[0].senderReport);
  CHECK(receiverOnly.reports[0].blocks.empty());
  CHECK_FALSE(receiverOnly.bye);
}

TEST_CASE("malformed RTCP says what is wrong", "[media][rtcp]") {
  RtcpReport r;
  r.senderReport = true;
  r.blocks.resize(2);
  auto good = writeRtcp(r, "cname");
  CHECK(errorOf({0x80}) == "shorter than an RTCP header");
  auto version = good;
  version[0] = static_cast<std::uint8_t>((version[0] & 0x3f) | 0x40);
  CHECK(errorOf(version) == "version 1, not 2");
  auto cut = good;
  cut.resize(40);
  CHECK(errorOf(cut).find("remain") != std::string::npos);
  auto blocks = good;
  blocks[0] = static_cast<std::uint8_t>(0x80 | 5);  // says five blocks, has two
  CHECK(errorOf(blocks).find("5 report blocks needs") != std::string::npos);
  std::vector<std::uint8_t> rtp = {0x80, 0x00, 0, 1, 0, 0, 0, 1};  // PCMU, sequence 1
  CHECK(errorOf(rtp) == "packet type 0 is not RTCP (192-223)");
  auto trailing = good;
  trailing.push_back(0x81);
  CHECK(errorOf(trailing) == "a trailing 1 bytes after the last packet");
}

TEST_CASE("reduced-size RTCP (an APP or SDES alone, RFC 5506) is taken, with no report in it", "[media][rtcp]") {
  // baresip's keep-alive: APP "PING" from SSRC 1, nothing else in the datagram.
  const std::vector<std::uint8_t> app = {0x80, 204, 0, 2, 0, 0, 0, 1, 'P', 'I', 'N', 'G'};
  const RtcpCompound a = parsed(app);
  CHECK(a.reports.empty());
  CHECK_FALSE(a.bye);
  const std::vector<std::uint8_t> sdes = {0x81, 202, 0, 1, 0, 0, 0, 1};
  CHECK(parsed(sdes).reports.empty());
  // A BYE alone still ends the stream.
  const std::vector<std::uint8_t> bye = {0x81, 203, 0, 1, 0, 0, 0, 1};
  CHECK(parsed(bye).bye);
}

TEST_CASE("reception statistics: loss, the fraction per interval, the sequence wrap", "[media][rtcp]") {
  ReceptionStats s;
  // 65530 .. 65535, 0 .. 13 with 2 and 3 missing: 20 expected, 18 received.
  for (int i = 0; i < 20; ++i) {
    const auto sequence = static_cast<std::uint16_t>(65530 + i);
    if (sequence == 2 || sequence == 3) continue;
    s.received(sequence);
  }
  CHECK(s.packets() == 18);
  CHECK(s.lost() == 2);
  const ReportBlock first = s.block(7, 40, ntpFromUnixUs(0));
  CHECK(first.ssrc == 7);
  CHECK(first.highestSequence == 65536 + 13);  // one wrap
  CHECK(first.cumulativeLost == 2);
  CHECK(first.fractionLost == (2 * 256) / 20);
  CHECK(first.jitter == 40);
  CHECK(first.lastSenderReport == 0);  // no SR from them yet
  // A late packet from before the wrap does not count as a wrap.
  s.received(65533);
  for (int i = 14; i < 24; ++i) s.received(static_cast<std::uint16_t>(i));
  const ReportBlock second = s.block(7, 0, ntpFromUnixUs(0));
  CHECK(second.highestSequence == 65536 + 23);
  CHECK(second.fractionLost == 0);  // nothing lost in this interval (the duplicate makes up for nothing)
  CHECK(second.cumulativeLost == 1);
}

TEST_CASE("the round trip from LSR and DLSR", "[media][rtcp]") {
  const std::uint64_t sent = ntpFromUnixUs(1'700'000'000'000'000LL);
  ReceptionStats s;
  s.received(1);
  s.senderReportArrived(sent, ntpFromUnixUs(1'700'000'000'010'000LL));  // their SR, 10 ms after they sent it
  // Our block says: their SR's middle bits, held for 250 ms before our report.
  const ReportBlock ours = s.block(1, 0, ntpFromUnixUs(1'700'000'000'260'000LL));
  CHECK(ours.lastSenderReport == ntpMiddle(sent));
  CHECK(ours.delaySinceLast == Approx(0.25 * 65536).margin(2));
  // It arrives back at them 10 ms later: the round trip is 20 ms.
  const auto rtt = roundTripMs(ours, ntpFromUnixUs(1'700'000'000'270'000LL));
  REQUIRE(rtt);
  CHECK(*rtt == Approx(20.0).margin(0.1));
  CHECK_FALSE(roundTripMs(ReportBlock{}, ntpFromUnixUs(0)));
  CHECK(ntpFromUnixUs(0) >> 32 == 2208988800ULL);
  CHECK((ntpFromUnixUs(500000) & 0xffffffffULL) == 0x80000000ULL);
}
