// The recording lane under a replay's timeline: how loud the customer (left channel) and
// the agent (right) were through the call, from the call's Ogg Opus recording, with the
// moments a trainer looks for marked: silences (neither speaks) over 3 s and talk-over
// (both speak at once) of 1 s or more. Levels only: nothing said is kept, so the lane
// shows in a masked replay too. Built on the trainer worker's thread, never the UI's.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "replay/replay_case.h"

namespace frontline::replay {

struct AudioSpan {
  std::int64_t fromUs = 0;  // wall-clock times, like the timeline's
  std::int64_t toUs = 0;
};

struct RecordingLane {
  std::string path;
  std::int64_t startUs = 0;                // when the recording's first sample was heard
  std::int64_t bucketUs = 50'000;          // one level per 50 ms
  std::vector<float> customerDb, agentDb;  // level per bucket, dBFS (-90 .. 0)
  std::vector<AudioSpan> silences;         // neither speaks, over 3 s
  std::vector<AudioSpan> talkOver;         // both speak, 1 s or more
  std::int64_t pausedMs = 0;               // silence recorded for card payments (F6)
  std::string unavailable;                 // why there is no lane ("" when there is one)

  std::int64_t endUs() const { return startUs + static_cast<std::int64_t>(customerDb.size()) * bucketUs; }
};

inline constexpr float kSpeechDb = -40.0f;  // louder than this in a bucket: someone speaks
inline constexpr std::int64_t kLongSilenceUs = 3'000'000;
inline constexpr std::int64_t kTalkOverUs = 1'000'000;

// Levels from interleaved samples (the left channel the customer, the right the agent; a
// mono recording counts as the customer), `sampleRate` a second, fed block after block.
class LevelMeter {
 public:
  LevelMeter(int sampleRate, std::int64_t bucketUs);
  void add(std::span<const std::int16_t> interleaved, int channels);
  // The levels so far, the last partial bucket included.
  void finish(RecordingLane& lane);

 private:
  void close();
  std::int64_t m_bucketFrames;
  std::int64_t m_frames = 0;
  double m_left = 0, m_right = 0;  // sums of squares in the open bucket
  std::vector<float> m_customer, m_agent;
};

// Marks the silences and the talk-over from the lane's levels.
void markConversation(RecordingLane& lane);

// The lane of a case's call without its levels: the recorded event's file and start, or
// `unavailable` saying why there is none (no recording, deleted by retention, not here).
RecordingLane describeRecording(const ReplayCase& c);
// Decodes the described file into levels and marks (or says why it cannot).
void decodeRecording(RecordingLane& lane);
// Both.
RecordingLane loadRecordingLane(const ReplayCase& c);

}  // namespace frontline::replay
