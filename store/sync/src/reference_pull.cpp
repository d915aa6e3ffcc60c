// Reference data pull; see reference_pull.h.
#include "sync/reference_pull.h"

#include <string>
#include <vector>

#include "sync/sync_engine.h"

namespace frontline::sync {
namespace {

struct Table {
  const char* name;
  const char* key;
  std::vector<const char*> columns;  // the key first
  bool paged;                        // large: pulled in pages by (revision, id)
};

// In dependency order: addresses and orders refer to customers.
const std::vector<Table>& tables() {
  static const std::vector<Table> all{
      {"customers",
       "id",
       {"id", "display_name", "sort_name", "country", "language", "customer_since_us", "blocked", "notes"},
       true},
      {"customer_addresses", "id", {"id", "customer_id", "kind", "value", "label"}, true},
      {"orders",
       "id",
       {"id", "customer_id", "number", "ordered_us", "status", "items_json", "total_minor", "currency"},
       true},
      {"sla_policies", "priority", {"priority", "first_response_us", "resolution_us", "at_risk_fraction"}, false},
      {"dispositions", "code", {"code", "label", "sort_order"}, false},
      {"not_ready_reasons", "code", {"code", "label", "sort_order"}, false},
      {"complaint_categories", "code", {"code", "label", "sort_order"}, false},
  };
  return all;
}

std::string joined(const std::vector<const char*>& columns, const char* prefix = "") {
  std::string out;
  for (const char* c : columns) out += (out.empty() ? "" : ", ") + std::string(prefix) + c;
  return out;
}

void upsert(store::Database& local, const Table& t, const Row& row) {
  std::string sql = "INSERT INTO " + std::string(t.name) + " (" + joined(t.columns) + ") VALUES (";
  for (std::size_t i = 0; i < t.columns.size(); ++i) sql += i ? ", ?" : "?";
  sql += ") ON CONFLICT (" + std::string(t.key) + ") DO UPDATE SET ";
  for (std::size_t i = 1; i < t.columns.size(); ++i) {
    sql += (i > 1 ? ", " : "") + std::string(t.columns[i]) + " = excluded." + t.columns[i];
  }
  store::Statement& s = local.cached(sql);
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (row[i]) {
      s.bind(static_cast<int>(i + 1), *row[i]);
    } else {
      s.bindNull(static_cast<int>(i + 1));
    }
  }
  s.run();
}

}  // namespace

std::int64_t pullReferenceData(store::Database& local, CentralConnection& central, int pageSize) {
  std::int64_t pulled = 0;
  for (const auto& t : tables()) {
    const std::string revisionKey = std::string("ref:") + t.name + ":revision";
    const std::string idKey = std::string("ref:") + t.name + ":id";
    for (;;) {
      const std::int64_t revision = localCursor(local, revisionKey);
      const std::int64_t lastId = localCursor(local, idKey);
      std::vector<Row> rows;
      if (t.paged) {
        rows = central.query("SELECT " + joined(t.columns) + ", revision FROM " + t.name +
                                 " WHERE (revision, id) > ($1, $2) ORDER BY revision, id LIMIT $3",
                             {field(revision), field(lastId), field(static_cast<std::int64_t>(pageSize))});
      } else {
        const auto changed = central.query("SELECT COALESCE(MAX(revision), 0) FROM " + std::string(t.name));
        if (toInt(changed.at(0).at(0)) > revision) {
          rows = central.query("SELECT " + joined(t.columns) + ", revision FROM " + t.name + " ORDER BY revision");
        }
      }
      if (rows.empty()) break;
      store::Transaction tx(local);
      std::int64_t maxRevision = revision;
      for (const auto& r : rows) {
        upsert(local, t, r);
        maxRevision = std::max(maxRevision, toInt(r.back()));
      }
      setLocalCursor(local, revisionKey, maxRevision);
      if (t.paged) setLocalCursor(local, idKey, toInt(rows.back().at(0)));
      tx.commit();
      pulled += static_cast<std::int64_t>(rows.size());
      if (!t.paged || static_cast<int>(rows.size()) < pageSize) break;
    }
  }
  return pulled;
}

}  // namespace frontline::sync
