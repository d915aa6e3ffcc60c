// Deferred indexes and triggers for a bulk load; see bulk_load.h.
#include "store/bulk_load.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <thread>

namespace frontline::store {
namespace {

struct TriggerCatchUp {
  std::string_view trigger;
  std::string_view catchUp;
};

// The per-row triggers a bulk load drops, each with the statement that rebuilds from the
// loaded rows what it would have written. The other triggers stay (the callbacks' fire
// only for callback events, and the delete and update ones never fire on an insert).
constexpr std::array<TriggerCatchUp, 2> kDeferredTriggers{{
    {"customer_names_insert", "INSERT INTO customer_names (customer_names) VALUES ('rebuild')"},
    {"event_heads_follow",
     "INSERT INTO event_heads (origin, seq) SELECT origin, MAX(seq) FROM interaction_events WHERE true "
     "GROUP BY origin ON CONFLICT (origin) DO UPDATE SET seq = MAX(seq, excluded.seq)"},
}};

std::string quoted(const std::string& name) {
  return "\"" + name + "\"";
}

}  // namespace

BulkLoad::BulkLoad(Database& db, const std::set<std::string>& keepIndexes) : m_db(db) {
  {
    // Unique indexes stay: they are constraints, and the loader relies on them.
    auto& s = db.cached(
        "SELECT m.name, m.sql FROM sqlite_schema AS m JOIN pragma_index_list(m.tbl_name) AS l ON l.name = m.name "
        "WHERE m.type = 'index' AND m.sql IS NOT NULL AND NOT l.\"unique\" ORDER BY m.rowid");
    while (s.step()) {
      if (!keepIndexes.count(s.text(0))) m_indexes.push_back({s.text(0), s.text(1)});
    }
    s.reset();
  }
  for (const auto& name : keepIndexes) {
    auto& s = db.cached("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?");
    s.bind(1, name);
    const bool found = s.step();
    s.reset();
    if (!found) throw StoreError("a bulk load cannot keep the index '" + name + "': the store has no such index");
  }
  for (const auto& t : kDeferredTriggers) {
    auto& s = db.cached("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?");
    s.bind(1, t.trigger);
    if (s.step()) m_triggers.push_back({std::string(t.trigger), s.text(0), std::string(t.catchUp)});
    s.reset();
  }
  db.exec("PRAGMA journal_mode = OFF");
  Transaction tx(db);
  for (const auto& index : m_indexes) db.exec("DROP INDEX " + quoted(index.name));
  for (const auto& trigger : m_triggers) db.exec("DROP TRIGGER " + quoted(trigger.name));
  tx.commit();
}

void BulkLoad::finish(const Progress& progress) {
  if (m_finished) return;
  const std::size_t total = m_indexes.size() + 1;
  std::size_t done = 0;
  // Each build sorts its keys in runs sized from the page cache and merges them, with a
  // helper thread per core. Measured on the largest (a million customers' 21 million
  // events by interaction): 40 s with the 256 MiB cache the loader uses and no helpers,
  // 31-34 s with helpers, 20-21 s with helpers and 16 MiB runs.
  const std::int64_t cacheSize = m_db.queryInt("PRAGMA cache_size");
  const auto threads = std::max(1U, std::thread::hardware_concurrency());
  m_db.exec("PRAGMA threads = " + std::to_string(threads));
  m_db.exec("PRAGMA cache_size = -16384");
  for (const auto& index : m_indexes) {
    m_db.exec(index.sql);
    if (progress) progress(++done, total);
  }
  m_db.exec("PRAGMA threads = 0");
  m_db.exec("PRAGMA cache_size = " + std::to_string(cacheSize));
  {
    Transaction tx(m_db);
    for (const auto& trigger : m_triggers) {
      m_db.exec(trigger.sql);
      m_db.exec(trigger.catchUp);
    }
    tx.commit();
  }
  m_db.exec("PRAGMA journal_mode = WAL");
  m_finished = true;
  if (progress) progress(++done, total);
}

}  // namespace frontline::store
