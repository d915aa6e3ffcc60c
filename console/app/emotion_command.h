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

// `frontline emotion rescore --config FILE [--since YYYY-MM-DD]`: scores again, in the store
// the configuration names, every contact whose score was made by another scorer version or
// lexicon (or that has none, or new customer words), since the date (UTC; default: all).
// The events are this console's (origin "<agent.id>:rescore", so a running console's own
// sequence is untouched) and sync as every event does; a trainer's correction stands.
int runEmotionRescore(const Config& config, const std::string& since);

// A recording's customer voice (customer left, agent right; Ogg Opus or WAV): the baseline,
// each speech segment's loudness, pitch, rate, talk-over and arousal, the long silences.
int runEmotionVoice(const std::string& path);

// The trainers' corrections since a day (all without one), one per line or JSON lines, and
// how far the estimates were off: what a lexicon change should bring down.
int runEmotionCorrections(const Config& config, const std::string& since, bool json);

}  // namespace frontline::app
