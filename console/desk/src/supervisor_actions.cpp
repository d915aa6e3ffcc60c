// A supervisor's actions (reassign, reprioritise, escalate a complaint; ask an agent to go
// not ready or log out; acknowledge an alert), each an event of the supervisor's console
// that the sync carries to the central store and from there to the agents' consoles; and
// an agent's console carrying out a request addressed to it.
#include <nlohmann/json.hpp>

#include "desk_worker.h"
#include "store/sla.h"

namespace frontline::desk {
namespace {

using Json = nlohmann::json;

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

void Desk::Worker::handle(const ReassignComplaint& c, DeskSnapshot&) {
  requireStore();
  const auto row = store::loadComplaint(*m_db, c.complaintId);
  if (!row) throw store::StoreError("no complaint " + c.complaintId);
  if (c.toAgent.empty()) throw store::StoreError("choose the agent to give the complaint to");
  if (row->ownerAgentId == c.toAgent) return;
  append(row->interactionId, store::EventKind::ComplaintReassigned,
         dump({{"complaint_id", c.complaintId},
               {"owner", c.toAgent},
               {"previous", row->ownerAgentId},
               {"by_name", options().agentName}}));
}

void Desk::Worker::handle(const ReprioritiseComplaint& c, DeskSnapshot&) {
  requireStore();
  const auto row = store::loadComplaint(*m_db, c.complaintId);
  if (!row) throw store::StoreError("no complaint " + c.complaintId);
  const auto policy = store::loadSlaPolicy(*m_db, c.priority);
  if (!policy) throw store::StoreError("no SLA policy for priority \"" + c.priority + "\"");
  if (row->priority == c.priority) return;
  // Due times run from when the complaint was opened, on the new priority's policy (24/7).
  append(row->interactionId, store::EventKind::ComplaintReprioritised,
         dump({{"complaint_id", c.complaintId},
               {"priority", c.priority},
               {"previous", row->priority},
               {"response_due_us", row->openedUs + policy->firstResponseUs},
               {"resolution_due_us", row->openedUs + policy->resolutionUs},
               {"by_name", options().agentName}}));
}

void Desk::Worker::handle(const EscalateComplaint& c, DeskSnapshot&) {
  requireStore();
  const auto row = store::loadComplaint(*m_db, c.complaintId);
  if (!row) throw store::StoreError("no complaint " + c.complaintId);
  if (c.note.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw store::StoreError("say why the complaint is escalated");
  }
  append(row->interactionId, store::EventKind::ComplaintEscalated,
         dump({{"complaint_id", c.complaintId}, {"note", c.note}, {"by_name", options().agentName}}));
}

void Desk::Worker::handle(const RequestAgentState& c, DeskSnapshot&) {
  requireStore();
  if (c.state != AgentState::NotReady && c.state != AgentState::LoggedOut) {
    throw store::StoreError("an agent can be asked to go not ready or to log out");
  }
  m_log->append(store::InteractionEvent{"", 0, "", now(), store::EventKind::AgentStateRequested, options().origin,
                                        dump({{"agent", c.agentId},
                                              {"state", toString(c.state)},
                                              {"reason", c.reason},
                                              {"by_name", options().agentName}})});
}

void Desk::Worker::handle(const AcknowledgeAlert& c, DeskSnapshot&) {
  requireStore();
  m_log->append(store::InteractionEvent{"", 0, "", now(), store::EventKind::AlertAcknowledged, options().origin,
                                        dump({{"key", c.key}, {"text", c.text}, {"by_name", options().agentName}})});
}

std::string Desk::Worker::lastObeyedRequest() {
  store::Statement& s = m_db->cached(
      "SELECT json_extract(payload_json, '$.request') FROM interaction_events WHERE origin = ? AND kind = "
      "'agent_state' AND json_extract(payload_json, '$.request') IS NOT NULL ORDER BY seq DESC LIMIT 1");
  s.bind(1, options().origin);
  std::string key = s.step() ? s.text(0) : std::string();
  s.reset();
  return key;
}

void Desk::Worker::obeyRequest(DeskSnapshot& next) {
  if (!m_db) return;
  // The newest request addressed to this agent (the partial index of schema 7 holds only
  // requests and acknowledgements).
  store::Statement& s = m_db->cached(
      "SELECT origin, seq, payload_json FROM interaction_events WHERE kind = 'agent_state_requested' "
      "AND json_extract(payload_json, '$.agent') = ? ORDER BY ts_us DESC LIMIT 1");
  s.bind(1, options().origin);
  if (!s.step()) {
    s.reset();
    return;
  }
  const std::string key = s.text(0) + ":" + std::to_string(s.int64(1));
  const Json payload = Json::parse(s.text(2), nullptr, false);
  s.reset();
  if (key == m_obeyedRequest || !payload.is_object()) {
    next.pendingRequest.clear();
    return;
  }
  const auto state = agentStateFromString(payload.value("state", ""));
  if (!state || (*state != AgentState::NotReady && *state != AgentState::LoggedOut)) {
    m_obeyedRequest = key;  // not a request this console can carry out
    return;
  }
  const std::string by = payload.value("by_name", std::string("a supervisor"));
  const std::string reason = payload.value("reason", std::string());
  const std::string what = std::string(displayName(*state)) + (reason.empty() ? "" : " (" + reason + ")");
  if (next.agent.state == AgentState::OnContact || next.agent.state == AgentState::WrapUp) {
    next.pendingRequest = what + ": requested by " + by + ", once this contact is wrapped up";
    return;
  }
  m_obeyedRequest = key;
  next.pendingRequest.clear();
  next.lastRequestNotice = what + ": requested by " + by;
  if (next.agent.state == *state) return;
  moveAgent(*state, (reason.empty() ? std::string() : reason + ", ") + "requested by " + by, next, key);
}

}  // namespace frontline::desk
