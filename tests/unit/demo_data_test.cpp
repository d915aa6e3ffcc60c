#include <catch2/catch.hpp>

#include <functional>

#include "store/address.h"
#include "store/customer_view.h"
#include "store/demo_data.h"
#include "test_support.h"

using namespace frontline;

namespace {

// A digest of every row of every table, in primary-key order, and of what the name search
// finds. The search's own shadow tables are left out: their layout depends on how the rows
// were grouped into statements and commits, not only on the rows.
std::size_t digestOf(store::Database& db) {
  std::size_t digest = 0;
  auto& tables = db.cached(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'customer\\_names\\_%' ESCAPE '\\' "
      "ORDER BY name");
  std::vector<std::string> names;
  while (tables.step()) names.push_back(tables.text(0));
  for (const auto& name : names) {
    store::Statement rows(db.handle(), "SELECT * FROM \"" + name + "\" ORDER BY 1, 2");
    while (rows.step()) {
      for (int c = 0; c < 24; ++c) digest = digest * 1'000'003 ^ std::hash<std::string>{}(rows.text(c));
    }
  }
  store::Statement found(db.handle(),
                         "SELECT c.id FROM customers c WHERE c.id IN (SELECT rowid FROM customer_names WHERE "
                         "customer_names MATCH '\"' || replace(c.sort_name, ' ', '\" \"') || '\"') ORDER BY c.id");
  while (found.step()) digest = digest * 1'000'003 ^ std::hash<std::string>{}(found.text(0));
  return digest;
}

store::DemoDataReport generate(const std::string& path, std::uint64_t seed, std::int64_t customersPerCommit = 5000) {
  auto db = store::Database::open(path, {.durability = store::Durability::Off});
  store::migrate(db);
  store::DemoDataOptions options;
  options.customers = 300;
  options.customersPerCommit = customersPerCommit;
  options.seed = seed;
  options.asOfUs = test::kTestNowUs;
  return store::writeDemoData(db, options);
}

}  // namespace

TEST_CASE("demo data with the same seed gives the same rows", "[store][demo]") {
  test::TempDir dir;
  generate(dir.file("a.db"), 42);
  generate(dir.file("b.db"), 42);
  generate(dir.file("c.db"), 43);
  generate(dir.file("d.db"), 42, 7);  // 43 commits, generated while the last one is written
  auto a = store::Database::open(dir.file("a.db"));
  auto b = store::Database::open(dir.file("b.db"));
  auto c = store::Database::open(dir.file("c.db"));
  auto d = store::Database::open(dir.file("d.db"));
  CHECK(digestOf(a) == digestOf(b));
  CHECK(digestOf(a) != digestOf(c));
  CHECK(digestOf(a) == digestOf(d));
}

TEST_CASE("demo data that cannot be written stops generating and says why", "[store][demo]") {
  auto db = test::migratedMemoryStore();
  // The first demo event's key is taken: the first commit fails while the generator,
  // two blocks ahead, waits to hand over the third.
  db.exec(
      "INSERT INTO interaction_events (origin, seq, ts_us, kind, agent_id, payload_json) "
      "VALUES ('demo', 1, 0, 'agent_state', 'agent-01', '{}')");
  store::DemoDataOptions options;
  options.customers = 200;
  options.customersPerCommit = 10;
  options.asOfUs = test::kTestNowUs;
  CHECK_THROWS_WITH(store::writeDemoData(db, options), Catch::Contains("UNIQUE constraint failed"));
  CHECK(db.queryInt("SELECT COUNT(*) FROM customers") == 0);
}

