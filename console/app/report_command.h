// `frontline report --config FILE --from DATE --to DATE [--by ...] [--format csv|json]`:
// the supervisor's figures from this console's store (a supervisor's holds every
// console's events) for the days from DATE to DATE inclusive, in ui.time_zone, printed to
// standard output (floor/report.h).
#pragma once

#include <string>

#include "app/config.h"

namespace frontline::app {

struct ReportArgs {
  std::string from;  // YYYY-MM-DD
  std::string to;    // YYYY-MM-DD, inclusive
  std::string by = "queue";
  std::string format = "csv";
};

int runReport(const Config& config, const ReportArgs& args);

}  // namespace frontline::app
