// What is in a store, at a glance: counts, schema version and the revenue concentration
// (share of the top 20 % of customers). Read on a worker or desk thread, never the UI.
#pragma once

#include <cstdint>
#include <string>

#include "store/database.h"

namespace frontline::store {

struct StoreSummary {
  std::string path;
  int schemaVersion = 0;
  std::int64_t customers = 0;
  std::int64_t addresses = 0;
  std::int64_t orders = 0;
  std::int64_t interactions = 0;
  std::int64_t events = 0;
  std::int64_t openComplaints = 0;      // open or responded
  std::int64_t breachedComplaints = 0;  // open or responded and past resolution due time
  std::int64_t agents = 0;
  double topFifthRevenueShare = 0.0;  // share of revenue from the top 20 % of customers
};

StoreSummary loadStoreSummary(Database& db, std::int64_t nowUs);

}  // namespace frontline::store
