// Helpers shared by the unit tests: temporary directories, migrated stores, demo data.
#pragma once

#include <filesystem>
#include <random>
#include <string>

#include "store/database.h"
#include "store/demo_data.h"
#include "store/migrations.h"

namespace frontline::test {

// A directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() / ("frontline-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (m_path / name).string(); }
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

inline store::Database migratedMemoryStore() {
  auto db = store::Database::open(":memory:");
  store::migrate(db);
  return db;
}

// 2026-06-01T00:00:00Z: a fixed "now" so tests do not depend on the calendar.
inline constexpr std::int64_t kTestNowUs = 1'780'272'000'000'000LL;

// `customers` demo customers (seed 1) as of kTestNowUs, committed `perCommit` at a time.
inline store::DemoDataReport writeDemoCustomers(store::Database& db, std::int64_t customers,
                                                std::int64_t perCommit = 5000) {
  store::DemoDataOptions options;
  options.customers = customers;
  options.customersPerCommit = perCommit;
  options.asOfUs = kTestNowUs;
  return store::writeDemoData(db, options);
}

}  // namespace frontline::test
