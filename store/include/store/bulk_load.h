// Loading a large amount of rows into a new store (the demo data's million customers):
// the work SQLite would do per row is done once, at the end, in sorted passes.
//
// While a BulkLoad is open on a connection:
// - the store has no rollback journal (journal_mode=OFF): a failed load leaves a file to
//   throw away, never a half-written store to open, so use it only on a file nobody else
//   has and that is discarded when the load fails;
// - the secondary indexes are gone (unique indexes stay: they are constraints, and the
//   loader relies on them), so nothing the loader runs may need them, except those the
//   caller keeps: partial indexes the loaded rows hardly enter, whose build would read a
//   whole large table for a few entries. On the demo's 21 million events four such builds
//   took 12.7 s, while testing each written row against their conditions cost nothing
//   measurable (rows 110.7 s against 115.7 s). Keeping every partial index instead cost
//   more while writing (100,000 customers: rows 15.2 s against 10.5 s) than it saved;
// - the triggers that keep derived tables per row (the customer name search, the event
//   heads) are gone.
// finish() builds each index in one sorted pass, re-creates the triggers from their own
// SQL, rebuilds what they keep from the loaded rows, and returns the store to WAL: the
// schema is then exactly as before, and so is every derived row. Throws StoreError.
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "store/database.h"

namespace frontline::store {

class BulkLoad {
 public:
  // `keepIndexes`: secondary indexes left in place (see above). Throws StoreError naming
  // one the store does not have.
  explicit BulkLoad(Database& db, const std::set<std::string>& keepIndexes = {});
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
