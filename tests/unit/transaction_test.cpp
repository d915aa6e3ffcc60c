#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/database.h"
#include "store/migrations.h"
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

// The desk and the sync thread open a new store at the same moment when a console starts
// for the first time; one of them once failed with "database is locked" while switching the
// file to WAL (seen in a CI run of the email GUI test).
TEST_CASE("two connections opening one new store at once both open it in WAL mode", "[store]") {
  for (int round = 0; round < 30; ++round) {
    test::TempDir dir;
    const std::string path = dir.file("new.db");
    std::atomic<int> opened{0};
    std::vector<std::string> errors(2);
    auto open = [&](int who) {
      try {
        auto db = store::Database::open(path);
        if (db.queryText("PRAGMA journal_mode") == "wal") ++opened;
        store::migrate(db);
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(who)] = e.what();
      }
    };
    std::thread a(open, 0);
    std::thread b(open, 1);
    a.join();
    b.join();
    INFO(errors[0] << " | " << errors[1]);
    CHECK(opened == 2);
  }
}
