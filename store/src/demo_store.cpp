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
  BulkLoad load(db);
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
