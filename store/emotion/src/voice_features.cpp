#include "emotion/voice_features.h"

#include <algorithm>
#include <cmath>

namespace frontline::emotion {
namespace {

constexpr double kFrameS = 0.02;       // voice activity per 20 ms
constexpr double kHangoverS = 0.2;     // speech goes on this long after the energy drops
constexpr double kMinSegmentS = 0.25;  // shorter bursts are clicks, not speech
constexpr double kMergeGapS = 0.3;     // pauses shorter than this are inside a segment

double rmsDb(std::span<const float> s) {
  if (s.empty()) return -100;
  double sum = 0;
  for (float v : s) sum += static_cast<double>(v) * v;
  const double rms = std::sqrt(sum / static_cast<double>(s.size()));
  return rms > 1e-5 ? 20 * std::log10(rms) : -100;
}

// Per frame: is someone speaking? The threshold sits 12 dB over the channel's noise floor
// (its 10th percentile frame) and never under -50 dBFS.
std::vector<bool> activity(std::span<const float> x, int rate) {
  const std::size_t frame = static_cast<std::size_t>(kFrameS * rate);
  std::vector<double> db;
  for (std::size_t i = 0; i + frame <= x.size(); i += frame) db.push_back(rmsDb(x.subspan(i, frame)));
  if (db.empty()) return {};
  std::vector<double> sorted = db;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 10), sorted.end());
  const double threshold = std::max(-50.0, sorted[sorted.size() / 10] + 12);
  std::vector<bool> on(db.size(), false);
  const int hang = static_cast<int>(kHangoverS / kFrameS);
  int left = 0;
  for (std::size_t i = 0; i < db.size(); ++i) {
    if (db[i] > threshold) left = hang + 1;
    on[i] = left-- > 0;
  }
  return on;
}

struct Span {
  std::size_t first, last;  // frames, inclusive
};

std::vector<Span> segmentsOf(const std::vector<bool>& on) {
  std::vector<Span> out;
  const std::size_t merge = static_cast<std::size_t>(kMergeGapS / kFrameS);
  for (std::size_t i = 0; i < on.size();) {
    if (!on[i]) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < on.size() && on[j + 1]) ++j;
    if (!out.empty() && i - out.back().last <= merge) {
      out.back().last = j;
    } else {
      out.push_back({i, j});
    }
    i = j + 1;
  }
  const std::size_t shortest = static_cast<std::size_t>(kMinSegmentS / kFrameS);
  std::erase_if(out, [&](const Span& s) { return s.last - s.first + 1 < shortest; });
  return out;
}

// Syllable-like peaks: maxima of the 10 ms energy envelope, smoothed over 50 ms, at least
// 6 dB over the dip before them and 100 ms apart.
double peaksPerSecond(std::span<const float> x, int rate) {
  const std::size_t hop = static_cast<std::size_t>(0.01 * rate);
  std::vector<double> env;
  for (std::size_t i = 0; i + hop <= x.size(); i += hop) env.push_back(rmsDb(x.subspan(i, hop)));
  if (env.size() < 5) return 0;
  std::vector<double> smooth(env.size());
  for (std::size_t i = 0; i < env.size(); ++i) {
    double sum = 0;
    int n = 0;
    for (std::size_t k = i >= 2 ? i - 2 : 0; k <= std::min(env.size() - 1, i + 2); ++k, ++n) sum += env[k];
    smooth[i] = sum / n;
  }
  int peaks = 0;
  double dip = smooth[0];
  std::size_t lastPeak = 0;
  for (std::size_t i = 1; i + 1 < smooth.size(); ++i) {
    dip = std::min(dip, smooth[i]);
    if (smooth[i] >= smooth[i - 1] && smooth[i] > smooth[i + 1] && smooth[i] - dip >= 6 &&
        (peaks == 0 || i - lastPeak >= 10)) {
      ++peaks;
      lastPeak = i;
      dip = smooth[i];
    }
  }
  return peaks / (static_cast<double>(x.size()) / rate);
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

}  // namespace

double yinPitch(std::span<const float> frame, int rate) {
  const std::size_t minLag = static_cast<std::size_t>(rate / 500), maxLag = static_cast<std::size_t>(rate / 60);
  if (frame.size() < 2 * maxLag) return 0;
  const std::size_t window = frame.size() - maxLag;
  std::vector<double> d(maxLag + 1, 0.0);
  for (std::size_t tau = 1; tau <= maxLag; ++tau) {
    double sum = 0;
    for (std::size_t j = 0; j < window; ++j) {
      const double diff = static_cast<double>(frame[j]) - frame[j + tau];
      sum += diff * diff;
    }
    d[tau] = sum;
  }
  // The cumulative mean normalised difference; the first dip under 0.15 is the period.
  double running = 0;
  std::vector<double> cmnd(maxLag + 1, 1.0);
  for (std::size_t tau = 1; tau <= maxLag; ++tau) {
    running += d[tau];
    cmnd[tau] = running > 0 ? d[tau] * static_cast<double>(tau) / running : 1.0;
  }
  for (std::size_t tau = std::max<std::size_t>(minLag, 2); tau < maxLag; ++tau) {
    if (cmnd[tau] < 0.15) {
      while (tau + 1 < maxLag && cmnd[tau + 1] < cmnd[tau]) ++tau;
      // Parabolic interpolation around the minimum.
      const double a = cmnd[tau - 1], b = cmnd[tau], c = cmnd[tau + 1];
      const double shift = (a - 2 * b + c) != 0 ? 0.5 * (a - c) / (a - 2 * b + c) : 0;
      return rate / (static_cast<double>(tau) + shift);
    }
  }
  return 0;
}

