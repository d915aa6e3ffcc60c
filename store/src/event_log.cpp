// Event append with projection update in one transaction; see event_log.h.
#include "store/event_log.h"

#include "store/grouped_insert.h"
#include "store/projections.h"

namespace frontline::store {

EventLog::EventLog(Database& db, std::string origin) : m_db(db), m_origin(std::move(origin)) {
  if (m_origin.empty()) throw StoreError("an event log needs a non-empty origin (the console id)");
  resync();
}

void EventLog::resync() {
  Statement& s = m_db.cached("SELECT COALESCE(MAX(seq), 0) FROM interaction_events WHERE origin = ?");
  s.bind(1, m_origin);
  s.step();
  m_lastSeq = s.int64(0);
  s.reset();
}

InteractionEvent EventLog::append(InteractionEvent event) {
  std::vector<InteractionEvent> one;
  one.push_back(std::move(event));
  return std::move(append(std::move(one)).front());
}

std::vector<InteractionEvent> EventLog::append(std::vector<InteractionEvent> events) {
  const std::int64_t before = m_lastSeq;
  try {
    // The last number is read again under the write lock: another process may have
    // appended for this origin since (`frontline emotion rescore` beside a running console).
    if (m_db.inTransaction()) {
      resync();
      for (InteractionEvent& e : events) appendInOpenTransaction(e);
    } else {
      Transaction tx(m_db);  // immediate: the write lock first
      resync();
      for (InteractionEvent& e : events) appendInOpenTransaction(e);
      tx.commit();
    }
  } catch (...) {
    m_lastSeq = before;  // nothing was written: the next append reuses these numbers
    throw;
  }
  return events;
}

void EventLog::appendInOpenTransaction(InteractionEvent& event) {
  event.origin = m_origin;
  event.seq = m_lastSeq + 1;
  insertEventRow(m_db, event);
  m_lastSeq = event.seq;

  switch (projectionTargetOf(event.kind)) {
    case ProjectionTarget::Interaction: {
      if (event.interactionId.empty())
        throw StoreError("event '" + std::string(toString(event.kind)) + "' needs an interaction id");
      // The stored row goes to the save: only what the event changed is written.
      const auto stored = loadInteraction(m_db, event.interactionId);
      InteractionRow row = stored.value_or(InteractionRow{});
      applyToInteraction(row, event);
      saveInteraction(m_db, row, stored ? &*stored : nullptr);
      if (auto email = emailMessageOf(event)) saveEmailMessage(m_db, *email);
      break;
    }
    case ProjectionTarget::Complaint: {
      std::string id = complaintIdOf(event);
      if (id.empty()) throw StoreError("complaint event without complaint_id in its payload");
      const auto stored = loadComplaint(m_db, id);
      ComplaintRow row = stored.value_or(ComplaintRow{});
      applyToComplaint(row, event);
      saveComplaint(m_db, row, stored ? &*stored : nullptr);
      break;
    }
    case ProjectionTarget::AgentState: {
      if (event.agentId.empty()) throw StoreError("agent state event without an agent id");
      const auto stored = loadAgentState(m_db, event.agentId);
      AgentStateRow row = stored.value_or(AgentStateRow{});
      applyToAgentState(row, event);
      saveAgentState(m_db, row, stored ? &*stored : nullptr);
      break;
    }
    case ProjectionTarget::None:
      break;
  }
}

namespace {

constexpr const char* kEventInsertHead =
    "INSERT INTO interaction_events (origin, seq, interaction_id, ts_us, kind, agent_id, payload_json) VALUES ";

// Binds one event's seven values from parameter `first` on, without copying its text (the
// reset after the run unbinds).
void bindEvent(Statement& s, int first, const InteractionEvent& e) {
  s.bindUncopied(first, e.origin).bind(first + 1, e.seq);
  if (e.interactionId.empty()) {
    s.bindNull(first + 2);
  } else {
    s.bindUncopied(first + 2, e.interactionId);
  }
  s.bind(first + 3, e.tsUs).bindUncopied(first + 4, toString(e.kind));
  s.bindUncopied(first + 5, e.agentId).bindUncopied(first + 6, e.payloadJson);
}

}  // namespace

void insertEventRow(Database& db, const InteractionEvent& e) {
  Statement& s = db.cached(std::string(kEventInsertHead) + "(?,?,?,?,?,?,?)");
  bindEvent(s, 1, e);
  s.run();
  s.reset();
}

void insertEventRows(Database& db, const std::vector<InteractionEvent>& events) {
  insertGrouped(db, kEventInsertHead, 7, events, bindEvent);
}

}  // namespace frontline::store
