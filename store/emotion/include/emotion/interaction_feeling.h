// A contact's feeling from its customer turns, and a customer's over their contacts.
//
// Per interaction: an index from -100 to +100, end-weighted (how the contact ended matters
// most: the last turn weighs three times the first, each by its confidence), its trend (the
// last third of the turns minus the first third), a confidence, and "not enough evidence"
// when the turns' words say too little. Per customer: the contacts' indexes averaged with a
// 90-day half-life, the last one, and a trend arrow (the last against the average before
// it). All estimates.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "emotion/text_score.h"

namespace frontline::emotion {

struct Turn {
  std::int64_t atUs = 0;
  std::string source;  // "email", "transcript", "voice"
  TurnScore score;
  bool unanswered = false;  // the customer wrote again before any reply: more agitated
};

inline constexpr float kMinimumEvidence = 0.3f;  // the turns' confidences must add up to it

struct Moment {
  std::int64_t atUs = 0;
  int index = 0;  // the turn's own, -100..+100
  float arousal = 0;
};

struct InteractionFeeling {
  bool enough = false;  // false: "not enough evidence" (no index is shown)
  int index = 0;        // -100..+100
  int trend = 0;        // index points, last third minus first third
  float confidence = 0;
  float arousal = 0;  // 0..1, end-weighted as the index is
  int turns = 0;
  std::vector<Evidence> evidence;  // the strongest words of all turns, at most eight
  std::vector<Moment> moments;     // each turn's own index, in time order
};

InteractionFeeling combineTurns(std::span<const Turn> turns);

struct ScoredContact {
  std::int64_t atUs = 0;
  int index = 0;
};

enum class Direction { Worse, Steady, Better };
inline constexpr double kHalfLifeDays = 90;
inline constexpr int kTrendPoints = 15;  // the last contact this far from the average before it

struct CustomerFeeling {
  bool known = false;  // at least one contact with enough evidence
  int average = 0;     // -100..+100, decayed
  int last = 0;
  Direction trend = Direction::Steady;
  int contacts = 0;
};

// `contacts`: the customer's contacts with enough evidence, any order.
CustomerFeeling customerFeeling(std::span<const ScoredContact> contacts, std::int64_t nowUs);

const char* arrowOf(Direction d);    // "↓", "→", "↑"
std::string signedIndex(int index);  // "+35", "-42", "0"

}  // namespace frontline::emotion
