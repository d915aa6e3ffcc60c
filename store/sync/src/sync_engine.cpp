// Push and pull; see sync_engine.h.
#include "sync/sync_engine.h"

#include <algorithm>
#include <map>
#include <set>

#include "store/event.h"
#include "store/projections.h"
#include "sync/central_schema.h"
#include "sync/reference_pull.h"

namespace frontline::sync {
namespace {

using store::EventKind;
using store::InteractionEvent;

constexpr const char* kPushedSeq = "pushed_seq";
constexpr const char* kPulledRevision = "pulled_revision";
constexpr std::size_t kRowsPerInsert = 200;  // 9 parameters a row: well under both backends' limits
constexpr const char* kEventColumns = "origin, seq, interaction_id, ts_us, kind, agent_id, payload_json";

bool isComplaintEvent(EventKind kind) {
  return store::projectionTargetOf(kind) == store::ProjectionTarget::Complaint;
}

// Events as central rows return them: origin, seq, interaction_id, ts_us, kind, agent_id, payload_json.
std::vector<InteractionEvent> eventsOf(const std::vector<Row>& rows, std::size_t first = 0) {
  std::vector<InteractionEvent> events;
  events.reserve(rows.size());
  for (const auto& r : rows) {
    const auto kind = store::eventKindFromString(r.at(first + 4).value_or(""));
    if (!kind) continue;  // a kind from a newer console: kept centrally, not folded here
    events.push_back(InteractionEvent{r.at(first).value_or(""), toInt(r.at(first + 1)), r.at(first + 2).value_or(""),
                                      toInt(r.at(first + 3)), *kind, r.at(first + 5).value_or(""),
                                      r.at(first + 6).value_or("{}")});
  }
  return events;
}

// Multi-row upsert: INSERT INTO table (columns) VALUES (...), (...) ON CONFLICT (key) DO
// UPDATE SET every other column, in statements of at most `perStatement` rows.
void upsertRows(CentralConnection& c, const std::string& table, const std::vector<const char*>& columns,
                const std::vector<std::vector<Field>>& rows, std::size_t perStatement = 100) {
  for (std::size_t from = 0; from < rows.size(); from += perStatement) {
    const std::size_t to = std::min(rows.size(), from + perStatement);
    std::string sql = "INSERT INTO " + table + " (";
    for (std::size_t k = 0; k < columns.size(); ++k) sql += (k ? ", " : "") + std::string(columns[k]);
    sql += ") VALUES ";
    std::vector<Field> params;
    params.reserve((to - from) * columns.size());
    for (std::size_t i = from; i < to; ++i) {
      sql += i == from ? "(" : ", (";
      for (std::size_t k = 0; k < columns.size(); ++k) {
        params.push_back(rows[i][k]);
        sql += (k ? ", $" : "$") + std::to_string(params.size());
      }
      sql += ")";
    }
    sql += " ON CONFLICT (" + std::string(columns[0]) + ") DO UPDATE SET ";
    for (std::size_t k = 1; k < columns.size(); ++k) {
      sql += (k > 1 ? ", " : "") + std::string(columns[k]) + " = excluded." + columns[k];
    }
    c.query(sql, params);
  }
}

const std::vector<const char*> kInteractionColumns{"id",
                                                   "customer_id",
                                                   "channel",
                                                   "direction",
                                                   "address",
                                                   "display_name",
                                                   "subject",
                                                   "agent_id",
                                                   "status",
                                                   "outcome",
                                                   "offered_us",
                                                   "answered_us",
                                                   "ended_us",
                                                   "wrapped_us",
                                                   "wait_us",
                                                   "talk_us",
                                                   "acw_us",
                                                   "disposition",
                                                   "note",
                                                   "satisfaction_expected",
                                                   "satisfaction_perceived",
                                                   "last_event_us",
                                                   "external_id"};
const std::vector<const char*> kComplaintColumns{
    "id",          "customer_id",     "interaction_id",    "category",     "priority",
    "summary",     "status",          "owner_agent_id",    "opened_us",    "first_response_us",
    "resolved_us", "response_due_us", "resolution_due_us", "last_event_us"};
const std::vector<const char*> kAgentStateColumns{"agent_id", "state", "reason", "since_us"};

std::vector<Field> fieldsOf(const store::InteractionRow& r) {
  return {field(r.id),
          field(r.customerId),
          field(r.channel),
          field(r.direction),
          field(r.address),
          field(r.displayName),
          field(r.subject),
          field(r.agentId),
          field(r.status),
          field(r.outcome),
          field(r.offeredUs),
          field(r.answeredUs),
          field(r.endedUs),
          field(r.wrappedUs),
          field(r.waitUs()),
          field(r.talkUs()),
          field(r.acwUs()),
          field(r.disposition),
          field(r.note),
          field(r.satisfactionExpected),
          field(r.satisfactionPerceived),
          field(r.lastEventUs),
          field(r.externalId)};
}
std::vector<Field> fieldsOf(const store::ComplaintRow& r) {
  return {field(r.id),
          field(r.customerId),
          field(r.interactionId),
          field(r.category),
          field(r.priority),
          field(r.summary),
          field(r.status),
          field(r.ownerAgentId),
          field(r.openedUs),
          field(r.firstResponseUs),
          field(r.resolvedUs),
          field(r.responseDueUs),
          field(r.resolutionDueUs),
          field(r.lastEventUs)};
}
std::vector<Field> fieldsOf(const store::AgentStateRow& r) {
  return {field(r.agentId), field(r.state), field(r.reason), field(r.sinceUs)};
}

struct Touched {
  std::set<std::string> interactions, complaints, agents;
  void add(const InteractionEvent& e) {
    switch (store::projectionTargetOf(e.kind)) {
      case store::ProjectionTarget::Interaction:
        if (!e.interactionId.empty()) interactions.insert(e.interactionId);
        break;
      case store::ProjectionTarget::Complaint:
        if (auto id = store::complaintIdOf(e); !id.empty()) complaints.insert(id);
        break;
      case store::ProjectionTarget::AgentState:
        if (!e.agentId.empty()) agents.insert(e.agentId);
        break;
    }
  }
};

// Every central event whose `column` is one of `ids`, grouped by that value and in
// (ts_us, origin, seq) order: a few queries of up to 500 ids each, not one per id.
std::map<std::string, std::vector<InteractionEvent>> eventsBy(CentralConnection& c, const std::string& column,
                                                              const std::set<std::string>& ids,
                                                              const std::string& extra = "") {
  std::map<std::string, std::vector<InteractionEvent>> grouped;
  const std::vector<std::string> all(ids.begin(), ids.end());
  for (std::size_t from = 0; from < all.size(); from += 500) {
    const std::size_t to = std::min(all.size(), from + 500);
    std::string sql =
        std::string("SELECT ") + kEventColumns + ", " + column + " FROM central_events WHERE " + column + " IN (";
    std::vector<Field> params;
    for (std::size_t i = from; i < to; ++i) {
      params.push_back(field(all[i]));
      sql += (i == from ? "$" : ", $") + std::to_string(params.size());
    }
    sql += ")" + extra + " ORDER BY ts_us, origin, seq";
    const auto rows = c.query(sql, params);
    for (const auto& r : rows) {
      auto events = eventsOf({r});
      if (!events.empty()) grouped[r.back().value_or("")].push_back(std::move(events.front()));
    }
  }
  return grouped;
}

// Recomputes the central projections of what a batch touched, from all their events.
void recomputeCentral(CentralConnection& c, const Touched& t) {
  std::vector<std::vector<Field>> rows;
  for (const auto& [id, events] : eventsBy(c, "interaction_id", t.interactions)) {
    store::InteractionRow row;
    for (const auto& e : events) {
      if (store::projectionTargetOf(e.kind) == store::ProjectionTarget::Interaction) store::applyToInteraction(row, e);
    }
    if (!row.id.empty()) rows.push_back(fieldsOf(row));
  }
  upsertRows(c, "interactions", kInteractionColumns, rows);
  rows.clear();
  for (const auto& [id, events] : eventsBy(c, "complaint_id", t.complaints)) {
    store::ComplaintRow row;
    for (const auto& e : events) store::applyToComplaint(row, e);
    if (!row.id.empty()) rows.push_back(fieldsOf(row));
  }
  upsertRows(c, "complaints", kComplaintColumns, rows);
  rows.clear();
  // An agent's state is its latest agent_state event (one indexed read per agent; a
  // batch holds one or a few agents).
  for (const auto& agent : t.agents) {
    store::AgentStateRow row;
    for (const auto& e :
         eventsOf(c.query(std::string("SELECT ") + kEventColumns +
                              " FROM central_events WHERE agent_id = $1 AND kind = 'agent_state' ORDER BY ts_us DESC, "
                              "origin DESC, seq DESC LIMIT 1",
                          {field(agent)}))) {
      store::applyToAgentState(row, e);
    }
    if (!row.agentId.empty()) rows.push_back(fieldsOf(row));
  }
  upsertRows(c, "agent_states", kAgentStateColumns, rows);
}

// Refolds the local projections of what pulled events touched, from all local events.
void refoldLocal(store::Database& db, const Touched& t) {
  const std::string columns = "SELECT origin, seq, COALESCE(interaction_id, ''), ts_us, kind, agent_id, payload_json ";
  auto localEvents = [&](store::Statement& s) {
    std::vector<Row> rows;
    while (s.step()) {
      Row r;
      for (int c = 0; c < 7; ++c) r.emplace_back(s.text(c));
      rows.push_back(std::move(r));
    }
    return eventsOf(rows);
  };
  for (const auto& id : t.interactions) {
    store::Statement& s =
        db.cached(columns + "FROM interaction_events WHERE interaction_id = ? ORDER BY ts_us, origin, seq");
    s.bind(1, id);
    store::InteractionRow row;
    for (const auto& e : localEvents(s)) {
      if (store::projectionTargetOf(e.kind) != store::ProjectionTarget::Interaction) continue;
      store::applyToInteraction(row, e);
      if (auto email = store::emailMessageOf(e)) store::saveEmailMessage(db, *email);
    }
    if (!row.id.empty()) store::saveInteraction(db, row);
  }
  for (const auto& id : t.complaints) {
    // Uses interaction_events_by_complaint (schema 4): the same expression and condition.
    store::Statement& s =
        db.cached(columns +
                  "FROM interaction_events WHERE json_extract(payload_json, '$.complaint_id') = ? AND kind IN "
                  "('complaint_opened', 'complaint_responded', 'complaint_resolved') ORDER BY ts_us, origin, seq");
    s.bind(1, id);
    store::ComplaintRow row;
    for (const auto& e : localEvents(s)) store::applyToComplaint(row, e);
    if (!row.id.empty()) store::saveComplaint(db, row);
  }
  for (const auto& agent : t.agents) {
    store::Statement& s = db.cached(columns +
                                    "FROM interaction_events WHERE agent_id = ? AND kind = 'agent_state' "
                                    "ORDER BY ts_us DESC, origin DESC, seq DESC LIMIT 1");
    s.bind(1, agent);
    store::AgentStateRow row;
    for (const auto& e : localEvents(s)) store::applyToAgentState(row, e);
    if (!row.agentId.empty()) store::saveAgentState(db, row);
  }
}

}  // namespace

std::int64_t localCursor(store::Database& local, const std::string& key) {
  store::Statement& s = local.cached("SELECT value FROM sync_state WHERE key = ?");
  s.bind(1, key);
  std::int64_t value = 0;
  if (s.step()) value = std::strtoll(s.text(0).c_str(), nullptr, 10);
  s.reset();
  return value;
}

void setLocalCursor(store::Database& local, const std::string& key, std::int64_t value) {
  local.cached("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)")
      .bind(1, key)
      .bind(2, std::to_string(value))
      .run();
}

SyncEngine::SyncEngine(store::Database& local, CentralConnection& central, std::string origin, SyncOptions options)
    : m_local(local), m_central(central), m_origin(std::move(origin)), m_options(std::move(options)) {}

void SyncEngine::requireCentralSchema() {
  if (m_schemaChecked) return;
  if (centralVersion(m_central) == 0) {
    throw CentralError("the central store " + m_central.describe() +
                       " is not initialised: run frontline central init --config FILE");
  }
  m_schemaChecked = true;
}

std::int64_t pendingEvents(store::Database& local, const std::string& origin) {
  store::Statement& s = local.cached("SELECT COUNT(*) FROM interaction_events WHERE origin = ? AND seq > ?");
  s.bind(1, origin).bind(2, localCursor(local, kPushedSeq));
  s.step();
  const std::int64_t n = s.int64(0);
  s.reset();
  return n;
}

std::int64_t SyncEngine::pendingEvents() {
  return sync::pendingEvents(m_local, m_origin);
}

std::int64_t SyncEngine::pushBatch() {
  requireCentralSchema();
  std::int64_t sent = 0;
  std::int64_t lastSeq = 0;
  m_central.beginExclusive();
  try {
    // The central store is the judge of what it has: a batch whose commit was never
    // acknowledged locally is not sent twice.
    const std::int64_t stored =
        toInt(m_central.query("SELECT COALESCE(MAX(seq), 0) FROM central_events WHERE origin = $1", {field(m_origin)})
                  .at(0)
                  .at(0));
    std::vector<InteractionEvent> batch;
    {
      store::Statement& s = m_local.cached(
          "SELECT origin, seq, COALESCE(interaction_id, ''), ts_us, kind, agent_id, payload_json FROM "
          "interaction_events WHERE origin = ? AND seq > ? ORDER BY seq LIMIT ?");
      s.bind(1, m_origin).bind(2, stored).bind(3, m_options.batchSize);
      std::vector<Row> rows;
      while (s.step()) {
        Row r;
        for (int c = 0; c < 7; ++c) r.emplace_back(s.text(c));
        rows.push_back(std::move(r));
      }
      batch = eventsOf(rows);
    }
    if (batch.empty()) {
      m_central.rollback();
      if (localCursor(m_local, kPushedSeq) != stored) setLocalCursor(m_local, kPushedSeq, stored);
      return 0;
    }
    std::int64_t revision = toInt(m_central.query("SELECT COALESCE(MAX(revision), 0) FROM central_events").at(0).at(0));
    Touched touched;
    for (std::size_t from = 0; from < batch.size(); from += kRowsPerInsert) {
      const std::size_t to = std::min(batch.size(), from + kRowsPerInsert);
      std::string sql =
          "INSERT INTO central_events (revision, origin, seq, interaction_id, complaint_id, ts_us, kind, agent_id, "
          "payload_json) VALUES ";
      std::vector<Field> params;
      params.reserve((to - from) * 9);
      for (std::size_t i = from; i < to; ++i) {
        const auto& e = batch[i];
        const std::size_t p = params.size();
        sql += (i == from ? "" : ", ") + std::string("(");
        for (std::size_t k = 1; k <= 9; ++k) sql += (k == 1 ? "$" : ", $") + std::to_string(p + k);
        sql += ")";
        params.push_back(field(++revision));
        params.push_back(field(e.origin));
        params.push_back(field(e.seq));
        params.push_back(field(e.interactionId));
        params.push_back(field(isComplaintEvent(e.kind) ? store::complaintIdOf(e) : std::string()));
        params.push_back(field(e.tsUs));
        params.push_back(field(std::string(store::toString(e.kind))));
        params.push_back(field(e.agentId));
        params.push_back(field(e.payloadJson));
        touched.add(e);
      }
      sql += " ON CONFLICT (origin, seq) DO NOTHING";
      m_central.query(sql, params);
    }
    recomputeCentral(m_central, touched);
    sent = static_cast<std::int64_t>(batch.size());
    lastSeq = batch.back().seq;
    if (m_options.checkpoint) m_options.checkpoint("before-central-commit");
    m_central.commit();
  } catch (...) {
    m_central.rollback();
    throw;
  }
  if (m_options.checkpoint) m_options.checkpoint("after-central-commit");
  // Acknowledged: only now does the local cursor move.
  setLocalCursor(m_local, kPushedSeq, lastSeq);
  return sent;
}

std::int64_t SyncEngine::pullBatch() {
  requireCentralSchema();
  const std::int64_t cursor = localCursor(m_local, kPulledRevision);
  const auto rows = m_central.query(std::string("SELECT revision, ") + kEventColumns +
                                        " FROM central_events WHERE revision > $1 ORDER BY revision LIMIT $2",
                                    {field(cursor), field(static_cast<std::int64_t>(m_options.batchSize))});
  if (rows.empty()) return 0;
  // An agent's console takes complaints, callbacks and the contacts of customers; other
  // agents' states and unknown callers' contacts stay central. Supervisors and trainers take all.
  std::set<std::string> customerContacts;
  const bool agent = m_options.role == "agent";
  if (agent) {
    std::set<std::string> ids;
    for (const auto& r : rows) {
      if (!r.at(3).value_or("").empty()) ids.insert(*r.at(3));
    }
    for (const auto& [id, events] : eventsBy(m_central, "interaction_id", ids)) {
      store::InteractionRow row;
      for (const auto& e : events) store::applyToInteraction(row, e);
      if (row.customerId) customerContacts.insert(id);
    }
  }
  std::vector<Row> foreign;
  for (const auto& r : rows) {
    if (r.at(1).value_or("") == m_origin) continue;
    if (agent) {
      const std::string kind = r.at(5).value_or("");
      const bool complaint = kind.rfind("complaint_", 0) == 0;
      const bool callback = kind.rfind("callback_", 0) == 0;  // for this agent or anyone
      if (!complaint && !callback && !customerContacts.count(r.at(3).value_or(""))) continue;
    }
    foreign.push_back(r);
  }
  const auto events = eventsOf(foreign, 1);
  std::int64_t inserted = 0;
  store::Transaction tx(m_local);
  Touched touched;
  for (const auto& e : events) {
    store::Statement& s = m_local.cached(
        "INSERT OR IGNORE INTO interaction_events (origin, seq, interaction_id, ts_us, kind, agent_id, payload_json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, e.origin).bind(2, e.seq);
    if (e.interactionId.empty()) {
      s.bindNull(3);
    } else {
      s.bind(3, e.interactionId);
    }
    s.bind(4, e.tsUs).bind(5, store::toString(e.kind)).bind(6, e.agentId).bind(7, e.payloadJson);
    s.run();
    if (m_local.changes() > 0) {
      ++inserted;
      touched.add(e);
    }
  }
  refoldLocal(m_local, touched);
  setLocalCursor(m_local, kPulledRevision, toInt(rows.back().at(0)));
  tx.commit();
  return inserted;
}

SyncCounts SyncEngine::syncOnce() {
  SyncCounts counts;
  requireCentralSchema();
  counts.reference = pullReferenceData(m_local, m_central);
  for (std::int64_t n; (n = pushBatch()) > 0;) counts.pushed += n;
  for (;;) {
    const std::int64_t before = localCursor(m_local, kPulledRevision);
    counts.pulled += pullBatch();
    if (localCursor(m_local, kPulledRevision) == before) break;
  }
  return counts;
}

}  // namespace frontline::sync

namespace frontline::sync {

store::Projections loadCentralProjections(CentralConnection& c) {
  store::Projections p;
  for (const auto& r :
       c.query("SELECT id, customer_id, channel, direction, address, display_name, subject, agent_id, status, outcome, "
               "offered_us, answered_us, ended_us, wrapped_us, disposition, note, satisfaction_expected, "
               "satisfaction_perceived, last_event_us, external_id FROM interactions")) {
    store::InteractionRow i;
    i.id = r[0].value_or("");
    i.customerId = toOptionalInt(r[1]);
    i.channel = r[2].value_or("");
    i.direction = r[3].value_or("");
    i.address = r[4].value_or("");
    i.displayName = r[5].value_or("");
    i.subject = r[6].value_or("");
    i.agentId = r[7].value_or("");
    i.status = r[8].value_or("");
    i.outcome = r[9].value_or("");
    i.offeredUs = toInt(r[10]);
    i.answeredUs = toOptionalInt(r[11]);
    i.endedUs = toOptionalInt(r[12]);
    i.wrappedUs = toOptionalInt(r[13]);
    i.disposition = r[14].value_or("");
    i.note = r[15].value_or("");
    i.satisfactionExpected = toOptionalInt(r[16]);
    i.satisfactionPerceived = toOptionalInt(r[17]);
    i.lastEventUs = toInt(r[18]);
    i.externalId = r[19].value_or("");
    p.interactions.emplace(i.id, std::move(i));
  }
  for (const auto& r : c.query(
           "SELECT id, customer_id, interaction_id, category, priority, summary, status, owner_agent_id, opened_us, "
           "first_response_us, resolved_us, response_due_us, resolution_due_us, last_event_us FROM complaints")) {
    store::ComplaintRow k;
    k.id = r[0].value_or("");
    k.customerId = toOptionalInt(r[1]);
    k.interactionId = r[2].value_or("");
    k.category = r[3].value_or("");
    k.priority = r[4].value_or("");
    k.summary = r[5].value_or("");
    k.status = r[6].value_or("");
    k.ownerAgentId = r[7].value_or("");
    k.openedUs = toInt(r[8]);
    k.firstResponseUs = toOptionalInt(r[9]);
    k.resolvedUs = toOptionalInt(r[10]);
    k.responseDueUs = toInt(r[11]);
    k.resolutionDueUs = toInt(r[12]);
    k.lastEventUs = toInt(r[13]);
    p.complaints.emplace(k.id, std::move(k));
  }
  for (const auto& r : c.query("SELECT agent_id, state, reason, since_us FROM agent_states")) {
    store::AgentStateRow a{r[0].value_or(""), r[1].value_or(""), r[2].value_or(""), toInt(r[3])};
    p.agentStates.emplace(a.agentId, std::move(a));
  }
  return p;
}

}  // namespace frontline::sync
