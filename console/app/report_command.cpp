// The report command; see report_command.h.
#include "app/report_command.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "floor/report.h"
#include "store/database.h"

namespace frontline::app {

int runReport(const Config& config, const ReportArgs& args) {
  if (!config.ui.timeZone.empty()) setenv("TZ", config.ui.timeZone.c_str(), 1);
  tzset();
  const auto from = floor::parseLocalDate(args.from);
  const auto to = floor::parseLocalDate(args.to);
  if (!from || !to) {
    std::fprintf(stderr, "frontline report: --from and --to must be dates as YYYY-MM-DD, not '%s' and '%s'\n",
                 args.from.c_str(), args.to.c_str());
    return 2;
  }
  if (*to < *from) {
    std::fprintf(stderr, "frontline report: --to (%s) is before --from (%s)\n", args.to.c_str(), args.from.c_str());
    return 2;
  }
  if (args.format != "csv" && args.format != "json") {
    std::fprintf(stderr, "frontline report: --format must be csv or json, not '%s'\n", args.format.c_str());
    return 2;
  }
  if (!std::filesystem::exists(config.store.path)) {
    std::fprintf(stderr, "frontline report: the store %s (store.path in %s) does not exist\n",
                 config.store.path.c_str(), config.sourcePath.c_str());
    return 2;
  }
  // The day after --to, at local midnight (a day is not always 24 hours).
  const std::time_t toSeconds = static_cast<std::time_t>(*to / 1'000'000);
  std::tm next{};
  localtime_r(&toSeconds, &next);
  next.tm_mday += 1;
  next.tm_isdst = -1;
  floor::ReportRequest request;
  request.fromUs = *from;
  request.toUs = static_cast<std::int64_t>(std::mktime(&next)) * 1'000'000;
  request.by = args.by;
  request.nowUs =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  try {
    store::OpenOptions ro;
    ro.readOnly = true;
    ro.create = false;
    auto db = store::Database::open(config.store.path, ro);
    const auto table = floor::buildReport(db, config.floor, request);
    const std::string out = args.format == "json" ? floor::toJson(table) : floor::toCsv(table);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "frontline report: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontline report: %s: %s\n", config.store.path.c_str(), e.what());
    return 1;
  }
}

}  // namespace frontline::app
