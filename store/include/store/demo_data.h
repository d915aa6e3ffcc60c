// Deterministic, realistic demo data for the embedded store: customers with Latin and
// Chinese names, phones in several countries, emails, Pareto-skewed orders over three
// years, past voice and email contacts as real interaction events (with their
// projections), complaints across priorities and statuses, and the reference data
// (SLA policies, dispositions, not-ready reasons, agents, exchange rates).
//
// Same seed, same as-of time and same customer count give the same rows, byte for byte.
#pragma once

#include <cstdint>
#include <functional>

#include "store/database.h"

namespace frontline::store {

struct DemoDataOptions {
  std::int64_t customers = 1000;
  std::uint64_t seed = 1;
  std::int64_t asOfUs = 0;                 // "now" for the generated history (UTC microseconds)
  std::int64_t customersPerCommit = 5000;  // the rows do not depend on it
  // Called every few thousand customers and at the end (done == total).
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

struct DemoDataReport {
  std::int64_t customers = 0;
  std::int64_t addresses = 0;
  std::int64_t orders = 0;
  std::int64_t interactions = 0;
  std::int64_t events = 0;
  std::int64_t complaints = 0;
};

// Writes demo data into a migrated database that has no customers yet.
// Throws StoreError when the database already holds customers.
DemoDataReport writeDemoData(Database& db, const DemoDataOptions& options);

// The origin (console id) that demo history is recorded under.
inline constexpr const char* kDemoOrigin = "demo";

}  // namespace frontline::store
