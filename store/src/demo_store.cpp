// Building a demo store file; see demo_store.h.
#include "store/demo_store.h"

#include <chrono>
#include <filesystem>

#include "store/migrations.h"

namespace frontline::store {

DemoStoreBuild buildDemoStore(const std::string& path, const DemoDataOptions& options,
                              const BulkLoad::Progress& indexProgress) {
  if (std::filesystem::exists(path)) throw StoreError("'" + path + "' already exists; a demo store is built anew");
  using Clock = std::chrono::steady_clock;
  auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  DemoStoreBuild build;
  auto db = Database::open(path, {.durability = Durability::Off});
  db.exec("PRAGMA cache_size = -262144");  // 256 MiB: the primary keys' pages stay in memory while writing
  migrate(db);
  // Partial indexes of the events that the demo history enters a few times or never
  // (complaint events are 1.5 % of it; it has no requests, acknowledgements or
  // evaluations): each build would read all the events (2.4-4.7 s each at a million
  // customers), writing through them costs nothing measurable (bulk_load.h).
  BulkLoad load(db, {"interaction_events_by_complaint", "interaction_events_state_requests",
                     "interaction_events_alert_acks", "interaction_events_evaluations"});
  auto phase = Clock::now();
  build.report = writeDemoData(db, options);
  build.rowsSeconds = since(phase);
  phase = Clock::now();
  load.finish(indexProgress);
  build.indexesSeconds = since(phase);
  phase = Clock::now();
  db.exec("PRAGMA synchronous = FULL");
  db.exec("ANALYZE");
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  build.statisticsSeconds = since(phase);
  return build;
}

}  // namespace frontline::store
