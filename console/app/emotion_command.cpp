#include "app/emotion_command.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "emotion/text_score.h"

namespace frontline::app {

int runEmotionScore(const Config& config, const EmotionScoreArgs& args) {
  std::optional<emotion::Language> language;
  if (args.language == "en") {
    language = emotion::Language::English;
  } else if (args.language == "zh") {
    language = emotion::Language::Chinese;
  } else if (args.language != "auto") {
    std::fprintf(stderr, "frontline emotion score: --lang is auto, en or zh, not '%s'\n", args.language.c_str());
    return 2;
  }
  emotion::Lexicon lexicon;
  try {
    lexicon = emotion::loadLexicon(config.emotion);
  } catch (const emotion::LexiconError& e) {
    std::fprintf(stderr, "frontline emotion score: %s\n", e.what());
    return 1;
  }
  if (args.sources) {
    std::fprintf(stderr, "scorer %d, lexicon %s\n", emotion::kScorerVersion, lexicon.checksum.c_str());
    for (const auto& f : lexicon.files) std::fprintf(stderr, "  %s\n", f.c_str());
  }
  std::string line;
  int n = 0;
  while (std::getline(std::cin, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const emotion::TurnScore s = emotion::scoreText(lexicon, line, language);
    const int index = static_cast<int>(std::lround(s.valence * 100));
    const char* lang = s.language == emotion::Language::Chinese ? "zh" : "en";
    if (args.json) {
      nlohmann::json evidence = nlohmann::json::array();
      for (const auto& e : s.evidence) {
        evidence.push_back({{"words", e.words}, {"value", std::round(e.value * 100) / 100}, {"negated", e.negated}});
      }
      const nlohmann::json out{{"line", n},
                               {"language", lang},
                               {"valence", std::round(s.valence * 1000) / 1000},
                               {"arousal", std::round(s.arousal * 1000) / 1000},
                               {"index", index},
                               {"confidence", std::round(s.confidence * 100) / 100},
                               {"feeling", emotion::nameOf(emotion::feelingOf(s.valence))},
                               {"evidence", evidence}};
      std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
      continue;
    }
    std::string words;
    for (const auto& e : s.evidence) {
      char value[32];
      std::snprintf(value, sizeof value, "(%+.1f%s)", e.value, e.negated ? ", negated" : "");
      words += " " + e.words + value;
    }
    std::printf("%d\t%s\tvalence %+.2f\tarousal %.2f\tindex %+d\tconfidence %.2f\t%s\t%s\n", n, lang, s.valence,
                s.arousal, index, s.confidence, emotion::nameOf(emotion::feelingOf(s.valence)),
                words.empty() ? "no feeling words" : words.c_str() + 1);
  }
  return 0;
}

}  // namespace frontline::app
