// The customer's voice as evidence of arousal (README "Emotion index"): from the customer
// channel of a call's recording, the speech segments (voice activity: frame energy above the
// call's own noise floor), and for each its loudness, pitch (YIN), a speaking-rate proxy
// (syllable-like peaks of the energy envelope per second) and the time it talked over the
// agent; silences longer than 3 s; each segment's arousal measured against the caller's own
// first seconds of speech. No words: a voice gives arousal, never valence.
#pragma once

#include <span>
#include <vector>

namespace frontline::emotion {

struct VoiceSegment {
  double startS = 0, endS = 0;
  double loudnessDb = -100;  // RMS, dBFS
  double pitchHz = 0;        // median of the voiced frames; 0: none voiced
  double ratePerS = 0;       // envelope peaks per second
  double overlapS = 0;       // seconds the agent spoke at the same time
  float arousal = 0;         // 0..1 against the baseline
};

struct VoiceBaseline {
  double loudnessDb = -100, pitchHz = 0, ratePerS = 0;
  double seconds = 0;  // of speech it was measured on (the first 10 s at most)
};

struct Silence {
  double startS = 0, endS = 0;
};

struct VoiceAnalysis {
  std::vector<VoiceSegment> segments;
  std::vector<Silence> silences;  // longer than kLongSilenceS, between speech of either side
  VoiceBaseline baseline;
  double talkOverS = 0;
};

inline constexpr double kLongSilenceS = 3.0;
inline constexpr double kBaselineS = 10.0;

// `customer` and `agent`: the two channels, mono, -1..1, at `sampleRate` (8000..48000).
VoiceAnalysis analyseVoice(std::span<const float> customer, std::span<const float> agent, int sampleRate);

// YIN's fundamental frequency of one frame (de Cheveigné and Kawahara, 2002), 60..500 Hz;
// 0 when the frame is not voiced.
double yinPitch(std::span<const float> frame, int sampleRate);

}  // namespace frontline::emotion
