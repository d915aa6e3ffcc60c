// The jitter buffer of one call's received audio: packets arrive early, late, twice, out of
// order or not at all, and the sound device wants one frame every frame time. Frames are
// the negotiated packet time (ptime); the buffer holds them by RTP timestamp and plays them
// out after a delay that follows the measured jitter (RFC 3550 A.8's estimate), between
// `minDelayMs` and `maxDelayMs`.
//   - a missing frame while later ones are here and the target delay is held is lost:
//     concealed by the last frame at half its level each time, silence after three;
//   - a missing frame otherwise (an underrun: the sender is slower than our clock, or the
//     network held packets back, or the delay is still below its target) is concealed
//     too, but the play-out point waits for it, so the delay grows by a frame and nothing
//     is skipped;
//   - more buffered than the target delay plus two frames (the sender is faster than our
//     clock, or the jitter fell) drops one frame after a frame played;
//   - a frame older than the play-out point is late and dropped; a gap longer than the
//     largest delay (silence suppression, a hold) moves the play-out point to what came.
// Media thread only. Times are the caller's clock in milliseconds.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace frontline::telephony::media {

struct JitterSettings {
  int clockRate = 8000;  // of the RTP timestamps
  int sampleRate = 0;    // of the frames' samples; 0: the clock rate (Opus: 48,000 and 8,000)
  int frameMs = 20;
  int minDelayMs = 40;
  int maxDelayMs = 300;
};

struct JitterStats {
  std::uint64_t received = 0;    // frames accepted
  std::uint64_t played = 0;      // frames played as they came
  std::uint64_t late = 0;        // came after their turn: dropped
  std::uint64_t duplicates = 0;  // a timestamp already held
  std::uint64_t lost = 0;        // never came while later ones did: concealed
  std::uint64_t underruns = 0;   // waited for: concealed, the delay grew by a frame
  std::uint64_t trimmed = 0;     // dropped to bring the delay back to the target
  std::uint64_t resyncs = 0;     // the play-out point moved past a long gap
  double jitterMs = 0;           // RFC 3550 interarrival jitter
  int targetDelayMs = 0;
};

class JitterBuffer {
 public:
  enum class FrameKind { Audio, Concealed, Silence };
  struct Frame {
    FrameKind kind = FrameKind::Silence;
    std::vector<std::int16_t> samples;  // always frameSamples() long
  };

  explicit JitterBuffer(JitterSettings settings);

  // A packet's decoded samples (one frame), with its RTP timestamp and arrival time.
  void push(std::uint32_t rtpTimestamp, std::vector<std::int16_t> samples, std::int64_t arrivalMs);
  // The next frame for the device (called every frame time).
  Frame pop(std::int64_t nowMs);

  int frameSamples() const { return m_frameLength; }
  // Audio buffered ahead of the play-out point, in milliseconds.
  int depthMs() const;
  const JitterStats& stats() const { return m_stats; }

 private:
  std::int64_t extend(std::uint32_t rtpTimestamp);
  int targetDelayMs() const;
  Frame conceal();

  JitterSettings m_settings;
  int m_frameSamples;                                          // a frame in timestamp units
  int m_frameLength;                                           // a frame in samples
  std::map<std::int64_t, std::vector<std::int16_t>> m_frames;  // by extended timestamp
  std::optional<std::int64_t> m_highest;                       // the highest extended timestamp seen
  std::int64_t m_playout = 0;                                  // the next frame's timestamp
  std::optional<std::int64_t> m_startAtMs;                     // play-out begins (first packet + delay)
  std::optional<double> m_lastTransit;                         // for the jitter estimate, in samples
  std::vector<std::int16_t> m_last;                            // the last frame played, for concealment
  int m_concealedInARow = 0;
  JitterStats m_stats;
};

}  // namespace frontline::telephony::media
