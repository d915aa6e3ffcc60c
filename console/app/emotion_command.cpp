#include "app/emotion_command.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/demo_data_command.h"
#include "desk/emotion_scoring.h"
#include "desk/format.h"
#include "desk/voice_analysis.h"
#include "emotion/text_score.h"
#include "store/database.h"
#include "store/emotion_corrections.h"
#include "store/event_log.h"
#include "store/migrations.h"

namespace frontline::app {
namespace {

// The lexicon the configuration names, or nullopt after saying why on stderr.
std::optional<emotion::Lexicon> lexiconFor(const Config& config, const char* command) {
  try {
    return emotion::loadLexicon(config.emotion);
  } catch (const emotion::LexiconError& e) {
    std::fprintf(stderr, "frontline emotion %s: %s\n", command, e.what());
    return std::nullopt;
  }
}

// --since as microseconds (0 when not given), or nullopt after saying why on stderr.
std::optional<std::int64_t> sinceOf(const std::string& since, const char* command) {
  if (since.empty()) return 0;
  const auto day = parseIsoDateUs(since);
  if (!day) {
    std::fprintf(stderr, "frontline emotion %s: --since must be a date as YYYY-MM-DD, not '%s'\n", command,
                 since.c_str());
  }
  return day;
}

}  // namespace

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
  const auto lexicon = lexiconFor(config, "score");
  if (!lexicon) return 1;
  if (args.sources) {
    std::fprintf(stderr, "scorer %d, lexicon %s\n", emotion::kScorerVersion, lexicon->checksum.c_str());
    for (const auto& f : lexicon->files) std::fprintf(stderr, "  %s\n", f.c_str());
  }
  std::string line;
  int n = 0;
  while (std::getline(std::cin, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const emotion::TurnScore s = emotion::scoreText(*lexicon, line, language);
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

int runEmotionRescore(const Config& config, const std::string& since) {
  const auto sinceUs = sinceOf(since, "rescore");
  if (!sinceUs) return 2;
  const auto lexicon = lexiconFor(config, "rescore");
  if (!lexicon) return 1;
  auto db = store::Database::open(config.store.path);
  store::migrate(db);
  // The console's own origin, so that its sync carries the scores to the central store.
  store::EventLog log(db, config.agent.id);
  const auto due = desk::contactsToScore(db, *lexicon, *sinceUs);
  const auto now =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  store::Transaction tx(db);
  const auto fresh = desk::scoreContacts(db, log, *lexicon, due.newWords, now, false);
  const auto changed = desk::scoreContacts(db, log, *lexicon, due.lexiconChanged, now, true);
  tx.commit();
  std::printf(
      "frontline emotion rescore: %s: %d contacts scored (%d after a lexicon or scorer change, %d with new "
      "words), %d without customer words; scorer %d, lexicon %.12s\n",
      config.store.path.c_str(), fresh.scored + changed.scored, changed.scored, fresh.scored,
      fresh.withoutWords + changed.withoutWords, emotion::kScorerVersion, lexicon->checksum.c_str());
  return 0;
}

int runEmotionCorrections(const Config& config, const std::string& since, bool json) {
  const auto sinceUs = sinceOf(since, "corrections");
  if (!sinceUs) return 2;
  store::OpenOptions ro;
  ro.readOnly = true;
  ro.create = false;
  auto db = store::Database::open(config.store.path, ro);
  const auto rows = store::emotionCorrections(db, *sinceUs);
  const auto summary = store::summarise(rows);
  if (json) {
    for (const auto& r : rows) {
      const nlohmann::json line{{"at", desk::formatDateTime(r.atUs)},
                                {"interaction", r.interactionId},
                                {"channel", r.channel},
                                {"agent", r.agentId},
                                {"trainer", r.trainer},
                                {"was", r.was ? nlohmann::json(*r.was) : nlohmann::json(nullptr)},
                                {"index", r.index},
                                {"note", r.note}};
      std::printf("%s\n", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    }
    return 0;
  }
  std::printf(
      "when                  contact                               channel  trainer       estimate  corrected  note\n");
  for (const auto& r : rows) {
    std::printf("%-21s %-37s %-8s %-13s %8s  %9s  %s\n", desk::formatDateTime(r.atUs).c_str(), r.interactionId.c_str(),
                r.channel.c_str(), r.trainer.c_str(), r.was ? emotion::signedIndex(*r.was).c_str() : "none",
                emotion::signedIndex(r.index).c_str(), r.note.c_str());
  }
  std::printf(
      "%d correction%s; over the %d with an estimate, the trainers moved it %.1f points on average and %d were on "
      "the other side of neutral (15 points)\n",
      summary.corrections, summary.corrections == 1 ? "" : "s", summary.withEstimate, summary.meanDifference,
      summary.wrongSide);
  return 0;
}

int runEmotionVoice(const std::string& path) {
  const auto result = desk::analyseRecording(path);
  if (const auto* error = std::get_if<std::string>(&result)) {
    std::fprintf(stderr, "frontline emotion voice: %s\n", error->c_str());
    return 1;
  }
  const auto& a = std::get<emotion::VoiceAnalysis>(result);
  std::printf("baseline (the first %.1f s of the customer's speech): loudness %.1f dBFS, pitch %.0f Hz, rate %.1f/s\n",
              a.baseline.seconds, a.baseline.loudnessDb, a.baseline.pitchHz, a.baseline.ratePerS);
  std::printf("segment  from     to  loudness  pitch  rate  over  arousal\n");
  int n = 0;
  for (const auto& s : a.segments) {
    std::printf("%7d %5.1f %6.1f %7.1f %6.0f %5.1f %5.1f  %.2f\n", ++n, s.startS, s.endS, s.loudnessDb, s.pitchHz,
                s.ratePerS, s.overlapS, s.arousal);
  }
  std::printf("%zu segments, talk-over %.1f s, %zu silences over %.0f s\n", a.segments.size(), a.talkOverS,
              a.silences.size(), emotion::kLongSilenceS);
  return 0;
}

}  // namespace frontline::app
