#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "telephony/media/dtmf.h"

using namespace frontline::telephony::media;

TEST_CASE("DTMF keys and RFC 4733 event codes", "[media][dtmf]") {
  const std::string keys = "0123456789*#ABCD";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    REQUIRE(dtmfEventCode(keys[i]) == static_cast<std::uint8_t>(i));
    CHECK(dtmfKey(static_cast<std::uint8_t>(i)) == keys[i]);
  }
  CHECK(dtmfEventCode('b') == 13);
  CHECK_FALSE(dtmfEventCode('E'));
  CHECK_FALSE(dtmfEventCode(' '));
  CHECK(dtmfKey(16) == '?');
  const DtmfPayload p{11, true, 10, 800};
  const auto bytes = writeDtmf(p);
  CHECK(bytes == std::vector<std::uint8_t>{11, 0x8a, 0x03, 0x20});
  const auto back = parseDtmf(bytes);
  REQUIRE(back);
  CHECK(back->event == 11);
  CHECK(back->end);
  CHECK(back->volume == 10);
  CHECK(back->duration == 800);
  CHECK_FALSE(parseDtmf(std::vector<std::uint8_t>{1, 2, 3}));
}

TEST_CASE("a digit is 100 ms of events at one timestamp, the end sent three times, then a gap", "[media][dtmf]") {
  DtmfSender s;
  CHECK(s.idle());
  CHECK(s.frame(0).empty());  // nothing queued: audio
  REQUIRE(s.queue('1'));
  REQUIRE(s.queue('#'));
  CHECK_FALSE(s.queue('x'));
  std::uint32_t ts = 1000;
  std::vector<std::vector<DtmfSender::Packet>> frames;
  for (int i = 0; i < 16; ++i, ts += 160) frames.push_back(s.frame(ts));
  // '1': frames 0-4; the gap: 5-7; '#': 8-12; then audio.
  for (int i = 0; i < 5; ++i) {
    INFO("frame " << i);
    const auto& f = frames[i];
    REQUIRE(f.size() == (i < 4 ? 1u : 3u));
    for (const auto& p : f) {
      CHECK(p.timestamp == 1000);  // where the event began
      CHECK(p.payload.event == 1);
      CHECK(p.payload.duration == 160 * (i + 1));
      CHECK(p.payload.end == (i == 4));
      CHECK(p.marker == (i == 0));
    }
  }
  for (int i = 5; i < 8; ++i) CHECK(frames[i].empty());
  REQUIRE(frames[8].size() == 1);
  CHECK(frames[8][0].timestamp == 1000 + 8 * 160);
  CHECK(frames[8][0].payload.event == 11);
  CHECK(frames[8][0].marker);
  CHECK(frames[12].size() == 3);
  CHECK(frames[12][0].payload.end);
  CHECK(frames[13].empty());
  for (int i = 13; i < 16; ++i) CHECK(frames[i].empty());
  CHECK(s.idle());
}

TEST_CASE("beside Opus a digit's duration counts the 48 kHz clock (telephone-event/48000)", "[media][dtmf]") {
  DtmfSender s(48000);
  REQUIRE(s.queue('5'));
  std::vector<std::vector<DtmfSender::Packet>> frames;
  for (std::uint32_t i = 0, ts = 0; i < 5; ++i, ts += 960) frames.push_back(s.frame(ts));
  CHECK(frames[0][0].payload.duration == 960);
  REQUIRE(frames[4].size() == 3);
  CHECK(frames[4][0].payload.duration == 4800);  // 100 ms
  CHECK(frames[4][0].timestamp == 0);
}
