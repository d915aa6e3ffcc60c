// How numbers, money, times and durations read on the agent's screen. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace frontline::desk {

std::string formatCount(std::int64_t n);                                 // 1,234,567
std::string formatMoney(std::int64_t minor, std::string_view currency);  // EUR 1,234.50
std::string formatDate(std::int64_t us);                                 // 2026-11-22
std::string formatDateTime(std::int64_t us);                             // 2026-11-22 14:05 UTC
std::string formatDuration(std::optional<std::int64_t> us);              // 4m 05s, 2h 10m, 3d 4h, "-"
std::string formatPercent(double fraction);                              // 80.4 %

}  // namespace frontline::desk
