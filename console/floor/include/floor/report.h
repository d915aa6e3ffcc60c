// `frontline report`: the supervisor's figures over a date range, for spreadsheets, by
// agent, queue, priority, category, day or 15-minute interval, as CSV or JSON. Computed by
// the floor's own functions (FloorModel, metrics.h, complaintFigures) from the same store,
// so a report and the screens cannot disagree; each column's header names the metric of
// METRICS.md and its unit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "floor/floor_settings.h"
#include "store/database.h"

namespace frontline::floor {

struct ReportRequest {
  std::int64_t fromUs = 0;  // contacts offered and complaints opened in [fromUs, toUs)
  std::int64_t toUs = 0;
  std::string by = "queue";  // agent | queue | priority | category | day | interval
  std::int64_t nowUs = 0;    // what "still waiting" and "pending" are judged against
};

struct ReportTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Throws std::invalid_argument for an unknown `by`.
ReportTable buildReport(store::Database& db, const FloorSettings& settings, const ReportRequest& request);
std::string toCsv(const ReportTable& table);
std::string toJson(const ReportTable& table);
// "2026-11-30" at local midnight (TZ), microseconds; nothing for a malformed date.
std::optional<std::int64_t> parseLocalDate(const std::string& text);

}  // namespace frontline::floor
