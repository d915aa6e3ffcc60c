#include "desk/emotion_scoring.h"

#include <algorithm>
#include <cmath>

#include "emotion/customer_words.h"
#include "store/event_reads.h"

namespace frontline::desk {

using Json = nlohmann::json;

namespace {

// The emotion_scored event, never before the turn it scores (`tsUs`: a turn stamped by its
// sender's clock may be ahead of ours).
void appendScore(store::EventLog& log, const std::string& interactionId, const Json& payload, std::int64_t tsUs) {
  store::InteractionEvent e;
  e.interactionId = interactionId;
  e.tsUs = tsUs;
  e.kind = store::EventKind::EmotionScored;
  e.payloadJson = payload.dump(-1, ' ', false, Json::error_handler_t::replace);
  log.append(std::move(e));
}

}  // namespace

std::vector<emotion::Turn> voiceTurns(const emotion::VoiceAnalysis& analysis, std::int64_t startedUs) {
  std::vector<emotion::Turn> turns;
  for (const auto& s : analysis.segments) {
    emotion::Turn t;
    t.atUs = startedUs + static_cast<std::int64_t>(s.startS * 1e6);
    t.source = "voice";
    t.score.arousal = s.arousal;  // valence 0 and confidence 0: no words
    turns.push_back(std::move(t));
  }
  return turns;
}

Json voiceSummary(const emotion::VoiceAnalysis& a) {
  auto rounded = [](double v) { return std::round(v * 100) / 100; };
  double speech = 0;
  for (const auto& s : a.segments) speech += s.endS - s.startS;
  return Json{{"segments", a.segments.size()},
              {"speech_s", rounded(speech)},
              {"talk_over_s", rounded(a.talkOverS)},
              {"long_silences", a.silences.size()},
              {"baseline",
               {{"loudness_db", rounded(a.baseline.loudnessDb)},
                {"pitch_hz", rounded(a.baseline.pitchHz)},
                {"rate_per_s", rounded(a.baseline.ratePerS)},
                {"seconds", rounded(a.baseline.seconds)}}}};
}

std::vector<emotion::Turn> customerTurns(store::Database& db, const emotion::Lexicon& lexicon,
                                         const std::string& interactionId, Json* voice) {
  std::vector<emotion::Turn> turns;
  std::vector<emotion::Turn> voiced;  // from the latest score
  bool replied = true;                // the first email answers nothing
  for (const auto& e : store::interactionEvents(db, interactionId)) {
    if (e.kind == store::EventKind::EmotionScored) {
      const Json payload = Json::parse(e.payloadJson, nullptr, false);
      if (!payload.is_object() || !payload.contains("voice")) continue;
      voiced.clear();
      for (const auto& m : payload.value("moments", Json::array())) {
        if (!m.is_object() || m.value("source", std::string()) != "voice") continue;
        emotion::Turn t;
        t.atUs = m.value("at_us", std::int64_t{0});
        t.source = "voice";
        t.score.arousal = m.value("arousal", 0.0f);
        voiced.push_back(std::move(t));
      }
      if (voice) *voice = payload["voice"];
      continue;
    }
    if (e.kind == store::EventKind::EmailSent) {
      replied = true;
      continue;
    }
    if (e.kind != store::EventKind::EmailReceived && e.kind != store::EventKind::TranscriptLine) continue;
    const Json payload = Json::parse(e.payloadJson, nullptr, false);
    if (!payload.is_object()) continue;
    const bool spoken = e.kind == store::EventKind::TranscriptLine;
    if (spoken && payload.value("speaker", std::string()) != "customer") {
      replied = true;  // the agent's line answers the customer's (no chasing on a call)
      continue;
    }
    const auto words = payload.find(spoken ? "text" : "body");
    const std::string text = words != payload.end() && words->is_string() ? words->get<std::string>() : std::string();
    emotion::Turn t;
    t.atUs = e.tsUs;
    t.source = spoken ? "transcript" : "email";
    t.score = emotion::scoreText(lexicon, spoken ? text : emotion::customerWords(text));
    t.unanswered = !spoken && !replied;
    if (!spoken) replied = false;
    turns.push_back(std::move(t));
  }
  turns.insert(turns.end(), voiced.begin(), voiced.end());
  std::stable_sort(turns.begin(), turns.end(),
                   [](const emotion::Turn& a, const emotion::Turn& b) { return a.atUs < b.atUs; });
  return turns;
}

std::optional<Json> emotionScoredPayload(const emotion::Lexicon& lexicon, const std::vector<emotion::Turn>& turns,
                                         bool rescore, const Json& voice) {
  if (turns.empty()) return std::nullopt;
  const emotion::InteractionFeeling f = emotion::combineTurns(turns);
  auto rounded = [](float v) { return std::round(static_cast<double>(v) * 100) / 100; };
  Json evidence = Json::array();
  for (const auto& e : f.evidence) {
    evidence.push_back({{"words", e.words}, {"value", rounded(e.value)}, {"negated", e.negated}});
  }
  Json moments = Json::array();
  for (std::size_t i = 0; i < f.moments.size(); ++i) {
    moments.push_back({{"at_us", f.moments[i].atUs},
                       {"index", f.moments[i].index},
                       {"arousal", rounded(f.moments[i].arousal)},
                       {"source", turns[i].source}});
  }
  Json sources = Json::object();
  for (const auto& t : turns) sources[t.source] = sources.value(t.source, 0) + 1;
  Json payload{{"version", emotion::kScorerVersion},
               {"lexicon", lexicon.checksum},
               {"enough", f.enough},
               {"index", f.enough ? Json(f.index) : Json(nullptr)},
               {"trend", f.trend},
               {"confidence", rounded(f.confidence)},
               {"arousal", rounded(f.arousal)},
               {"turns", f.turns},
               {"sources", sources},
               {"evidence", evidence},
               {"moments", moments}};
  if (rescore) payload["rescore"] = true;
  if (!voice.is_null()) payload["voice"] = voice;
  return payload;
}

DueContacts contactsToScore(store::Database& db, const emotion::Lexicon& lexicon, std::int64_t sinceUs) {
  // The latest customer turn of each contact since `sinceUs`, against its latest score. (Each
  // subquery repeats the partial index's condition, so that SQLite uses it.)
  auto& st = db.cached(
      "SELECT t.interaction_id, MAX(t.ts_us), "
      "  (SELECT s.ts_us FROM interaction_events s WHERE s.interaction_id = t.interaction_id "
      "     AND s.kind IN ('emotion_scored', 'emotion_corrected') AND s.kind = 'emotion_scored' "
      "   ORDER BY s.ts_us DESC LIMIT 1), "
      "  (SELECT json_extract(s.payload_json, '$.version') || ' ' || json_extract(s.payload_json, '$.lexicon') "
      "     FROM interaction_events s WHERE s.interaction_id = t.interaction_id "
      "     AND s.kind IN ('emotion_scored', 'emotion_corrected') AND s.kind = 'emotion_scored' "
      "   ORDER BY s.ts_us DESC LIMIT 1) "
      "FROM interaction_events t WHERE t.kind IN ('email_received', 'transcript_line') AND t.ts_us >= ?1 "
      "GROUP BY t.interaction_id ORDER BY MAX(t.ts_us)");
  st.bind(1, sinceUs);
  const std::string current = std::to_string(emotion::kScorerVersion) + " " + lexicon.checksum;
  DueContacts out;
  while (st.step()) {
    if (st.isNull(2) || st.int64(2) < st.int64(1)) {
      out.newWords.push_back(st.text(0));
    } else if (st.text(3) != current) {
      out.lexiconChanged.push_back(st.text(0));
    }
  }
  return out;
}

ScoringResult scoreContacts(store::Database& db, store::EventLog& log, const emotion::Lexicon& lexicon,
                            const std::vector<std::string>& interactionIds, std::int64_t nowUs, bool rescore) {
  ScoringResult result;
  for (const auto& id : interactionIds) {
    Json voice;
    const auto turns = customerTurns(db, lexicon, id, &voice);
    const auto payload = emotionScoredPayload(lexicon, turns, rescore, voice);
    if (!payload) {
      ++result.withoutWords;
      continue;
    }
    appendScore(log, id, *payload, std::max(nowUs, turns.back().atUs));
    ++result.scored;
  }
  return result;
}

bool scoreVoice(store::Database& db, store::EventLog& log, const emotion::Lexicon& lexicon,
                const std::string& interactionId, const emotion::VoiceAnalysis& analysis, std::int64_t startedUs,
                std::int64_t nowUs) {
  auto turns = customerTurns(db, lexicon, interactionId);
  std::erase_if(turns, [](const emotion::Turn& t) { return t.source == "voice"; });  // analysed again
  const auto voiced = voiceTurns(analysis, startedUs);
  turns.insert(turns.end(), voiced.begin(), voiced.end());
  std::stable_sort(turns.begin(), turns.end(),
                   [](const emotion::Turn& a, const emotion::Turn& b) { return a.atUs < b.atUs; });
  const auto payload = emotionScoredPayload(lexicon, turns, false, voiceSummary(analysis));
  if (!payload) return false;
  appendScore(log, interactionId, *payload, std::max(nowUs, turns.back().atUs));
  return true;
}

}  // namespace frontline::desk
