// Sync between this console's local store and the central store.
//
// Push: this console's events after the last one the central store holds, in batches, one
// central transaction per batch: the events (COPY, or one INSERT for a few rows), then the
// projections of every interaction, complaint and agent the batch touched, folded onto their
// stored rows when every new event is later than the row's last one, recomputed from all
// their events in (ts_us, origin, seq) order when one is not (a late event), so two consoles
// updating one complaint both survive. The local cursor moves only after the central commit.
// On PostgreSQL the client's work runs while the server works: the touched rows are read
// before the events are sent and folded while the server copies them, each COPY is sent
// without waiting for its answer, and a backlog's next batch is read from the local store
// while the server commits this one (used only if the central store then ends where it
// was read from).
// On PostgreSQL revisions come from a sequence and pushes run side by side (advisory locks
// per touched contact, complaint and agent); on the SQLite file one push at a time.
// Pull: other consoles' events after the local cursor (on PostgreSQL in (txid, revision)
// order below the oldest running transaction, so no late commit is stepped over), applied
// locally in one transaction with the projections they touch refolded the same way.
//
// Thread: the caller's (the sync thread or a CLI command); the local connection must be
// its own (WAL lets it write beside the desk's).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/projections.h"
#include "sync/central_connection.h"

namespace frontline::sync {

struct SyncOptions {
  // Events per push or pull transaction. A backlog of 100,000 events pushed to PostgreSQL
  // (sync_bench, same run): 1.94 s in batches of 1,000, 1.25 s of 5,000, 1.35 s of 20,000.
  int batchSize = 5000;
  // What this console pulls of other consoles' events: "agent": complaints and the
  // contacts of customers; "supervisor" and "trainer": everything.
  std::string role = "agent";
  // Called after a batch is read from the local store and before its central commit: makes
  // the local commits it read durable. The desk commits without waiting for the disk
  // (synchronous=NORMAL; fl-fsync makes them durable a moment later), and an event the
  // central store holds must never be lost locally, or its seq would be used again after a
  // power cut. SyncService fsyncs the local WAL here (store::WalSync).
  std::function<void()> localDurable;
  // Tests: called at "before-central-commit" and "after-central-commit"; may throw to
  // simulate a crash there.
  std::function<void(std::string_view stage)> checkpoint;
};

struct SyncCounts {
  std::int64_t pushed = 0;     // events newly stored centrally
  std::int64_t pulled = 0;     // other consoles' events newly stored here
  std::int64_t reference = 0;  // reference rows (customers, addresses, orders, codes) brought over
};

class SyncEngine {
 public:
  SyncEngine(store::Database& local, CentralConnection& central, std::string origin, SyncOptions options = {});

  // One batch each; 0 when there was nothing to do.
  std::int64_t pushBatch();
  std::int64_t pullBatch();
  // Push until nothing is pending, then pull until nothing is new.
  SyncCounts syncOnce();
  // This console's events the central store has not acknowledged (from the local cursor).
  std::int64_t pendingEvents();

 private:
  void requireCentralSchema();
  // This console's events after seq `after`, a batch at most, from the local store.
  struct LocalBatch {
    std::int64_t after = 0;
    std::vector<store::InteractionEvent> events;
  };
  LocalBatch readLocal(std::int64_t after);

  store::Database& m_local;
  CentralConnection& m_central;
  std::string m_origin;
  SyncOptions m_options;
  bool m_schemaChecked = false;
  std::optional<LocalBatch> m_next;  // read while the central store committed the last batch
};

// This console's events the central store has not acknowledged (from the local cursor).
std::int64_t pendingEvents(store::Database& local, const std::string& origin);

// The local cursors (sync_state).
std::int64_t localCursor(store::Database& local, const std::string& key);
void setLocalCursor(store::Database& local, const std::string& key, std::int64_t value);

}  // namespace frontline::sync

namespace frontline::sync {

// The central projections (interactions, complaints, agent states), as the local ones
// read: for checks that consoles and the central store agree.
store::Projections loadCentralProjections(CentralConnection& central);

}  // namespace frontline::sync
