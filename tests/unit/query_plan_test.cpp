#include <catch2/catch.hpp>

#include "test_support.h"

using namespace frontline;

namespace {

// SQLite's plan for `sql`, one line per step.
std::string planOf(store::Database& db, const std::string& sql) {
  store::Statement s(db.handle(), "EXPLAIN QUERY PLAN " + sql);
  std::string plan;
  while (s.step()) plan += s.text(3) + "\n";
  return plan;
}

}  // namespace

// Every lookup made while a contact arrives must be an index search: a scan is invisible
// on a small store and stops the desk on a large one (found by the telephony benchmark).
TEST_CASE("contact lookups search indexes, never scan", "[store][plan]") {
  auto db = test::migratedMemoryStore();
  db.exec("ANALYZE");
  const std::pair<const char*, const char*> queries[] = {
      {"SELECT MIN(customer_id) FROM customer_addresses WHERE value = ? AND kind = ?", "customer_addresses_by_value"},
      {"SELECT id, answered_us IS NOT NULL, ended_us IS NOT NULL FROM interactions WHERE external_id = ? "
       "AND external_id <> '' ORDER BY offered_us DESC LIMIT 1",
       "interactions_by_external_id"},
      {"SELECT interaction_id FROM email_messages WHERE message_id = ?", "sqlite_autoindex_email_messages_1"},
      {"SELECT id FROM interactions WHERE customer_id = ? ORDER BY offered_us DESC LIMIT 50",
       "interactions_by_customer"},
      {"SELECT id FROM orders WHERE customer_id = ? ORDER BY ordered_us DESC LIMIT 100", "orders_by_customer"},
      {"SELECT id FROM complaints WHERE customer_id = ? AND status IN ('open', 'responded')", "complaints_by_customer"},
  };
  for (const auto& [sql, index] : queries) {
    INFO(sql);
    const std::string plan = planOf(db, sql);
    INFO(plan);
    CHECK(plan.find("SEARCH") != std::string::npos);
    CHECK(plan.find(index) != std::string::npos);
  }
}
