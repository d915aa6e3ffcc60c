// Push and pull; see sync_engine.h.
#include "sync/sync_engine.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "store/event.h"
#include "store/event_reads.h"
#include "store/projection_tables.h"
#include "store/projections.h"
#include "sync/central_schema.h"
#include "sync/reference_pull.h"

namespace frontline::sync {
namespace {

using store::EventKind;
using store::InteractionEvent;

constexpr const char* kPushedSeq = "pushed_seq";
constexpr const char* kPulledRevision = "pulled_revision";
// PostgreSQL: the transaction of the last pulled row (central_events.txid): the pull cursor
// is (pulled_txid, pulled_revision) there.
constexpr const char* kPulledTxid = "pulled_txid";
const std::vector<const char*> kCentralEventColumns = {
    "revision", "origin", "seq", "interaction_id", "complaint_id", "ts_us", "kind", "agent_id", "payload_json"};
// On PostgreSQL the revision comes from the column's default (a sequence).
const std::vector<const char*> kCentralEventColumnsFromSequence(kCentralEventColumns.begin() + 1,
                                                                kCentralEventColumns.end());

// A PostgreSQL text[] literal: {"a","b"} with quotes and backslashes escaped.
std::string textArray(const std::set<std::string>& values) {
  std::string out = "{";
  for (const auto& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : v) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

constexpr const char* kEventColumns = "origin, seq, interaction_id, ts_us, kind, agent_id, payload_json";

bool isComplaintEvent(EventKind kind) {
  return store::projectionTargetOf(kind) == store::ProjectionTarget::Complaint;
}

// Whether an evaluated event's payload is about `agent` (an agent's console takes only its own).
bool evaluationOf(const std::string& payload, const std::string& agent) {
  const auto json = nlohmann::json::parse(payload, nullptr, false);
  return json.is_object() && json.value("agent", std::string()) == agent;
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

// Below this many rows a multi-row statement (one round trip) beats COPY (two, and for the
// projections a temporary table): the small pushes a floor makes after every commit.
constexpr std::size_t kFewRows = 64;

// INSERT INTO table (columns) VALUES (...), (...): one statement.
void insertRows(CentralConnection& c, const std::string& table, const std::vector<const char*>& columns,
                const std::vector<Row>& rows) {
  std::string sql = "INSERT INTO " + table + " (";
  for (std::size_t k = 0; k < columns.size(); ++k) sql += (k ? ", " : "") + std::string(columns[k]);
  sql += ") VALUES ";
  std::vector<Field> params;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    sql += i ? ", (" : "(";
    for (std::size_t k = 0; k < columns.size(); ++k) {
      params.push_back(rows[i][k]);
      sql += (k ? ", $" : "$") + std::to_string(params.size());
    }
    sql += ")";
  }
  c.query(sql, params);
}

// Multi-row upsert: INSERT INTO table (columns) VALUES (...), (...) ON CONFLICT (key) DO
// UPDATE SET every other column, in statements of at most 30,000 parameters (under both
// backends' limits): one statement for the few rows of a small push.
void upsertRows(CentralConnection& c, const std::string& table, const std::vector<const char*>& columns,
                const std::vector<std::vector<Field>>& rows) {
  const std::size_t perStatement = std::max<std::size_t>(1, 30000 / columns.size());
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

// A projection row as the central store's parameters, from the one description of its table.
template <typename Row>
std::vector<Field> fieldsOf(const store::ProjectionTable<Row>& table, const Row& row) {
  std::vector<Field> out;
  for (const auto& v : table.values(row)) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      out.push_back(field(*i));
    } else if (const auto* t = std::get_if<std::string>(&v)) {
      out.push_back(field(*t));
    } else {
      out.push_back(std::nullopt);
    }
  }
  return out;
}

template <typename Row>
std::vector<const char*> columnsOf(const store::ProjectionTable<Row>& table) {
  std::vector<const char*> names;
  for (const auto& c : table.columns) names.push_back(c.name);
  return names;
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
      case store::ProjectionTarget::None:
        break;
    }
  }
};

