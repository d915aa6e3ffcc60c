// A new demo store file, built the way `frontline demo-data` and the benchmarks build it:
// the schema, the demo rows in bulk-load order (bulk_load.h), the indexes, then the
// planner's statistics, with where the time went.
#pragma once

#include <string>

#include "store/bulk_load.h"
#include "store/demo_data.h"

namespace frontline::store {

struct DemoStoreBuild {
  DemoDataReport report;
  double rowsSeconds = 0;        // generating and writing the rows
  double indexesSeconds = 0;     // building the indexes and what the triggers keep
  double statisticsSeconds = 0;  // ANALYZE
};

// Builds into `path`, a file that must not exist yet (a failed build leaves a file to
// throw away: see bulk_load.h). `indexProgress` as BulkLoad::finish's. Throws StoreError.
DemoStoreBuild buildDemoStore(const std::string& path, const DemoDataOptions& options,
                              const BulkLoad::Progress& indexProgress = {});

}  // namespace frontline::store
