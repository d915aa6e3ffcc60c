// One customer turn's feeling from its words: valence (-1 negative .. +1 positive) from the
// lexicon with rules for negation, boosters and diminishers, contrast, exclamation and
// capitals; arousal (0 calm .. 1 agitated) from exclamation runs, capitals, repetition and
// strong words. An estimate, never a measurement.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emotion/lexicon.h"

namespace frontline::emotion {

// A word (or phrase) that moved the score, with what it added after the rules (on the
// lexicon's -4..+4 scale).
struct Evidence {
  std::string words;
  float value = 0;
  bool negated = false;
};

struct TurnScore {
  float valence = 0;     // -1..+1
  float arousal = 0;     // 0..1
  float confidence = 0;  // 0..1: how much evidence the words give (none: 0)
  float sum = 0;         // the rules' sum before it is squashed into -1..+1
  int sentimentWords = 0;
  Language language = Language::English;
  std::vector<Evidence> evidence;  // the strongest first
};

enum class Feeling { Negative, Neutral, Positive };
inline constexpr float kNeutralBand = 0.05f;  // |valence| below it: neutral
Feeling feelingOf(float valence);
const char* nameOf(Feeling f);  // "negative", "neutral", "positive"

// `language`: the turn's language when known; otherwise the script of most of its words.
TurnScore scoreText(const Lexicon& lexicon, std::string_view text, std::optional<Language> language = {});

// The trivial baseline the evaluation compares with: positive words minus negative words,
// every word looked up as it is, no rules.
int countWords(const Lexicon& lexicon, std::string_view text);

}  // namespace frontline::emotion
