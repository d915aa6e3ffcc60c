// The cost of a call's codec on the media thread: each 20 ms frame of the agent's voice
// encoded and one of the caller's decoded, as every call does 50 times a second, for
// G.711 (PCMU, PCMA) and Opus. Prints the median over rounds of the time per frame pair,
// what that is as a share of one core per call, and Opus's ratio to PCMU. Then the agent's
// headset's voice processing (echo cancellation, noise suppression, gain: one per console,
// not per call) per frame pair, against PCMU. Not a test.
//   codec_bench [SECONDS_OF_AUDIO=60] [ROUNDS=5]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "media/voice_processing_device.h"
#include "telephony/media/audio_device.h"
#include "telephony/media/voice_codec.h"

using namespace frontline::telephony::media;

namespace {

constexpr int kFrame = kMediaSampleRate / 50;

// Speech-like audio: a voiced buzz whose pitch and loudness wander, with breath noise and
// pauses, so that Opus works as hard as it does on a voice (not on a pure tone).
std::vector<std::int16_t> speechLike(int seconds) {
  std::mt19937 random(7);
  std::normal_distribution<double> noise(0, 300);
  std::vector<std::int16_t> out(static_cast<std::size_t>(seconds) * kMediaSampleRate);
  double phase = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = double(i) / kMediaSampleRate;
    const double pitch = 120 + 40 * std::sin(t * 1.7);
    phase += 2 * M_PI * pitch / kMediaSampleRate;
    const double syllable = std::max(0.0, std::sin(t * 2 * M_PI * 3.1));  // about 6 a second
    double v = 0;
    for (int h = 1; h <= 12; ++h) v += std::sin(phase * h) / h;
    out[i] = static_cast<std::int16_t>(std::clamp(4000 * syllable * v + noise(random), -32000.0, 32000.0));
  }
  return out;
}

double medianOf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Microseconds per frame pair (one encode, one decode of another call's packet).
double measure(const Codec& c, const std::vector<std::int16_t>& audio) {
  auto ours = makeVoiceCodec(c);
  auto theirs = makeVoiceCodec(c);
  if (!ours || !theirs) {
    std::fprintf(stderr, "codec_bench: no codec %s\n", c.name.c_str());
    std::exit(1);
  }
  // The caller's packets, made beforehand: only our side's work is timed.
  std::vector<std::vector<std::uint8_t>> packets;
  const std::size_t frames = audio.size() / kFrame;
  for (std::size_t f = 0; f < frames; ++f) packets.push_back(theirs->encode({audio.data() + f * kFrame, kFrame}));
  std::size_t bytes = 0, samples = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t f = 0; f < frames; ++f) {
    bytes += ours->encode({audio.data() + ((frames - 1 - f) * kFrame), kFrame}).size();
    const auto decoded = ours->decode(packets[f]);
    samples += std::get<std::vector<std::int16_t>>(decoded).size();
  }
  const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  if (samples != frames * kFrame || bytes == 0) {
    std::fprintf(stderr, "codec_bench: %s decoded %zu samples of %zu\n", c.name.c_str(), samples, frames * kFrame);
    std::exit(1);
  }
  return us / double(frames);
}

// A headset that hears its own speaker, 18 dB down, 60 ms later (the canceller's work).
class LeakyHeadset : public AudioDevice {
 public:
  explicit LeakyHeadset(const std::vector<std::int16_t>& voice) : m_voice(voice), m_line(480, 0) {}
  void capture(std::span<std::int16_t> samples) override {
    for (auto& s : samples) {
      s = static_cast<std::int16_t>(
          std::clamp(m_voice[m_at++ % m_voice.size()] / 2 + m_line[m_read++ % 480] / 8, -32768, 32767));
    }
  }
  void play(std::span<const std::int16_t> samples) override {
    for (auto v : samples) m_line[m_write++ % 480] = v;
  }
  std::string describe() const override { return "leaky"; }

 private:
  const std::vector<std::int16_t>& m_voice;
  std::vector<std::int16_t> m_line;
  std::size_t m_at = 0, m_read = 0, m_write = 0;
};

// Microseconds per frame pair through the voice processing (the caller's frame played,
// the agent's captured).
double measureProcessing(const std::vector<std::int16_t>& audio) {
  VoiceProcessingDevice device(std::make_unique<LeakyHeadset>(audio), VoiceProcessing{});
  const std::size_t frames = audio.size() / kFrame;
  std::vector<std::int16_t> mic(kFrame);
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t f = 0; f < frames; ++f) {
    device.play({audio.data() + f * kFrame, kFrame});
    device.capture(mic);
  }
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / double(frames);
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 60;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  const auto audio = speechLike(seconds);
  const std::vector<Codec> codecs = {{0, "PCMU", 8000, 1, ""}, {8, "PCMA", 8000, 1, ""}, {111, "opus", 48000, 2, ""}};
  std::printf("codec_bench: %d s of speech-like audio, 20 ms frames, median of %d rounds\n", seconds, rounds);
  std::printf("%-6s %14s %18s\n", "codec", "us/frame pair", "% core per call");
  double pcmu = 0;
  for (const Codec& c : codecs) {
    std::vector<double> runs;
    for (int r = 0; r < rounds; ++r) runs.push_back(measure(c, audio));
    const double us = medianOf(runs);
    if (c.name == "PCMU") pcmu = us;
    // A call runs one pair every 20,000 us.
    std::printf("%-6s %14.2f %17.3f%%", c.name.c_str(), us, us / 20000.0 * 100.0);
    if (c.name != "PCMU") std::printf("   (%.1f x PCMU)", us / pcmu);
    std::printf("\n");
  }
  std::vector<double> runs;
  for (int r = 0; r < rounds; ++r) runs.push_back(measureProcessing(audio));
  const double us = medianOf(runs);
  std::printf("%-6s %14.2f %17.3f%%   (%.1f x PCMU; once per console: the agent's headset)\n", "voice", us,
              us / 20000.0 * 100.0, us / pcmu);
  return 0;
}
