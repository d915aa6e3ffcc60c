// A contact's emotion index as the screens show it (README "Emotion index"): its latest
// emotion_scored event (the index, trend, confidence, the evidence words and each customer
// turn's moment) and the trainer's correction after it, read from the interaction's events
// up to a moment (a trainer's replay) or now. Read on the desk and trainer threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emotion/text_score.h"
#include "store/database.h"
#include "store/event_reads.h"

namespace frontline::store {

struct EmotionMoment {
  std::int64_t atUs = 0;
  int index = 0;  // the turn's own, -100..+100
  float arousal = 0;
  std::string source;  // "email", "transcript", "voice"
};

struct EmotionCorrection {
  int index = 0;
  std::optional<int> was;  // what it replaced (none: the estimate had too few words)
  std::string note;
  std::string byName;
  std::int64_t atUs = 0;
};

// What a call's recording said of the customer's voice (arousal only; README "Emotion index").
struct VoiceSummary {
  int segments = 0;      // speech segments of the customer's channel
  double speechS = 0;    // their length
  double talkOverS = 0;  // the customer speaking while the agent spoke
  int longSilences = 0;  // over 3 s
};

struct ContactEmotion {
  bool enough = false;  // false: "not enough evidence"
  int index = 0;        // the estimate, -100..+100 (when enough)
  int trend = 0;
  float confidence = 0;
  float arousal = 0;
  int turns = 0;
  std::vector<emotion::Evidence> evidence;
  std::vector<EmotionMoment> moments;
  std::optional<EmotionCorrection> correction;  // a trainer's, standing over the estimate
  std::optional<VoiceSummary> voice;            // a recorded call's
  std::int64_t scoredUs = 0;

  // The index the screens show: a trainer's correction, else the estimate when enough.
  std::optional<int> shown() const {
    if (correction) return correction->index;
    if (enough) return index;
    return std::nullopt;
  }
};

// Folds one of the contact's events in (emotion_scored, emotion_corrected; others are
// ignored): what contactEmotion does over the log, and a replay over its case's events.
void applyToEmotion(std::optional<ContactEmotion>& emotion, const InteractionEvent& e);

// nullopt when the contact was never scored (no customer words) by `untilUs`.
std::optional<ContactEmotion> contactEmotion(Database& db, const std::string& interactionId,
                                             std::int64_t untilUs = kEndOfTime);

// The moments where the feeling turns: a turn of words at least `points` from the one
// before it, or crossing from one side of neutral (±10) to the other. Voice moments (no
// valence) are left out.
struct FeelingTurn {
  EmotionMoment moment;  // the turn it turned at
  int from = 0;          // the index of the turn before
};
std::vector<FeelingTurn> feelingTurns(const std::vector<EmotionMoment>& moments, int points = 30);

}  // namespace frontline::store