VoiceAnalysis analyseVoice(std::span<const float> customer, std::span<const float> agent, int rate) {
  VoiceAnalysis out;
  if (rate < 8000 || customer.empty()) return out;
  const auto customerOn = activity(customer, rate);
  const auto agentOn = activity(agent, rate);
  const std::size_t frame = static_cast<std::size_t>(kFrameS * rate);
  const std::size_t pitchFrame = static_cast<std::size_t>(0.04 * rate);
  for (const Span& s : segmentsOf(customerOn)) {
    VoiceSegment seg;
    seg.startS = static_cast<double>(s.first) * kFrameS;
    seg.endS = static_cast<double>(s.last + 1) * kFrameS;
    const auto audio = customer.subspan(s.first * frame, (s.last - s.first + 1) * frame);
    seg.loudnessDb = rmsDb(audio);
    std::vector<double> pitches;
    for (std::size_t i = 0; i + pitchFrame <= audio.size(); i += frame) {
      if (const double p = yinPitch(audio.subspan(i, pitchFrame), rate); p > 0) pitches.push_back(p);
    }
    seg.pitchHz = median(pitches);
    seg.ratePerS = peaksPerSecond(audio, rate);
    for (std::size_t f = s.first; f <= s.last; ++f) {
      if (f < agentOn.size() && agentOn[f]) seg.overlapS += kFrameS;
    }
    out.talkOverS += seg.overlapS;
    out.segments.push_back(seg);
  }
  // The baseline: the first 10 s of the customer's speech (a segment that crosses the 10 s
  // counts for its part before), pitch averaged in semitones.
  double seconds = 0, loud = 0, rateSum = 0, logPitch = 0, voiced = 0;
  for (const auto& seg : out.segments) {
    if (seconds >= kBaselineS) break;
    const double w = std::min(seg.endS - seg.startS, kBaselineS - seconds);
    seconds += w;
    loud += w * seg.loudnessDb;
    rateSum += w * seg.ratePerS;
    if (seg.pitchHz > 0) {
      logPitch += w * std::log2(seg.pitchHz);
      voiced += w;
    }
  }
  if (seconds > 0) {
    out.baseline = {loud / seconds, voiced > 0 ? std::exp2(logPitch / voiced) : 0, rateSum / seconds, seconds};
  }
  for (auto& seg : out.segments) {
    const double louder = std::max(0.0, seg.loudnessDb - out.baseline.loudnessDb) / 10;
    const double higher = seg.pitchHz > 0 && out.baseline.pitchHz > 0
                              ? std::max(0.0, 12 * std::log2(seg.pitchHz / out.baseline.pitchHz)) / 6
                              : 0;
    const double faster = out.baseline.ratePerS > 0 ? std::max(0.0, seg.ratePerS / out.baseline.ratePerS - 1) / 0.5 : 0;
    const double over = seg.endS > seg.startS ? 0.5 * seg.overlapS / (seg.endS - seg.startS) : 0;
    seg.arousal = static_cast<float>(1 - std::exp(-(louder + higher + faster + over)));
  }
  // Long silences: nobody speaking for more than 3 s, between the first and last speech.
  std::vector<bool> anyone(std::max(customerOn.size(), agentOn.size()), false);
  for (std::size_t f = 0; f < anyone.size(); ++f) {
    anyone[f] = (f < customerOn.size() && customerOn[f]) || (f < agentOn.size() && agentOn[f]);
  }
  const auto firstSpeech = std::find(anyone.begin(), anyone.end(), true);
  const auto lastSpeech = std::find(anyone.rbegin(), anyone.rend(), true);
  if (firstSpeech != anyone.end()) {
    const std::size_t from = static_cast<std::size_t>(firstSpeech - anyone.begin());
    const std::size_t to = anyone.size() - 1 - static_cast<std::size_t>(lastSpeech - anyone.rbegin());
    for (std::size_t f = from; f <= to;) {
      if (anyone[f]) {
        ++f;
        continue;
      }
      std::size_t g = f;
      while (g <= to && !anyone[g]) ++g;
      const double len = static_cast<double>(g - f) * kFrameS;
      if (len > kLongSilenceS)
        out.silences.push_back({static_cast<double>(f) * kFrameS, static_cast<double>(g) * kFrameS});
      f = g;
    }
  }
  return out;
}

}  // namespace frontline::emotion