// PostgreSQL: locks, until the end of the transaction, every interaction, complaint and
// agent a batch touches (advisory locks on a hash of each, taken in one order, so two pushes
// never wait for each other in a circle; the exclusive lock a large batch takes is the only
// one it holds). Pushes that share nothing run side by side; two
// that touch one complaint fold it one after the other, each onto the other's result.
void lockTouched(CentralConnection& c, const std::vector<InteractionEvent>& batch) {
  Touched touched;
  for (const auto& e : batch) touched.add(e);
  std::set<std::string> keys;
  for (const auto& id : touched.interactions) keys.insert("i:" + id);
  for (const auto& id : touched.complaints) keys.insert("k:" + id);
  for (const auto& id : touched.agents) keys.insert("a:" + id);
  // A large batch (a console catching up) takes the one exclusive lock instead, which every
  // small push holds shared: PostgreSQL's lock table has room for about 64 locks a
  // connection, not thousands.
  constexpr std::size_t kMostKeysLocked = 32;
  if (keys.size() > kMostKeysLocked) {
    c.query("SELECT pg_advisory_xact_lock(7468)");
    return;
  }
  c.query(
      "SELECT pg_advisory_xact_lock_shared(7468), (SELECT COUNT(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT "
      "hashtextextended(x, 7468) AS k FROM unnest($1::text[]) AS x ORDER BY k) AS ordered)",
      {field(textArray(keys))});
}

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
    // "<> ''" matches the partial indexes' condition (central schema 4), so they are used.
    sql += ") AND " + column + " <> ''" + extra + " ORDER BY ts_us, origin, seq";
    const auto rows = c.query(sql, params);
    for (const auto& r : rows) {
      auto events = eventsOf({r});
      if (!events.empty()) grouped[r.back().value_or("")].push_back(std::move(events.front()));
    }
  }
  return grouped;
}

// The central projection rows of `ids` as stored now: what a push folds its new events
// onto. On PostgreSQL one query with the ids as one array (planned once, whatever their
// number: a list of 500 parameters took longer to plan than to run); elsewhere one query
// per 500 ids.
template <typename RowT>
std::map<std::string, RowT> storedRows(CentralConnection& c, const store::ProjectionTable<RowT>& table,
                                       const std::set<std::string>& ids) {
  std::map<std::string, RowT> rows;
  const std::string key = table.columns.front().name;
  auto keep = [&](const std::vector<Row>& result) {
    for (const auto& r : result) {
      auto row = table.fromText(r);
      std::string id = r.front().value_or("");
      rows.emplace(std::move(id), std::move(row));
    }
  };
  if (c.isPostgres()) {
    keep(c.query(table.select(" WHERE " + key + " = ANY($1::text[])"), {field(textArray(ids))}));
    return rows;
  }
  const std::vector<std::string> all(ids.begin(), ids.end());
  for (std::size_t from = 0; from < all.size(); from += 500) {
    const std::size_t to = std::min(all.size(), from + 500);
    std::string where = " WHERE " + key + " IN (";
    std::vector<Field> params;
    for (std::size_t i = from; i < to; ++i) {
      params.push_back(field(all[i]));
      where += (i == from ? "$" : ", $") + std::to_string(params.size());
    }
    keep(c.query(table.select(where + ")"), params));
  }
  return rows;
}

// The keys of a map of projection rows.
template <typename RowT>
std::set<std::string> keysOf(const std::map<std::string, RowT>& rows) {
  std::set<std::string> keys;
  for (const auto& [id, row] : rows) keys.insert(id);
  return keys;
}

// Folds the new events of a batch into the central projections, in three steps so the
// client's part runs while the server copies the batch's events:
//   readStored(): each touched row as stored now (a row, never its events), before the
//     events are sent (the rows are locked already);
//   applyNew(): the new events applied on top of them, when they are all later than the
//     row's last event; the fold is then exactly a fold of all its events (client only);
//   finish(): with the events in central_events, a row with a late event (one not later
//     than what it has folded) recomputed from all its events, an agent's state re-read
//     only when two state changes share a timestamp; then every row written.
template <typename RowT>
struct FoldTarget {
  std::map<std::string, RowT> stored;  // readStored(); emptied by applyNew()
  std::set<std::string> existing;      // the ids stored before this batch
  std::map<std::string, RowT> rows;    // what is written
  std::set<std::string> late;          // recomputed from all their events
};

class CentralFold {
 public:
  CentralFold(CentralConnection& c, std::vector<InteractionEvent> batch) : m_c(c), m_batch(std::move(batch)) {
    std::stable_sort(m_batch.begin(), m_batch.end(), [](const auto& a, const auto& b) {
      return std::tie(a.tsUs, a.origin, a.seq) < std::tie(b.tsUs, b.origin, b.seq);
    });
    for (const auto& e : m_batch) m_touched.add(e);
  }

  void readStored() {
    read(m_interactions, store::interactionsTable(), m_touched.interactions);
    read(m_complaints, store::complaintsTable(), m_touched.complaints);
    read(m_agents, store::agentStatesTable(), m_touched.agents);
  }

