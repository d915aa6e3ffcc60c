#include <catch2/catch.hpp>

#include <stdexcept>

#include "store/database.h"
#include "test_support.h"

using namespace frontline;

TEST_CASE("a transaction left by an exception rolls back", "[store][transaction]") {
  auto db = test::migratedMemoryStore();
  try {
    store::Transaction tx(db);
    db.cached("INSERT INTO agents (id, name, role) VALUES ('a1', 'Ann', 'agent')").run();
    CHECK(db.queryInt("SELECT COUNT(*) FROM agents") == 1);  // visible inside the transaction
    throw std::runtime_error("something failed before commit");
  } catch (const std::runtime_error&) {
  }
  CHECK(db.queryInt("SELECT COUNT(*) FROM agents") == 0);
}

TEST_CASE("a committed transaction keeps its rows", "[store][transaction]") {
  auto db = test::migratedMemoryStore();
  {
    store::Transaction tx(db);
    db.cached("INSERT INTO agents (id, name, role) VALUES ('a1', 'Ann', 'agent')").run();
    tx.commit();
  }
  CHECK(db.queryInt("SELECT COUNT(*) FROM agents") == 1);
}

TEST_CASE("committing twice is an error, and a new transaction can follow", "[store][transaction]") {
  auto db = test::migratedMemoryStore();
  store::Transaction tx(db);
  tx.commit();
  CHECK_THROWS_AS(tx.commit(), store::StoreError);
  store::Transaction next(db);
  next.commit();
}

TEST_CASE("a constraint violation is a StoreError naming the statement", "[store][transaction]") {
  auto db = test::migratedMemoryStore();
  auto& insert = db.cached("INSERT INTO agents (id, name, role) VALUES (?, ?, ?)");
  insert.bind(1, "a1").bind(2, "Ann").bind(3, "not-a-role");
  CHECK_THROWS_WITH(insert.run(), Catch::Contains("INSERT INTO agents") && Catch::Contains("CHECK"));
}