TEST_CASE("demo data is realistic enough for the screen pop", "[store][demo]") {
  auto db = test::migratedMemoryStore();
  store::DemoDataOptions options;
  options.customers = 2000;
  options.asOfUs = test::kTestNowUs;
  std::int64_t lastProgress = -1;
  options.progress = [&](std::int64_t done, std::int64_t total) {
    CHECK(total == 2000);
    CHECK(done > lastProgress);
    lastProgress = done;
  };
  auto report = store::writeDemoData(db, options);
  CHECK(lastProgress == 2000);
  CHECK(report.customers == 2000);
  // Every contact and complaint has its own id (no two customers' histories merge).
  CHECK(db.queryInt("SELECT COUNT(*) FROM interactions") == report.interactions);
  CHECK(db.queryInt("SELECT COUNT(*) FROM complaints") == report.complaints);
  CHECK(db.queryInt("SELECT COUNT(*) FROM customers") == 2000);
  // About five orders each, one to three phones each, complaints in every status.
  CHECK(report.orders > 2000 * 4);
  CHECK(report.orders < 2000 * 6);
  CHECK(db.queryInt("SELECT MIN(n) FROM (SELECT COUNT(*) n FROM customer_addresses WHERE kind = 'phone' "
                    "GROUP BY customer_id)") == 1);
  CHECK(db.queryInt("SELECT MAX(n) FROM (SELECT COUNT(*) n FROM customer_addresses WHERE kind = 'phone' "
                    "GROUP BY customer_id)") == 3);
  CHECK(db.queryInt("SELECT COUNT(DISTINCT status) FROM complaints") == 3);
  CHECK(db.queryInt("SELECT COUNT(DISTINCT priority) FROM complaints") == 4);
  // Within a customer, a later order has a higher number.
  CHECK(db.queryInt("SELECT COUNT(*) FROM orders a JOIN orders b ON a.customer_id = b.customer_id "
                    "AND a.ordered_us < b.ordered_us AND a.number > b.number") == 0);
  // Only recent complaints are still open: older ones were settled.
  auto& stale = db.cached("SELECT COUNT(*) FROM complaints WHERE status <> 'resolved' AND opened_us < ?");
  stale.bind(1, test::kTestNowUs - 7 * store::kMicrosPerDay);
  REQUIRE(stale.step());
  CHECK(stale.int64(0) == 0);
  stale.reset();
  CHECK(db.queryInt("SELECT COUNT(DISTINCT channel) FROM interactions") == 2);
  CHECK(db.queryInt("SELECT COUNT(DISTINCT country) FROM customers") >= 8);
  CHECK(db.queryInt("SELECT COUNT(*) FROM customers WHERE display_name <> sort_name") > 0);  // Chinese names
  CHECK(db.queryInt("SELECT COUNT(*) FROM sla_policies") == 4);
  CHECK(db.queryInt("SELECT COUNT(*) FROM dispositions") > 0);
  CHECK(db.queryInt("SELECT COUNT(*) FROM not_ready_reasons") > 0);
  // Every phone number is unique and already in E.164, so the pop finds its owner.
  CHECK(db.queryInt("SELECT COUNT(*) - COUNT(DISTINCT value) FROM customer_addresses") == 0);
  auto& phones = db.cached("SELECT customer_id, value FROM customer_addresses WHERE kind = 'phone' AND id % 37 = 0");
  std::vector<std::pair<std::int64_t, std::string>> sample;
  while (phones.step()) sample.emplace_back(phones.int64(0), phones.text(1));
  REQUIRE(sample.size() > 50);
  for (const auto& [customer, phone] : sample) {
    INFO(phone);
    CHECK(store::normalisePhone(phone, "GB") == phone);
    auto view = store::loadCustomerView(db, {store::ContactAddress::Kind::Phone, phone}, test::kTestNowUs);
    REQUIRE(view);
    CHECK(view->profile.id == customer);
  }
}

TEST_CASE("demo data refuses a store that already has customers", "[store][demo]") {
  auto db = test::migratedMemoryStore();
  store::DemoDataOptions options;
  options.customers = 5;
  options.asOfUs = test::kTestNowUs;
  store::writeDemoData(db, options);
  CHECK_THROWS_WITH(store::writeDemoData(db, options), Catch::Contains("already holds customers"));
}
