// The customer's voice analysis (README "Emotion index"): how long emotion::analyseVoice
// takes on a call, against two references in the same run:
// - the baseline: one pass of 20 ms frame energies over both channels, the least any voice
//   activity detection reads (what our analysis adds on top: YIN pitch, the envelope's
//   peaks, the segments, the baseline and arousal);
// - the peer: sox's `stats` effect over the same call written as a stereo WAV (RMS, peak,
//   DC and bit statistics per channel), its process start and file read included.
// The call is synthetic and speech-like: the customer and the agent take turns of 2-8 s
// (the customer louder and higher in the second half, some talk-over, a few long silences),
// voiced harmonics at 100-260 Hz under a 3-7 Hz syllable envelope, and a little noise.
// Prints medians of --runs runs, the call's seconds analysed per second, and the ratios.
//
//   voice_bench [--seconds S] [--runs N] [--sox PATH] [--work DIR]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "emotion/voice_features.h"
#include "telephony/media/wav_file.h"

using namespace frontline;

namespace {

constexpr int kRate = 8000;

struct Call {
  std::vector<float> customer, agent;
};

// One speaker's turn of `seconds` from sample `from`: harmonics of a gliding pitch under a
// syllable envelope.
void speak(std::vector<float>& channel, std::size_t from, double seconds, double pitchHz, double syllablesPerS,
           double level, std::mt19937& rng) {
  std::uniform_real_distribution<double> jitter(-0.08, 0.08);
  const auto n = static_cast<std::size_t>(seconds * kRate);
  double phase = 0;
  const double glide = jitter(rng) * pitchHz;
  for (std::size_t i = 0; i < n && from + i < channel.size(); ++i) {
    const double t = static_cast<double>(i) / kRate;
    const double f0 = pitchHz + glide * std::sin(2 * M_PI * 0.3 * t);
    phase += 2 * M_PI * f0 / kRate;
    const double envelope = std::max(0.0, std::sin(M_PI * syllablesPerS * t));
    const double voiced = 0.6 * std::sin(phase) + 0.25 * std::sin(2 * phase) + 0.15 * std::sin(3 * phase);
    channel[from + i] += static_cast<float>(level * envelope * voiced);
  }
}

Call syntheticCall(double seconds) {
  std::mt19937 rng(20261204);
  std::uniform_real_distribution<double> turn(2.0, 8.0), unit(0.0, 1.0);
  std::normal_distribution<float> noise(0.0f, 0.002f);
  Call c;
  const auto n = static_cast<std::size_t>(seconds * kRate);
  c.customer.assign(n, 0.0f);
  c.agent.assign(n, 0.0f);
  double at = 0.5;
  bool customer = true;
  while (at < seconds) {
    const double length = turn(rng);
    const bool later = at > seconds / 2;  // the customer getting worked up
    const auto from = static_cast<std::size_t>(at * kRate);
    if (customer) {
      speak(c.customer, from, length, later ? 230 : 140, later ? 6.5 : 4.0, later ? 0.45 : 0.12, rng);
    } else {
      speak(c.agent, from, length, 180, 4.5, 0.15, rng);
    }
    const double r = unit(rng);
    at += length + (r < 0.1 ? 3.5 : r < 0.25 ? -1.0 : 0.3);  // a long silence, talk-over, a breath
    customer = !customer;
  }
  for (auto& s : c.customer) s += noise(rng);
  for (auto& s : c.agent) s += noise(rng);
  return c;
}

// The baseline: 20 ms frame energies of both channels.
double frameEnergies(const Call& c) {
  const std::size_t frame = kRate / 50;
  double sum = 0;
  for (std::size_t i = 0; i + frame <= c.customer.size(); i += frame) {
    double a = 0, b = 0;
    for (std::size_t k = i; k < i + frame; ++k) {
      a += static_cast<double>(c.customer[k]) * c.customer[k];
      b += static_cast<double>(c.agent[k]) * c.agent[k];
    }
    sum += std::sqrt(a / frame) + std::sqrt(b / frame);
  }
  return sum;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

template <typename F>
double timed(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 300;
  int runs = 7;
  std::string sox = "sox";
  std::string work = std::filesystem::temp_directory_path().string();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--sox" && i + 1 < argc) {
      sox = argv[++i];
    } else if (a == "--work" && i + 1 < argc) {
      work = argv[++i];
    } else {
      std::fprintf(stderr, "usage: voice_bench [--seconds S] [--runs N] [--sox PATH] [--work DIR]\n");
      return 2;
    }
  }
  const Call call = syntheticCall(seconds);

  std::vector<double> ours, base, peer;
  emotion::VoiceAnalysis analysis;
  double sink = 0;
  for (int r = 0; r < runs; ++r) {
    ours.push_back(timed([&] { analysis = emotion::analyseVoice(call.customer, call.agent, kRate); }));
    base.push_back(timed([&] { sink += frameEnergies(call); }));
  }

  // The peer reads the same call from a stereo WAV, customer left, agent right.
  const std::string wav = work + "/voice_bench_call.wav";
  {
    telephony::media::WavWriter writer;
    if (const auto error = writer.open(wav, kRate, 2); !error.empty()) {
      std::fprintf(stderr, "voice_bench: %s: %s\n", wav.c_str(), error.c_str());
      return 1;
    }
    std::vector<std::int16_t> interleaved;
    interleaved.reserve(call.customer.size() * 2);
    for (std::size_t i = 0; i < call.customer.size(); ++i) {
      for (float s : {call.customer[i], call.agent[i]}) {
        interleaved.push_back(static_cast<std::int16_t>(std::lround(std::clamp(s, -1.0f, 1.0f) * 32767.0f)));
      }
    }
    writer.write(interleaved);
    writer.close();
  }
  const std::string command = sox + " '" + wav + "' -n stats > /dev/null 2>&1";
  bool peerRan = true;
  for (int r = 0; r < runs && peerRan; ++r) {
    int status = 0;
    peer.push_back(timed([&] { status = std::system(command.c_str()); }));
    peerRan = status == 0;
  }
  std::filesystem::remove(wav);

  double speech = 0;
  for (const auto& s : analysis.segments) speech += s.endS - s.startS;
  if (sink < 0) return 3;  // energies are never negative: keeps the baseline's work from being optimised away
  std::printf("voice analysis of a %.0f s synthetic call at %d Hz, median of %d runs\n", seconds, kRate, runs);
  std::printf("  found: %zu customer speech segments (%.0f s), %zu long silences, talk-over %.1f s\n",
              analysis.segments.size(), speech, analysis.silences.size(), analysis.talkOverS);
  const double o = median(ours), b = median(base);
  std::printf("  ours (analyseVoice):        %8.1f ms   %7.0f x real time\n", o * 1e3, seconds / o);
  std::printf("  baseline (frame energies):  %8.1f ms   %7.0f x real time   ours / baseline %.1f\n", b * 1e3,
              seconds / b, o / b);
  if (peerRan && !peer.empty()) {
    const double p = median(peer);
    std::printf("  peer (sox stats, process):  %8.1f ms   %7.0f x real time   ours / sox %.2f\n", p * 1e3, seconds / p,
                o / p);
  } else {
    std::printf("  peer: '%s' did not run; no sox figure\n", sox.c_str());
  }
  return 0;
}
