// `frontline emotion score [--lang auto|en|zh] [--json] [--sources]`: reads one text per
// line on standard input and prints, per line, its valence, arousal, index, confidence,
// feeling and the words behind them (JSON lines with --json). For tuning the word lists and
// for the tests; the console scores contacts itself. Exit 1 naming the file when a lexicon
// cannot be read, 2 for a bad --lang.
#pragma once

#include <string>

#include "app/config.h"

namespace frontline::app {

struct EmotionScoreArgs {
  std::string language = "auto";
  bool json = false;
  bool sources = false;  // first, the files read and the lexicon's checksum (on standard error)
};

int runEmotionScore(const Config& config, const EmotionScoreArgs& args);

}  // namespace frontline::app
