// The trainer's playback: a real Ogg Opus recording played into a file device, frame by
// frame as the playback thread would. What comes out follows the playhead (from where it
// is, after a jump), is silent while paused and before the recording starts, and at 2x is
// the same speech twice as fast and an octave up (a plain speed change, as the replay says).
#include <catch2/catch.hpp>

#include <cmath>

#include "replay/recording_player.h"
#include "telephony/media/wav_file.h"
#include "test_support.h"

using namespace frontline;
using namespace frontline::test;

namespace {

constexpr std::int64_t kStartUs = 1'780'000'000'000'000LL;

// Two seconds: the customer says 440 Hz for a second (left), then the agent 880 Hz (right).
std::string writeRecording(const std::string& path) {
  telephony::media::OggOpusWriter w;
  REQUIRE(w.open(path, 8000, 2).empty());
  std::vector<std::int16_t> frame(320);
  for (int f = 0; f < 100; ++f) {
    for (int i = 0; i < 160; ++i) {
      const double t = (f * 160 + i) / 8000.0;
      const auto tone = static_cast<std::int16_t>(9000 * std::sin(2 * M_PI * (t < 1 ? 440 : 880) * t));
      frame[2 * i] = t < 1 ? tone : 0;
      frame[2 * i + 1] = t < 1 ? 0 : tone;
    }
    w.write(frame);
  }
  w.close();
  return path;
}

// The pitch of 20 ms frames [from, until) of what was heard, from zero crossings (0: silence).
double pitch(const std::vector<std::int16_t>& heard, int from, int until) {
  int crossings = 0;
  double energy = 0;
  for (int i = from * 160 + 1; i < until * 160; ++i) {
    if ((heard[i - 1] < 0) != (heard[i] < 0)) ++crossings;
    energy += double(heard[i]) * heard[i];
  }
  if (energy / ((until - from) * 160) < 100.0 * 100.0) return 0;
  return crossings / 2.0 / ((until - from) * 0.02);
}

bool about(double hz, double expected) {
  return std::abs(hz - expected) < expected * 0.08;
}

}  // namespace

TEST_CASE("the trainer hears the recording in step with the playhead", "[replay][recording]") {
  TempDir dir;
  const std::string recording = writeRecording(dir.file("call.opus"));
  const std::string heardPath = dir.file("heard.wav");
  auto device =
      std::get<std::unique_ptr<telephony::media::AudioDevice>>(telephony::media::openAudioDevice("file:," + heardPath));
  device->begin();
  replay::RecordingPlayer player(std::move(device));
  REQUIRE(player.load(recording, kStartUs).empty());
  auto frames = [&](int n) {
    for (int i = 0; i < n; ++i) player.renderFrame();
  };
  player.follow(kStartUs - 200'000, true, 1.0);    // the call was ringing: 10 frames of nothing
  frames(10);                                      // 0-10
  frames(50);                                      // 10-60: the customer's first second
  player.follow(kStartUs + 500'000, false, 1.0);   // paused
  frames(10);                                      // 60-70: silence
  player.follow(kStartUs + 1'200'000, true, 1.0);  // a jump into the agent's second
  frames(20);                                      // 70-90: the agent
  player.follow(kStartUs, true, 2.0);              // back to the start at 2x
  frames(50);                                      // 90-140: both seconds in one, an octave up
  player.follow(kStartUs, true, 4.0);              // 4x: silent
  frames(10);                                      // 140-150
  CHECK_THAT(player.status(), Catch::Contains("off above 2x"));
  player.stop();

  auto heard = std::get<telephony::media::WavAudio>(telephony::media::readWav(heardPath)).samples;
  REQUIRE(heard.size() == 150 * 160);
  CHECK(pitch(heard, 0, 10) == 0);
  CHECK(about(pitch(heard, 12, 58), 440));
  CHECK(pitch(heard, 61, 70) == 0);
  CHECK(about(pitch(heard, 71, 89), 880));
  CHECK(about(pitch(heard, 91, 114), 880));    // the customer's 440 at 2x
  CHECK(about(pitch(heard, 116, 139), 1760));  // the agent's 880 at 2x
  CHECK(pitch(heard, 141, 150) == 0);
}

TEST_CASE("the player says what the trainer hears, and refuses a file it cannot read", "[replay][recording]") {
  TempDir dir;
  replay::RecordingPlayer player(
      std::get<std::unique_ptr<telephony::media::AudioDevice>>(telephony::media::openAudioDevice("null")));
  CHECK(player.status().empty());
  CHECK_THAT(player.load(dir.file("missing.opus"), kStartUs), Catch::Contains("missing.opus"));
  REQUIRE(player.load(writeRecording(dir.file("call.opus")), kStartUs).empty());
  player.follow(kStartUs, true, 1.0);
  CHECK(player.status() == "sound at 1x through null");
  player.follow(kStartUs, true, 0.5);
  CHECK_THAT(player.status(), Catch::Contains("the pitch falls"));
  player.follow(kStartUs, false, 1.0);
  CHECK_THAT(player.status(), Catch::Contains("paused"));
}
