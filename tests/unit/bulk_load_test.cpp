#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "store/bulk_load.h"
#include "store/demo_data.h"
#include "store/migrations.h"
#include "test_support.h"

using namespace frontline;

namespace {

std::vector<std::string> column(store::Database& db, const std::string& sql) {
  store::Statement s(db.handle(), sql);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

// Every row of every table a person or the desk reads, in key order, as text. The name
// search's own shadow tables are left out: their layout depends on how it was filled, so
// the search is compared by what it finds instead.
std::vector<std::string> rowsOf(store::Database& db) {
  std::vector<std::string> out;
  for (const auto& table : column(db,
                                  "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                  "'customer_names%' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
    store::Statement rows(db.handle(), "SELECT * FROM \"" + table + "\" ORDER BY 1, 2");
    while (rows.step()) {
      std::string line = table;
      for (int c = 0; c < rows.columnCount(); ++c) line += "|" + rows.text(c);
      out.push_back(std::move(line));
    }
  }
  return out;
}

void writeDemo(store::Database& db) {
  test::writeDemoCustomers(db, 400, 100);
}

}  // namespace

TEST_CASE("a bulk load leaves the store as a row-by-row load does", "[store][bulk]") {
  test::TempDir dir;
  auto plain = store::Database::open(dir.file("plain.db"));
  store::migrate(plain);
  writeDemo(plain);

  auto bulk = store::Database::open(dir.file("bulk.db"));
  store::migrate(bulk);
  const auto schema = column(bulk, "SELECT type || ' ' || name || ': ' || sql FROM sqlite_schema ORDER BY name");
  {
    store::BulkLoad load(bulk, {"interaction_events_by_complaint"});
    CHECK(bulk.queryText("PRAGMA journal_mode") == "off");
    CHECK(bulk.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'interaction_events_by_interaction'") == 0);
    CHECK(bulk.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'interaction_events_by_complaint'") == 1);
    CHECK(bulk.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'event_heads_follow'") == 0);
    writeDemo(bulk);
    std::vector<std::size_t> steps;
    load.finish([&](std::size_t done, std::size_t total) {
      CHECK(done <= total);
      steps.push_back(done);
    });
    REQUIRE_FALSE(steps.empty());
    CHECK(steps.back() == steps.size());
  }
  // The same schema (indexes, triggers, in their own words), the same rows, WAL again.
  CHECK(column(bulk, "SELECT type || ' ' || name || ': ' || sql FROM sqlite_schema ORDER BY name") == schema);
  CHECK(bulk.queryText("PRAGMA journal_mode") == "wal");
  CHECK(bulk.queryText("PRAGMA integrity_check") == "ok");
  CHECK(bulk.queryInt("SELECT COUNT(*) FROM event_heads") == 1);
  CHECK(rowsOf(bulk) == rowsOf(plain));
  // The name search finds every customer, by a word of the name, as in the plain store.
  bulk.exec("INSERT INTO customer_names (customer_names) VALUES ('integrity-check')");
  const std::string foundByOwnName =
      "SELECT COUNT(*) FROM customers c WHERE c.id IN (SELECT rowid FROM customer_names WHERE customer_names "
      "MATCH '\"' || replace(c.sort_name, ' ', '\" \"') || '\"')";
  CHECK(bulk.queryInt(foundByOwnName) == 400);
  CHECK(bulk.queryInt("SELECT COUNT(*) FROM customer_names WHERE customer_names MATCH 'wang OR smith'") ==
        plain.queryInt("SELECT COUNT(*) FROM customer_names WHERE customer_names MATCH 'wang OR smith'"));
  CHECK(bulk.queryInt("SELECT COUNT(*) FROM customer_names WHERE customer_names MATCH 'wang OR smith'") > 0);
  // The triggers are live again: a new customer is found, a new event moves its origin's head.
  bulk.exec(
      "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us) "
      "VALUES (9001, 'Zebedee Quillfeather', 'Zebedee Quillfeather', 'GB', 'en', 0)");
  CHECK(bulk.queryInt("SELECT rowid FROM customer_names WHERE customer_names MATCH 'quillfeather'") == 9001);
  bulk.exec(
      "INSERT INTO interaction_events (origin, seq, ts_us, kind, agent_id, payload_json) "
      "VALUES ('desk-7', 5, 0, 'agent_state', 'agent-01', '{}')");
  CHECK(bulk.queryInt("SELECT seq FROM event_heads WHERE origin = 'desk-7'") == 5);
}

TEST_CASE("a bulk load asked to keep an index the store does not have says which", "[store][bulk]") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("bulk.db"));
  store::migrate(db);
  try {
    store::BulkLoad load(db, {"interaction_events_by_complaint", "interaction_events_by_moon_phase"});
    FAIL("no error");
  } catch (const store::StoreError& e) {
    CHECK(std::string(e.what()).find("'interaction_events_by_moon_phase'") != std::string::npos);
  }
  // Nothing was dropped.
  CHECK(db.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'interaction_events_by_interaction'") == 1);
  CHECK(db.queryText("PRAGMA journal_mode") == "wal");
}
