#include <catch2/catch.hpp>

#include <cmath>
#include <variant>
#include <vector>

#include "telephony/media/audio_device.h"
#include "telephony/media/voice_codec.h"

using namespace frontline::telephony::media;

namespace {

constexpr int kFrame = kMediaSampleRate / 50;  // 20 ms

// The share of a signal's energy at `freq` (Goertzel power against the total).
double toneShare(const std::vector<std::int16_t>& x, double freq) {
  const double coeff = 2 * std::cos(2 * M_PI * freq / kMediaSampleRate);
  double s1 = 0, s2 = 0, energy = 0;
  for (auto v : x) {
    const double s0 = v + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += double(v) * v;
  }
  const double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return energy > 0 ? power / (energy * double(x.size()) / 2) : 0;
}

// A tone through the codec, 20 ms at a time, for a second; what came out.
std::vector<std::int16_t> roundTrip(VoiceCodec& codec, double freq) {
  std::vector<std::int16_t> out;
  for (int f = 0; f < 50; ++f) {
    std::vector<std::int16_t> frame(kFrame);
    for (int i = 0; i < kFrame; ++i)
      frame[i] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * freq * (f * kFrame + i) / kMediaSampleRate));
    const auto payload = codec.encode(frame);
    REQUIRE_FALSE(payload.empty());
    auto decoded = codec.decode(payload);
    REQUIRE(std::holds_alternative<std::vector<std::int16_t>>(decoded));
    const auto& samples = std::get<std::vector<std::int16_t>>(decoded);
    CHECK(samples.size() == static_cast<std::size_t>(kFrame));
    out.insert(out.end(), samples.begin(), samples.end());
  }
  return out;
}

}  // namespace

TEST_CASE("the codecs we take, and their RTP clocks", "[media][codec]") {
  CHECK(supportedCodecs() == std::vector<std::string>{"PCMU", "PCMA", "opus"});
  CHECK(makeVoiceCodec(Codec{0, "PCMU", 8000, 1, ""})->clockRate() == 8000);
  CHECK(makeVoiceCodec(Codec{8, "pcma", 8000, 1, ""})->clockRate() == 8000);
  CHECK(makeVoiceCodec(Codec{111, "opus", 48000, 2, ""})->clockRate() == 48000);  // RFC 7587
  CHECK_FALSE(makeVoiceCodec(Codec{9, "G722", 8000, 1, ""}));
}

TEST_CASE("a tone keeps its pitch through G.711 and Opus", "[media][codec]") {
  for (const Codec& c :
       {Codec{0, "PCMU", 8000, 1, ""}, Codec{8, "PCMA", 8000, 1, ""}, Codec{111, "opus", 48000, 2, ""}}) {
    INFO(c.name);
    auto codec = makeVoiceCodec(c);
    REQUIRE(codec);
    const auto out = roundTrip(*codec, 1000);
    // Past Opus's start-up (its look-ahead and first frames), the tone is nearly all there is.
    const std::vector<std::int16_t> settled(out.begin() + kFrame * 5, out.end());
    CHECK(toneShare(settled, 1000) > 0.8);
    CHECK(toneShare(settled, 1500) < 0.05);
  }
}

TEST_CASE("Opus: 20 ms of narrowband speech is a small packet; a bad packet is an error, not a crash",
          "[media][codec]") {
  auto opus = makeVoiceCodec(Codec{111, "opus", 48000, 2, ""});
  std::vector<std::int16_t> frame(kFrame);
  for (int i = 0; i < kFrame; ++i) frame[i] = static_cast<std::int16_t>(6000 * std::sin(i * 0.7));
  const auto payload = opus->encode(frame);
  CHECK(payload.size() <= 80);  // 16 kbit/s is 40 bytes a frame; never G.711's 160
  CHECK(std::get<std::string>(opus->decode({})) == "an empty Opus payload");
  // A TOC byte saying code 3 (a count of frames follows) with nothing after it.
  const std::vector<std::uint8_t> cut = {0x03};
  CHECK_THAT(std::get<std::string>(opus->decode(cut)), Catch::StartsWith("Opus: "));
  // The decoder goes on after it.
  CHECK(std::holds_alternative<std::vector<std::int16_t>>(opus->decode(payload)));
}
