#include <catch2/catch.hpp>

#include "store/migrations.h"
#include "test_support.h"

using namespace frontline;
using store::Database;

namespace {

std::int64_t tableCount(Database& db) {
  return db.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'");
}

}  // namespace

TEST_CASE("migrations take an empty in-memory database to the latest schema", "[store][migrations]") {
  auto db = Database::open(":memory:");
  REQUIRE(store::schemaVersion(db) == 0);
  auto report = store::migrate(db);
  CHECK(report.fromVersion == 0);
  CHECK(report.toVersion == store::latestSchemaVersion());
  CHECK(store::schemaVersion(db) == store::latestSchemaVersion());
  for (const char* table :
       {"interaction_events", "interactions", "complaints", "agent_states", "customers", "customer_addresses", "orders",
        "sla_policies", "dispositions", "not_ready_reasons", "agents", "exchange_rates", "site_settings"}) {
    INFO(table);
    auto& s = db.cached("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
    s.bind(1, table);
    REQUIRE(s.step());
    CHECK(s.int64(0) == 1);
  }
}

TEST_CASE("migrations on a file persist and a second run changes nothing", "[store][migrations]") {
  test::TempDir dir;
  const auto path = dir.file("store.db");
  {
    auto db = Database::open(path);
    CHECK(store::migrate(db).toVersion == store::latestSchemaVersion());
  }
  auto db = Database::open(path);
  auto report = store::migrate(db);
  CHECK(report.fromVersion == store::latestSchemaVersion());
  CHECK(report.toVersion == report.fromVersion);
  CHECK(db.queryInt("PRAGMA journal_mode = WAL") >= 0);  // opened in WAL mode without error
}

TEST_CASE("a later migration is applied on top of an existing schema", "[store][migrations]") {
  auto db = Database::open(":memory:");
  std::vector<store::Migration> migrations = store::builtInMigrations();
  store::migrate(db, migrations);
  const int next = store::latestSchemaVersion() + 1;
  migrations.push_back({next, "add_column", "ALTER TABLE customers ADD COLUMN vip INTEGER NOT NULL DEFAULT 0;"});
  auto report = store::migrate(db, migrations);
  CHECK(report.fromVersion == next - 1);
  CHECK(report.toVersion == next);
  CHECK(db.queryInt("SELECT COUNT(*) FROM pragma_table_info('customers') WHERE name = 'vip'") == 1);
}

TEST_CASE("a failing migration rolls back and leaves the version unchanged", "[store][migrations]") {
  auto db = Database::open(":memory:");
  std::vector<store::Migration> migrations = store::builtInMigrations();
  store::migrate(db, migrations);
  const int before = store::schemaVersion(db);
  const auto tables = tableCount(db);
  migrations.push_back({before + 1, "broken", "CREATE TABLE extra (x INTEGER); SELECT * FROM no_such_table;"});
  REQUIRE_THROWS_WITH(store::migrate(db, migrations), Catch::Contains("migration " + std::to_string(before + 1)));
  CHECK(store::schemaVersion(db) == before);
  CHECK(tableCount(db) == tables);
}

TEST_CASE("a database with a newer schema is refused and left untouched", "[store][migrations]") {
  test::TempDir dir;
  const auto path = dir.file("newer.db");
  const int newer = store::latestSchemaVersion() + 5;
  {
    auto db = Database::open(path);
    db.exec("CREATE TABLE future_table (x INTEGER)");
    db.exec("PRAGMA user_version = " + std::to_string(newer));
  }
  auto db = Database::open(path);
  REQUIRE_THROWS_WITH(store::migrate(db),
                      Catch::Contains("newer than this program") && Catch::Contains(std::to_string(newer)));
  CHECK(store::schemaVersion(db) == newer);
  CHECK(tableCount(db) == 1);  // none of our tables were created
}
