// The customer's voice as arousal (emotion/voice_features.h): synthetic calls, a calm caller
// who then speaks louder, higher and faster over the agent, a long silence between.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "emotion/voice_features.h"

using namespace frontline::emotion;

namespace {

constexpr int kRate = 8000;

// A tone at `hz`, its loudness swinging `modHz` times a second (syllables).
void speak(std::vector<float>& v, double seconds, double hz, double amplitude, double modHz) {
  for (int i = 0; i < seconds * kRate; ++i) {
    const double t = static_cast<double>(i) / kRate;
    const double envelope = 0.55 + 0.45 * std::sin(2 * M_PI * modHz * t);
    v.push_back(static_cast<float>(amplitude * envelope * std::sin(2 * M_PI * hz * t)));
  }
}

void quiet(std::vector<float>& v, double seconds) {
  v.insert(v.end(), static_cast<std::size_t>(seconds * kRate), 0.0f);
}

}  // namespace

TEST_CASE("YIN finds a tone's pitch and none in silence", "[emotion][voice]") {
  std::vector<float> tone;
  speak(tone, 0.04, 180, 0.3, 0);
  CHECK(yinPitch(tone, kRate) == Approx(180).epsilon(0.02));
  std::vector<float> none;
  quiet(none, 0.04);
  CHECK(yinPitch(none, kRate) == 0);
}

TEST_CASE("a caller louder, higher and faster than their first seconds, over the agent, is agitated",
          "[emotion][voice]") {
  std::vector<float> customer, agent;
  speak(customer, 11, 150, 0.1, 3);  // calm: the baseline
  quiet(customer, 4);
  speak(customer, 5, 250, 0.4, 6);  // louder, higher, faster
  quiet(agent, 18);
  speak(agent, 2, 400, 0.1, 3);  // the agent talks over the last two seconds
  const VoiceAnalysis a = analyseVoice(customer, agent, kRate);
  REQUIRE(a.segments.size() == 2);
  CHECK(a.baseline.seconds == Approx(10));
  CHECK(a.baseline.pitchHz == Approx(150).epsilon(0.03));
  CHECK(a.segments[0].arousal < 0.1f);
  CHECK(a.segments[1].arousal > 0.8f);
  CHECK(a.segments[1].loudnessDb > a.segments[0].loudnessDb + 10);
  CHECK(a.segments[1].pitchHz == Approx(250).epsilon(0.03));
  CHECK(a.segments[1].ratePerS > a.segments[0].ratePerS * 1.5);
  CHECK(a.talkOverS == Approx(2).margin(0.1));
  REQUIRE(a.silences.size() == 1);
  CHECK(a.silences[0].endS - a.silences[0].startS == Approx(3.8).margin(0.3));
}

TEST_CASE("each change alone moves arousal the right way", "[emotion][voice]") {
  auto second = [](double hz, double amplitude, double modHz) {
    std::vector<float> customer, agent;
    speak(customer, 11, 150, 0.1, 3);
    quiet(customer, 1);
    speak(customer, 4, hz, amplitude, modHz);
    quiet(agent, static_cast<double>(customer.size()) / kRate);
    return analyseVoice(customer, agent, kRate).segments.back().arousal;
  };
  const float same = second(150, 0.1, 3);
  CHECK(same < 0.1f);
  CHECK(second(150, 0.3, 3) > same + 0.3f);  // louder
  CHECK(second(220, 0.1, 3) > same + 0.3f);  // higher
  CHECK(second(150, 0.1, 6) > same + 0.3f);  // faster
}

TEST_CASE("silence only, or nothing, gives no segments and no crash", "[emotion][voice]") {
  std::vector<float> none;
  quiet(none, 5);
  CHECK(analyseVoice(none, none, kRate).segments.empty());
  CHECK(analyseVoice({}, {}, kRate).segments.empty());
  CHECK(analyseVoice(none, none, 100).segments.empty());
}