  void applyNew() {
    onTop(
        m_interactions, store::ProjectionTarget::Interaction, [](const InteractionEvent& e) { return e.interactionId; },
        store::applyToInteraction);
    onTop(m_complaints, store::ProjectionTarget::Complaint, store::complaintIdOf, store::applyToComplaint);
    // An agent's state is its latest agent_state event: the batch's latest, unless the
    // stored one is later; a tie on the timestamp is settled in finish().
    std::map<std::string, const InteractionEvent*> latest;
    for (const auto& e : m_batch) {
      if (e.kind == EventKind::AgentState && !e.agentId.empty()) latest[e.agentId] = &e;  // the batch is in order
    }
    for (const auto& [agent, event] : latest) {
      auto before = m_agents.stored.find(agent);
      if (before == m_agents.stored.end() || event->tsUs > before->second.sinceUs) {
        store::applyToAgentState(m_agents.rows[agent], *event);
      } else if (event->tsUs == before->second.sinceUs) {
        m_agents.late.insert(agent);
      }  // else: the stored state is later than anything in this batch
    }
    m_agents.stored.clear();
  }

  void finish() {
    for (const auto& [id, events] : eventsBy(m_c, "interaction_id", m_interactions.late)) {
      store::InteractionRow row;
      for (const auto& e : events) {
        if (store::projectionTargetOf(e.kind) == store::ProjectionTarget::Interaction)
          store::applyToInteraction(row, e);
      }
      if (!row.id.empty()) m_interactions.rows[id] = std::move(row);
    }
    for (const auto& [id, events] : eventsBy(m_c, "complaint_id", m_complaints.late)) {
      store::ComplaintRow row;
      for (const auto& e : events) store::applyToComplaint(row, e);
      if (!row.id.empty()) m_complaints.rows[id] = std::move(row);
    }
    for (const auto& agent : m_agents.late) {
      for (const auto& e : eventsOf(m_c.query(std::string("SELECT ") + kEventColumns +
                                                  " FROM central_events WHERE kind = 'agent_state' AND agent_id = $1 "
                                                  "ORDER BY ts_us DESC, origin DESC, seq DESC LIMIT 1",
                                              {field(agent)}))) {
        store::applyToAgentState(m_agents.rows[agent], e);
      }
    }
    write(store::interactionsTable(), m_interactions);
    write(store::complaintsTable(), m_complaints);
    write(store::agentStatesTable(), m_agents);
  }

 private:
  template <typename RowT>
  void read(FoldTarget<RowT>& target, const store::ProjectionTable<RowT>& table, const std::set<std::string>& ids) {
    if (ids.empty()) return;
    target.stored = storedRows(m_c, table, ids);
    target.existing = keysOf(target.stored);
  }

  // Applies the batch's events of each id onto its stored row; an id with a late event is
  // left for a full recompute instead.
  template <typename RowT, typename IdOf, typename Apply>
  void onTop(FoldTarget<RowT>& target, store::ProjectionTarget kind, IdOf idOf, Apply apply) {
    for (const auto& e : m_batch) {
      if (store::projectionTargetOf(e.kind) != kind) continue;
      const std::string id = idOf(e);
      if (id.empty() || target.late.count(id)) continue;
      auto row = target.rows.find(id);
      if (row == target.rows.end()) {
        // The first new event of this id is its earliest: it decides.
        auto before = target.stored.find(id);
        if (before != target.stored.end() && e.tsUs <= before->second.lastEventUs) {
          target.late.insert(id);
          continue;
        }
        row = target.rows.emplace(id, before != target.stored.end() ? std::move(before->second) : RowT{}).first;
      }
      apply(row->second, e);
    }
    target.stored.clear();
  }

