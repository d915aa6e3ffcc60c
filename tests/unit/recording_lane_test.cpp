// The replay's recording lane: the levels of both channels of a real Ogg Opus recording,
// the silences over 3 s and the talk-over of 1 s or more found where they were spoken,
// and why there is no lane when there is none.
#include <catch2/catch.hpp>

#include <cmath>

#include "replay/recording_lane.h"
#include "telephony/media/ogg_opus.h"
#include "test_support.h"

using namespace frontline;
using namespace frontline::test;

namespace {

constexpr std::int64_t kStartUs = 1'780'000'000'000'000LL;

// Seconds [from, to) of a channel that speak (a tone), the rest silent.
struct Speech {
  double from, to;
};

// A stereo 8 kHz recording: the customer (left) and the agent (right) speak when told.
std::string writeRecording(const std::string& path, double seconds, const std::vector<Speech>& customer,
                           const std::vector<Speech>& agent) {
  telephony::media::OggOpusWriter w;
  REQUIRE(w.open(path, 8000, 2).empty());
  const auto speaks = [](const std::vector<Speech>& s, double t) {
    for (const auto& x : s) {
      if (t >= x.from && t < x.to) return true;
    }
    return false;
  };
  std::vector<std::int16_t> frame(320);
  for (int f = 0; f < static_cast<int>(seconds * 50); ++f) {
    for (int i = 0; i < 160; ++i) {
      const double t = (f * 160 + i) / 8000.0;
      const auto tone = [&](double hz) { return static_cast<std::int16_t>(9000 * std::sin(2 * M_PI * hz * t)); };
      frame[2 * i] = speaks(customer, t) ? tone(440) : 0;
      frame[2 * i + 1] = speaks(agent, t) ? tone(660) : 0;
    }
    w.write(frame);
  }
  w.close();
  return path;
}

replay::ReplayCase caseWith(std::vector<store::InteractionEvent> events) {
  replay::ReplayCase c;
  c.interactionId = "call-1";
  c.events = std::move(events);
  c.startUs = kStartUs - 5'000'000;
  c.endUs = kStartUs + 20'000'000;
  return c;
}

store::InteractionEvent event(store::EventKind kind, const std::string& payload) {
  return {"agent-01", 1, "call-1", kStartUs + 15'000'000, kind, "agent-01", payload};
}

bool near(std::int64_t us, double seconds) {
  return std::abs(static_cast<double>(us - kStartUs) / 1e6 - seconds) < 0.15;
}

}  // namespace

TEST_CASE("the recording lane finds the long silence and the talk-over where they were", "[replay][recording]") {
  TempDir dir;
  // customer 0-2 s, nobody 2-6 s, both 6-8 s, agent 8-9 s, nobody 9-11 s (too short to mark), customer 11-12 s.
  const std::string path = writeRecording(dir.file("call.opus"), 12, {{0, 2}, {6, 8}, {11, 12}}, {{6, 8}, {8, 9}});
  const auto c = caseWith({event(store::EventKind::Recorded, R"({"path":")" + path + R"(","started_us":)" +
                                                                 std::to_string(kStartUs) + R"(,"paused_ms":0})")});
  const auto lane = replay::loadRecordingLane(c);
  REQUIRE(lane.unavailable.empty());
  CHECK(lane.startUs == kStartUs);
  CHECK(std::abs(static_cast<double>(lane.endUs() - kStartUs) / 1e6 - 12.0) < 0.1);
  REQUIRE(lane.silences.size() == 1);
  CHECK(near(lane.silences[0].fromUs, 2.0));
  CHECK(near(lane.silences[0].toUs, 6.0));
  REQUIRE(lane.talkOver.size() == 1);
  CHECK(near(lane.talkOver[0].fromUs, 6.0));
  CHECK(near(lane.talkOver[0].toUs, 8.0));
  // The channels are told apart: at 1 s only the customer is loud, at 8.5 s only the agent.
  const auto at = [&](const std::vector<float>& db, double s) { return db[static_cast<std::size_t>(s * 20)]; };
  CHECK(at(lane.customerDb, 1.0) > replay::kSpeechDb);
  CHECK(at(lane.agentDb, 1.0) < replay::kSpeechDb);
  CHECK(at(lane.customerDb, 8.5) < replay::kSpeechDb);
  CHECK(at(lane.agentDb, 8.5) > replay::kSpeechDb);
}

TEST_CASE("the recording lane says why there is no audio", "[replay][recording]") {
  CHECK(replay::loadRecordingLane(caseWith({})).unavailable == "no recording of this contact");
  const auto gone = caseWith({event(store::EventKind::Recorded, R"({"path":"/nonexistent/x.opus"})")});
  CHECK_THAT(replay::loadRecordingLane(gone).unavailable, Catch::Contains("is not on this console"));
  const auto deleted = caseWith({event(store::EventKind::Recorded, R"({"path":"/nonexistent/x.opus"})"),
                                 event(store::EventKind::RecordingDeleted, R"({"retention_days":90})")});
  CHECK(replay::loadRecordingLane(deleted).unavailable ==
        "the recording was deleted (kept 90 days: recordings.retention_days)");
  TempDir dir;
  const std::string junk = dir.file("junk.opus");
  std::FILE* f = std::fopen(junk.c_str(), "wb");
  std::fputs("not an ogg file", f);
  std::fclose(f);
  const auto damaged = caseWith({event(store::EventKind::Recorded, R"({"path":")" + junk + R"("})")});
  CHECK_THAT(replay::loadRecordingLane(damaged).unavailable, Catch::Contains("not an Ogg Opus file"));
}
