// A trainer's work on a past contact (annotations, evaluations, the record of unmasking a
// replay), each an event of the trainer's console that the sync carries to the central
// store; and an agent's console reading and acknowledging the evaluations of its agent.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "desk_worker.h"
#include "store/contact_emotion.h"

namespace frontline::desk {
namespace {

using Json = nlohmann::json;

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

void Desk::Worker::handle(const AnnotateContact& c, DeskSnapshot&) {
  requireStore();
  if (!store::loadInteraction(*m_db, c.interactionId)) throw store::StoreError("no contact " + c.interactionId);
  if (blank(c.text)) throw store::StoreError("an annotation needs a text");
  if (c.category != "good_practice" && c.category != "coaching_point" && c.category != "compliance") {
    throw store::StoreError("annotation category \"" + c.category +
                            "\" is not one of good_practice, coaching_point, compliance");
  }
  append(c.interactionId, store::EventKind::Annotated,
         dump({{"text", c.text}, {"at_us", c.atUs}, {"category", c.category}, {"by_name", options().agentName}}));
}

void Desk::Worker::handle(const CorrectEmotion& c, DeskSnapshot&) {
  requireStore();
  if (!store::loadInteraction(*m_db, c.interactionId)) throw store::StoreError("no contact " + c.interactionId);
  if (c.index < -100 || c.index > 100) throw store::StoreError("a feeling is from -100 to +100");
  if (blank(c.note)) throw store::StoreError("a correction needs a note: what the estimate missed");
  const auto now = store::contactEmotion(*m_db, c.interactionId);
  if (!now) throw store::StoreError("contact " + c.interactionId + " has no words of the customer's to correct");
  append(c.interactionId, store::EventKind::EmotionCorrected,
         dump({{"index", c.index},
               {"was", now->shown() ? Json(*now->shown()) : Json(nullptr)},
               {"note", c.note},
               {"by_name", options().agentName}}));
}

void Desk::Worker::handle(const SubmitEvaluation& c, DeskSnapshot&) {
  requireStore();
  if (!store::loadInteraction(*m_db, c.interactionId)) throw store::StoreError("no contact " + c.interactionId);
  Json payload = Json::parse(c.payloadJson, nullptr, false);
  if (!payload.is_object() || !payload.contains("form")) throw store::StoreError("an evaluation needs its form");
  if (payload.value("agent", std::string()).empty()) throw store::StoreError("nobody answered this contact");
  if (payload.value("evaluation_id", std::string()).empty()) payload["evaluation_id"] = m_ids.next();
  payload["by_name"] = options().agentName;
  append(c.interactionId, store::EventKind::Evaluated, dump(payload));
}

void Desk::Worker::handle(const RecordUnmask& c, DeskSnapshot&) {
  requireStore();
  append(c.interactionId, store::EventKind::Unmasked, dump({{"by_name", options().agentName}}));
}

void Desk::Worker::handle(const AcknowledgeEvaluation& c, DeskSnapshot& next) {
  requireStore();
  const auto it = std::find_if(next.evaluations.begin(), next.evaluations.end(),
                               [&](const EvaluationNote& e) { return e.evaluationId == c.evaluationId; });
  if (it == next.evaluations.end()) throw store::StoreError("no evaluation " + c.evaluationId + " of this agent");
  if (it->acknowledgedUs) return;
  append(it->interactionId, store::EventKind::EvaluationAcknowledged, dump({{"evaluation_id", c.evaluationId}}));
  next.evaluations = loadEvaluations();
}

std::vector<EvaluationNote> Desk::Worker::loadEvaluations() {
  std::vector<EvaluationNote> notes;
  if (!m_db) return notes;
  // interaction_events_evaluations (schema 8): the expression and condition.
  store::Statement& s = m_db->cached(
      "SELECT json_extract(payload_json, '$.evaluation_id'), interaction_id, origin, ts_us, payload_json "
      "FROM interaction_events WHERE json_extract(payload_json, '$.agent') = ? AND kind = 'evaluated' "
      "ORDER BY ts_us DESC LIMIT 100");
  s.bind(1, options().origin);
  while (s.step()) notes.push_back({s.text(0), s.text(1), s.text(2), s.int64(3), s.text(4), std::nullopt});
  store::Statement& ack = m_db->cached(
      "SELECT MIN(ts_us) FROM interaction_events WHERE interaction_id = ? AND kind = 'evaluation_acknowledged' "
      "AND json_extract(payload_json, '$.evaluation_id') = ?");
  for (auto& n : notes) {
    ack.bind(1, n.interactionId).bind(2, n.evaluationId);
    if (ack.step()) n.acknowledgedUs = ack.optionalInt64(0);
    ack.reset();
  }
  return notes;
}

}  // namespace frontline::desk
