// Reading events back from the log; see event_reads.h.
#include "store/event_reads.h"

#include <algorithm>

namespace frontline::store {
namespace {

constexpr const char* kColumns =
    "SELECT origin, seq, COALESCE(interaction_id, ''), ts_us, kind, agent_id, payload_json FROM interaction_events ";

std::vector<InteractionEvent> readAll(Statement& s) {
  std::vector<InteractionEvent> events;
  while (s.step()) {
    const auto kind = eventKindFromString(s.text(4));
    if (!kind) continue;  // a kind from a newer console: not ours to fold
    events.push_back({s.text(0), s.int64(1), s.text(2), s.int64(3), *kind, s.text(5), s.text(6)});
  }
  return events;
}

}  // namespace

std::vector<InteractionEvent> interactionEvents(Database& db, const std::string& interactionId, std::int64_t untilUs) {
  Statement& s =
      db.cached(std::string(kColumns) + "WHERE interaction_id = ? AND ts_us <= ? ORDER BY ts_us, origin, seq");
  s.bind(1, interactionId).bind(2, untilUs);
  return readAll(s);
}

std::vector<InteractionEvent> complaintEvents(Database& db, const std::string& complaintId, std::int64_t untilUs) {
  // The expression and condition of interaction_events_by_complaint (schema 10).
  Statement& s = db.cached(std::string(kColumns) + "WHERE json_extract(payload_json, '$.complaint_id') = ? AND " +
                           kComplaintEventsCondition + " AND ts_us <= ? ORDER BY ts_us, origin, seq");
  s.bind(1, complaintId).bind(2, untilUs);
  return readAll(s);
}

std::vector<InteractionEvent> agentStateEvents(Database& db, const std::string& agentId, std::int64_t fromUs,
                                               std::int64_t toUs) {
  Statement& before = db.cached(std::string(kColumns) +
                                "WHERE kind = 'agent_state' AND agent_id = ? AND ts_us < ? "
                                "ORDER BY ts_us DESC, origin DESC, seq DESC LIMIT 1");
  before.bind(1, agentId).bind(2, fromUs);
  std::vector<InteractionEvent> events = readAll(before);
  Statement& within = db.cached(std::string(kColumns) +
                                "WHERE kind = 'agent_state' AND agent_id = ? AND ts_us BETWEEN ? AND ? "
                                "ORDER BY ts_us, origin, seq");
  within.bind(1, agentId).bind(2, fromUs).bind(3, toUs);
  auto rest = readAll(within);
  events.insert(events.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
  return events;
}

}  // namespace frontline::store