  // Rows that were not there are appended (COPY on PostgreSQL: under the push lock nobody
  // else can add them); rows that were are updated, on PostgreSQL from a temporary table
  // filled by COPY in one UPDATE ... FROM, elsewhere by a multi-row upsert. Each COPY is
  // sent without waiting: the next target's rows are formatted while the server takes it.
  template <typename RowT>
  void write(const store::ProjectionTable<RowT>& table, const FoldTarget<RowT>& target) {
    std::vector<std::vector<Field>> added, changed;
    for (const auto& [id, row] : target.rows) {
      (target.existing.count(id) ? changed : added).push_back(fieldsOf(table, row));
    }
    const auto columns = columnsOf(table);
    if (added.size() + changed.size() < kFewRows) {  // a small push: one statement, one round trip
      added.insert(added.end(), changed.begin(), changed.end());
      if (!added.empty()) upsertRows(m_c, table.name, columns, added);
      return;
    }
    if (!added.empty()) m_c.sendCopyRows(table.name, columns, added);
    if (changed.empty()) return;
    if (!m_c.isPostgres()) {
      upsertRows(m_c, table.name, columns, changed);
      return;
    }
    const std::string staging = std::string("frontline_fold_") + table.name;
    m_c.exec("CREATE TEMP TABLE IF NOT EXISTS " + staging + " (LIKE " + table.name + ") ON COMMIT DELETE ROWS");
    m_c.sendCopyRows(staging, columns, changed);
    std::string sql = std::string("UPDATE ") + table.name + " AS t SET ";
    for (std::size_t k = 1; k < columns.size(); ++k)
      sql += (k > 1 ? ", " : "") + std::string(columns[k]) + " = s." + columns[k];
    m_c.exec(sql + " FROM " + staging + " AS s WHERE t." + columns[0] + " = s." + columns[0]);
  }

  CentralConnection& m_c;
  std::vector<InteractionEvent> m_batch;  // in (ts_us, origin, seq) order
  Touched m_touched;
  FoldTarget<store::InteractionRow> m_interactions;
  FoldTarget<store::ComplaintRow> m_complaints;
  FoldTarget<store::AgentStateRow> m_agents;
};

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
    // Uses interaction_events_by_complaint (schema 10): the same expression and condition.
    store::Statement& s =
        db.cached(columns + "FROM interaction_events WHERE json_extract(payload_json, '$.complaint_id') = ? AND " +
                  store::kComplaintEventsCondition + " ORDER BY ts_us, origin, seq");
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

SyncEngine::LocalBatch SyncEngine::readLocal(std::int64_t after) {
  store::Statement& s = m_local.cached(
      "SELECT origin, seq, COALESCE(interaction_id, ''), ts_us, kind, agent_id, payload_json FROM "
      "interaction_events WHERE origin = ? AND seq > ? ORDER BY seq LIMIT ?");
  s.bind(1, m_origin).bind(2, after).bind(3, m_options.batchSize);
  std::vector<Row> rows;
  while (s.step()) {
    Row r;
    for (int c = 0; c < 7; ++c) r.emplace_back(s.text(c));
    rows.push_back(std::move(r));
  }
  return LocalBatch{after, eventsOf(rows)};
}

