// Loading a large amount of rows into a new store (the demo data's million customers):
// the work SQLite would do per row is done once, at the end, in sorted passes.
//
// While a BulkLoad is open on a connection:
// - the store has no rollback journal (journal_mode=OFF): a failed load leaves a file to
//   throw away, never a half-written store to open, so use it only on a file nobody else
//   has and that is discarded when the load fails;
// - the secondary indexes are gone (unique indexes stay: they are constraints, and the
//   loader relies on them), so nothing the loader runs may need them. Partial indexes go
//   too: keeping those the demo history hardly enters cost more while writing (100,000
//   customers, three runs each: rows 16.3-16.8 s against 11.4-14.9 s) than their builds
//   after it (2 s);
// - the triggers that keep derived tables per row (the customer name search, the event
//   heads) are gone.
// finish() builds each index in one sorted pass, re-creates the triggers from their own
// SQL, rebuilds what they keep from the loaded rows, and returns the store to WAL: the
// schema is then exactly as before, and so is every derived row. Throws StoreError.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "store/database.h"

namespace frontline::store {

class BulkLoad {
 public:
  explicit BulkLoad(Database& db);
  BulkLoad(const BulkLoad&) = delete;
  BulkLoad& operator=(const BulkLoad&) = delete;

  // Called after each index is built and after the catch-up (done == total).
  using Progress = std::function<void(std::size_t done, std::size_t total)>;
  void finish(const Progress& progress = {});

 private:
  struct DeferredIndex {
    std::string name;
    std::string sql;  // the CREATE statement from sqlite_schema
  };
  struct DeferredTrigger {
    std::string name;
    std::string sql;      // the CREATE statement from sqlite_schema
    std::string catchUp;  // what rebuilds the rows it would have kept
  };
  Database& m_db;
  std::vector<DeferredIndex> m_indexes;
  std::vector<DeferredTrigger> m_triggers;
  bool m_finished = false;
};

}  // namespace frontline::store
