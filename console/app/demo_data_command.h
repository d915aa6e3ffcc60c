// `frontline demo-data --db FILE --customers N [--seed S] [--as-of YYYY-MM-DD]`
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace frontline::app {

struct DemoDataArgs {
  std::string dbPath;
  std::int64_t customers = 20000;
  std::uint64_t seed = 1;
  std::string asOf;  // YYYY-MM-DD (UTC midnight); empty: today
};

// Writes the store to DB.partial and renames it to DB when complete, so an interrupted
// run never leaves a half-filled store under the real name. Returns the exit code.
int runDemoData(const DemoDataArgs& args);

// Parses YYYY-MM-DD as UTC midnight in microseconds; nullopt when malformed.
std::optional<std::int64_t> parseIsoDateUs(const std::string& text);

}  // namespace frontline::app