std::int64_t SyncEngine::pushBatch() {
  requireCentralSchema();
  std::int64_t sent = 0;
  std::int64_t lastSeq = 0;
  // PostgreSQL: no global lock (revisions from a sequence, pulls in commit order by txid);
  // the embedded SQLite file: one writer at a time, revisions counted under it.
  const bool postgres = m_central.isPostgres();
  if (postgres) {
    m_central.begin();
    // The fold reads the touched rows by key (id IN (...500 ids)) and updates them by key.
    // On a central store that grew since PostgreSQL last analysed it (a new store taking a
    // console's backlog), the planner believes the table tiny and scans it whole for every
    // such read, testing each row against the 500 ids: 190 ms a read at 25,000
    // interactions, the push slower the more it has pushed. A lookup by primary key is
    // never worse than that scan, whatever the statistics say.
    m_central.exec("SET LOCAL enable_seqscan = off");
  } else {
    m_central.beginExclusive();
  }
  try {
    // The central store is the judge of what it has: a batch whose commit was never
    // acknowledged locally is not sent twice. Both figures in one round trip: what this
    // origin has there, and the last revision.
    const auto maxima =
        m_central.query(postgres ? "SELECT COALESCE((SELECT MAX(seq) FROM central_events WHERE origin = $1), 0)"
                                 : "SELECT COALESCE((SELECT MAX(seq) FROM central_events WHERE origin = $1), 0), "
                                   "COALESCE((SELECT MAX(revision) FROM central_events), 0)",
                        {field(m_origin)});
    const std::int64_t stored = toInt(maxima.at(0).at(0));
    // The batch read while the last one committed, if it starts where the central store
    // ends (it does unless another process pushed for this origin meanwhile).
    std::vector<InteractionEvent> batch =
        m_next && m_next->after == stored ? std::move(m_next->events) : readLocal(stored).events;
    m_next.reset();
    if (batch.empty()) {
      m_central.rollback();
      if (localCursor(m_local, kPushedSeq) != stored) setLocalCursor(m_local, kPushedSeq, stored);
      return 0;
    }
    // The rows, with their revisions (from the sequence on PostgreSQL), in one COPY into
    // central_events itself (one INSERT for a few): nothing to merge, since this origin's
    // rows above `stored` cannot be there yet. The projections' stored rows are read first;
    // the new events are applied to them while the server copies.
    if (postgres) lockTouched(m_central, batch);
    CentralFold fold(m_central, batch);
    fold.readStored();
    std::int64_t revision = postgres ? 0 : toInt(maxima.at(0).at(1));
    std::vector<Row> rows;
    rows.reserve(batch.size());
    for (const auto& e : batch) {
      Row row;
      if (!postgres) row.push_back(field(++revision));
      for (auto& f : {field(e.origin), field(e.seq), field(e.interactionId),
                      field(isComplaintEvent(e.kind) ? store::complaintIdOf(e) : std::string()), field(e.tsUs),
                      field(std::string(store::toString(e.kind))), field(e.agentId), field(e.payloadJson)}) {
        row.push_back(f);
      }
      rows.push_back(std::move(row));
    }
    const auto& columns = postgres ? kCentralEventColumnsFromSequence : kCentralEventColumns;
    if (rows.size() < kFewRows) {
      insertRows(m_central, "central_events", columns, rows);
    } else {
      m_central.sendCopyRows("central_events", columns, rows);
    }
    fold.applyNew();
    fold.finish();
    sent = static_cast<std::int64_t>(batch.size());
    lastSeq = batch.back().seq;
    // Supervisors LISTEN: they pull at once when this commits (delivered with the commit).
    if (postgres) m_central.exec(std::string("NOTIFY ") + kEventsChannel);
    if (m_options.localDurable) m_options.localDurable();
    if (m_options.checkpoint) m_options.checkpoint("before-central-commit");
    m_central.sendCommit();
    // A backlog: the next batch is read while the server commits this one.
    if (postgres && sent == m_options.batchSize) m_next = readLocal(lastSeq);
    m_central.awaitSent();
  } catch (...) {
    m_next.reset();
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
  const std::int64_t limit = m_options.batchSize;
  std::vector<Row> rows;
  std::int64_t lastTxid = 0;
  if (m_central.isPostgres()) {
    // In (txid, revision) order, below the oldest transaction still running: a row read
    // here is never joined later by one committed with a smaller key.
    std::int64_t txid = localCursor(m_local, kPulledTxid);
    if (txid == 0 && cursor > 0) {  // a cursor from before txids: the transaction of its row
      const auto found = m_central.query("SELECT txid::text FROM central_events WHERE revision = $1", {field(cursor)});
      if (!found.empty()) txid = toInt(found.at(0).at(0));
    }
    rows = m_central.query(std::string("SELECT revision, ") + kEventColumns +
                               ", txid::text FROM central_events WHERE (txid, revision) > ($1::xid8, $2) AND txid < "
                               "pg_snapshot_xmin(pg_current_snapshot()) ORDER BY txid, revision LIMIT $3",
                           {field(txid), field(cursor), field(limit)});
    if (!rows.empty()) lastTxid = toInt(rows.back().back());
  } else {
    rows = m_central.query(std::string("SELECT revision, ") + kEventColumns +
                               " FROM central_events WHERE revision > $1 ORDER BY revision LIMIT $2",
                           {field(cursor), field(limit)});
  }
  if (rows.empty()) return 0;
  // An agent's console takes complaints, callbacks, supervisors' requests and the contacts of customers; other
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
      const bool request = kind == "agent_state_requested";   // the desk obeys those addressed to it
      if (kind == "evaluated" && !evaluationOf(r.at(7).value_or(""), m_origin)) continue;  // others' stay central
      const bool evaluation = kind == "evaluated";                                         // "My evaluations"
      if (!complaint && !callback && !request && !evaluation && !customerContacts.count(r.at(3).value_or(""))) continue;
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
  if (lastTxid) setLocalCursor(m_local, kPulledTxid, lastTxid);
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
  for (const auto& r : c.query(store::interactionsTable().select())) {
    auto row = store::interactionsTable().fromText(r);
    p.interactions.emplace(row.id, std::move(row));
  }
  for (const auto& r : c.query(store::complaintsTable().select())) {
    auto row = store::complaintsTable().fromText(r);
    p.complaints.emplace(row.id, std::move(row));
  }
  for (const auto& r : c.query(store::agentStatesTable().select())) {
    auto row = store::agentStatesTable().fromText(r);
    p.agentStates.emplace(row.agentId, std::move(row));
  }
  return p;
}

}  // namespace frontline::sync
