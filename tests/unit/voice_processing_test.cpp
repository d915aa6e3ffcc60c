// Voice processing around the agent's headset: with an echo path (what is played comes
// back into the microphone 60 ms later, 18 dB down), the canceller takes most of the
// echo out of what the caller would hear; the agent's own voice still goes through while
// the caller talks (double talk); without processing the echo goes through whole.
#include <catch2/catch.hpp>

#include <cmath>
#include <deque>
#include <functional>
#include <numbers>
#include <random>

#include "media/voice_processing_device.h"

using namespace frontline::telephony::media;

namespace {

// A headset whose speaker leaks into its microphone: the played audio comes back
// `delayFrames` later 18 dB down, on top of the agent's voice (`voice`, if set).
class EchoingHeadset : public AudioDevice {
 public:
  explicit EchoingHeadset(int delayFrames) : m_line(static_cast<std::size_t>(delayFrames) * 160, 0) {}
  std::function<std::int16_t(std::size_t)> voice;
  void capture(std::span<std::int16_t> samples) override {
    for (auto& s : samples) {
      const int echo = m_line.front() / 8;  // 18 dB down: an open headset, a laptop's speaker
      m_line.pop_front();
      m_line.push_back(0);
      s = static_cast<std::int16_t>(std::clamp(echo + (voice ? voice(m_t) : 0), -32768, 32767));
      ++m_t;
    }
  }
  void play(std::span<const std::int16_t> samples) override {
    // The newest samples enter at the back of the delay line.
    for (std::size_t i = 0; i < samples.size(); ++i) m_line[m_line.size() - samples.size() + i] += samples[i];
  }
  std::string describe() const override { return "echoing"; }

 private:
  std::deque<std::int16_t> m_line;
  std::size_t m_t = 0;
};

// The caller talking: noise shaped in bursts like speech, about -20 dBFS.
std::vector<std::int16_t> callerFrame(std::mt19937& rng, int frame) {
  std::normal_distribution<double> noise(0.0, 3000.0);
  std::vector<std::int16_t> f(160);
  const double envelope = (frame / 15) % 4 == 3 ? 0.1 : 1.0;  // a pause now and then
  for (auto& s : f) s = static_cast<std::int16_t>(std::clamp(noise(rng) * envelope, -32767.0, 32767.0));
  return f;
}

double energy(std::span<const std::int16_t> s) {
  double e = 0;
  for (auto v : s) e += double(v) * v;
  return e;
}

// The power of `hz` in the samples (Goertzel).
double toneEnergy(std::span<const std::int16_t> s, double hz) {
  const double k = 2.0 * std::cos(2.0 * std::numbers::pi * hz / kMediaSampleRate);
  double a = 0, b = 0;
  for (auto v : s) {
    const double c = v + k * a - b;
    b = a;
    a = c;
  }
  return a * a + b * b - k * a * b;
}

struct Run {
  double echoOut = 0;              // what the microphone sent in the 2 s before the agent speaks
  std::vector<std::int16_t> sent;  // what the caller would hear, all of it
};

Run run(AudioDevice& device, EchoingHeadset& headset, int frames, bool agentTalks) {
  std::mt19937 rng(7);
  Run r;
  for (int i = 0; i < frames; ++i) {
    const auto far = callerFrame(rng, i);
    device.play(far);
    std::vector<std::int16_t> mic(160);
    headset.voice = agentTalks && i >= frames - 50 ? std::function<std::int16_t(std::size_t)>([](std::size_t t) {
      return static_cast<std::int16_t>(4000 * std::sin(2 * std::numbers::pi * 700 * static_cast<double>(t) / 8000.0));
    })
                                                   : nullptr;
    device.capture(mic);
    r.sent.insert(r.sent.end(), mic.begin(), mic.end());
    if (i >= frames - 150 && i < frames - 50) r.echoOut += energy(mic);
  }
  return r;
}

}  // namespace

TEST_CASE("echo cancellation takes the caller's voice out of the agent's microphone", "[media][voice-processing]") {
  // Without processing: the echo goes to the caller as it is.
  EchoingHeadset plain(3);
  const Run unprocessed = run(plain, plain, 500, false);

  auto headset = std::make_unique<EchoingHeadset>(3);
  EchoingHeadset& leak = *headset;
  VoiceProcessing settings;
  settings.noiseSuppression = false;
  settings.gainControl = false;
  settings.echoDelayMs = 60;
  VoiceProcessingDevice device(std::move(headset), settings);
  const Run processed = run(device, leak, 500, false);
  const double reductionDb = 10 * std::log10(unprocessed.echoOut / std::max(processed.echoOut, 1.0));
  // 14.9 dB with this library (Debian's 0.3) on top of the 18 dB the headset's path loses.
  INFO("echo reduced by " << reductionDb << " dB over 2 s after 6 s of the caller talking");
  CHECK(reductionDb > 10);
  CHECK(device.describe() == "echoing, echo cancelled");
  CHECK(device.problem().empty());
}

TEST_CASE("with echo cancellation, noise suppression and gain, the agent's voice still reaches the caller",
          "[media][voice-processing]") {
  auto headset = std::make_unique<EchoingHeadset>(3);
  EchoingHeadset& leak = *headset;
  VoiceProcessingDevice device(std::move(headset), VoiceProcessing{});
  const Run r = run(device, leak, 500, true);
  // The last second: the agent says a 700 Hz "aah" while the caller talks; the second
  // before, only the caller talks (their echo is in the microphone).
  const std::span<const std::int16_t> last(r.sent.data() + r.sent.size() - 8000, 8000);
  const std::span<const std::int16_t> before(r.sent.data() + r.sent.size() - 16000, 8000);
  const double voice = toneEnergy(last, 700);
  const double quiet = toneEnergy(before, 700);
  INFO("700 Hz while the agent speaks: " << voice << ", the second before: " << quiet);
  CHECK(voice > 100 * quiet);
  // And it is not made quieter than a third of what was said (the gain control may lift it).
  const double said = 4000.0 / std::sqrt(2.0);
  CHECK(std::sqrt(energy(last) / 8000) > said / 3);
  CHECK(device.describe() == "echoing, echo cancelled, noise suppressed, gain controlled");
}
