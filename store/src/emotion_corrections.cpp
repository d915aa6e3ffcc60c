// The trainers' corrections; see emotion_corrections.h.
#include "store/emotion_corrections.h"

#include <cstdlib>

#include <nlohmann/json.hpp>

namespace frontline::store {

std::vector<EmotionCorrectionRow> emotionCorrections(Database& db, std::int64_t sinceUs) {
  // The condition of interaction_events_emotion (schema 14), then the kind wanted.
  Statement& s = db.cached(
      "SELECT e.ts_us, e.interaction_id, COALESCE(i.channel, ''), COALESCE(i.agent_id, ''), e.origin, "
      "e.payload_json FROM interaction_events e LEFT JOIN interactions i ON i.id = e.interaction_id "
      "WHERE e.kind IN ('emotion_scored', 'emotion_corrected') AND e.kind = 'emotion_corrected' AND e.ts_us >= ? "
      "ORDER BY e.ts_us, e.origin, e.seq");
  s.bind(1, sinceUs);
  std::vector<EmotionCorrectionRow> rows;
  while (s.step()) {
    const auto p = nlohmann::json::parse(s.text(5), nullptr, false);
    if (!p.is_object() || !p.contains("index") || !p["index"].is_number_integer()) continue;
    EmotionCorrectionRow r;
    r.atUs = s.int64(0);
    r.interactionId = s.text(1);
    r.channel = s.text(2);
    r.agentId = s.text(3);
    r.trainer = p.value("by_name", std::string());
    if (r.trainer.empty()) r.trainer = s.text(4);
    if (p.contains("was") && p["was"].is_number_integer()) r.was = p["was"].get<int>();
    r.index = p["index"].get<int>();
    r.note = p.value("note", std::string());
    rows.push_back(std::move(r));
  }
  return rows;
}

EmotionCorrectionSummary summarise(const std::vector<EmotionCorrectionRow>& rows) {
  EmotionCorrectionSummary out;
  auto side = [](int index) { return index >= 15 ? 1 : index <= -15 ? -1 : 0; };
  double total = 0;
  for (const auto& r : rows) {
    ++out.corrections;
    if (!r.was) continue;
    ++out.withEstimate;
    total += std::abs(r.index - *r.was);
    if (side(r.index) != side(*r.was)) ++out.wrongSide;
  }
  if (out.withEstimate > 0) out.meanDifference = total / out.withEstimate;
  return out;
}

}  // namespace frontline::store
