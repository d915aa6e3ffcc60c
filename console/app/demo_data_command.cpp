// The demo-data subcommand; see demo_data_command.h.
#include "app/demo_data_command.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "app/progress_bar.h"
#include "desk/clock.h"
#include "store/demo_store.h"
#include "store/insight.h"

namespace frontline::app {

std::optional<std::int64_t> parseIsoDateUs(const std::string& text) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::sys_days{date}.time_since_epoch()).count();
}

int runDemoData(const DemoDataArgs& args) {
  namespace fs = std::filesystem;
  if (args.customers < 0) {
    std::fprintf(stderr, "frontline demo-data: --customers must be 0 or more\n");
    return 2;
  }
  std::int64_t asOfUs = 0;
  if (args.asOf.empty()) {
    const std::int64_t now = desk::systemNowUs();
    asOfUs = now - now % store::kMicrosPerDay;  // today, midnight UTC: same rows all day
  } else if (auto parsed = parseIsoDateUs(args.asOf)) {
    asOfUs = *parsed;
  } else {
    std::fprintf(stderr, "frontline demo-data: --as-of '%s' is not a date like 2026-11-22\n", args.asOf.c_str());
    return 2;
  }
  if (fs::exists(args.dbPath)) {
    std::fprintf(stderr, "frontline demo-data: '%s' already exists; remove it or choose another --db\n",
                 args.dbPath.c_str());
    return 1;
  }
  const std::string partial = args.dbPath + ".partial";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(partial + suffix);

  const auto start = std::chrono::steady_clock::now();
  store::DemoStoreBuild build;
  try {
    ProgressBar bar("demo data");
    store::DemoDataOptions options;
    options.customers = args.customers;
    options.seed = args.seed;
    options.asOfUs = asOfUs;
    options.progress = [&](std::int64_t done, std::int64_t total) { bar.update(done, total); };
    std::optional<ProgressBar> indexes;  // from the first index built
    build = store::buildDemoStore(partial, options, [&](std::size_t done, std::size_t total) {
      if (!indexes) indexes.emplace("indexes");
      indexes->update(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
    });
    if (indexes) indexes->finish("");
    bar.finish("");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontline demo-data: %s\n", e.what());
    return 1;
  }
  // The connection is closed (WAL checkpointed into the file) before the rename.
  fs::rename(partial, args.dbPath);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const store::DemoDataReport& report = build.report;
  std::printf(
      "wrote %s: %lld customers, %lld addresses, %lld orders, %lld interactions (%lld events), "
      "%lld complaints in %.1f s (%.0f customers/s; rows %.1f s, indexes %.1f s, statistics %.1f s)\n",
      args.dbPath.c_str(), static_cast<long long>(report.customers), static_cast<long long>(report.addresses),
      static_cast<long long>(report.orders), static_cast<long long>(report.interactions),
      static_cast<long long>(report.events), static_cast<long long>(report.complaints), seconds,
      seconds > 0 ? static_cast<double>(report.customers) / seconds : 0.0, build.rowsSeconds, build.indexesSeconds,
      build.statisticsSeconds);
  return 0;
}

}  // namespace frontline::app
