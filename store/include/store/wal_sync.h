// Durability of a WAL-mode store's commits, from a thread other than the writer's. The
// writer's connection runs with synchronous=NORMAL: its COMMIT writes the transaction's
// frames to "<path>-wal" and returns without waiting for the disk. WalSync::sync() then
// fdatasyncs that file, which flushes every written page of a file whichever descriptor wrote
// it, so when sync() returns, every transaction committed before the call is on disk, as
// synchronous=FULL would have made it at its COMMIT. checkpoint() copies the WAL into the
// database (PASSIVE: it never blocks the writer) with SQLite's own syncs, so that the
// writer's connection can run without automatic checkpoints (wal_autocheckpoint = 0) and
// never stalls on one. One WalSync per store; use it from one thread. Throws StoreError.
#pragma once

#include <string>

#include "store/database.h"

namespace frontline::store {

class WalSync {
 public:
  explicit WalSync(std::string databasePath);
  ~WalSync();
  WalSync(const WalSync&) = delete;
  WalSync& operator=(const WalSync&) = delete;

  // Every commit made before this call is durable when it returns.
  void sync();
  // Copies what it can of the WAL into the database file (PASSIVE), on a connection of
  // its own. Returns the WAL frames still not copied (readers may hold some back).
  int checkpoint();

 private:
  std::string m_databasePath;
  int m_fd = -1;
  Database m_db;  // for checkpoints only
};

}  // namespace frontline::store
