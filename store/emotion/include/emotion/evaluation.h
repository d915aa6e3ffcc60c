// How well scores agree with labels given by hand: accuracy, macro-F1 over the three
// feelings, and Spearman's rank correlation (ties share their mean rank). Used by the
// evaluation benchmark (tests/bench/emotion_bench) on tests/data/emotion.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "emotion/text_score.h"

namespace frontline::emotion {

struct LabelledText {
  Feeling label = Feeling::Neutral;
  bool heldOut = false;  // never looked at while tuning
  std::string text;
  int line = 0;
};

// tests/data/emotion/*.tsv: label (neg, neu, pos), split (tune, held), text. Throws
// std::runtime_error naming the file and line of anything else.
std::vector<LabelledText> readLabelled(const std::filesystem::path& file);

double accuracy(const std::vector<Feeling>& truth, const std::vector<Feeling>& predicted);
double macroF1(const std::vector<Feeling>& truth, const std::vector<Feeling>& predicted);
double spearman(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace frontline::emotion
