// The trainers' corrections of the emotion index (emotion_corrected events), for
// `frontline emotion corrections`: each with the contact it corrected, and a summary of how
// far the estimates were off, which is what a lexicon or word-list change should reduce.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace frontline::store {

struct EmotionCorrectionRow {
  std::int64_t atUs = 0;
  std::string interactionId;
  std::string channel;
  std::string agentId;  // who handled the contact (never rated by this)
  std::string trainer;  // by_name, else the origin
  std::optional<int> was;
  int index = 0;
  std::string note;
};

struct EmotionCorrectionSummary {
  int corrections = 0;
  int withEstimate = 0;       // the estimate had an index to correct
  double meanDifference = 0;  // mean |index - was| over those
  int wrongSide = 0;          // the estimate and the trainer on different sides of neutral (±15)
};

std::vector<EmotionCorrectionRow> emotionCorrections(Database& db, std::int64_t sinceUs);
EmotionCorrectionSummary summarise(const std::vector<EmotionCorrectionRow>& rows);

}  // namespace frontline::store
