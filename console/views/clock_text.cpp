// Idle-friendly clock text; see clock_text.h.
#include "views/clock_text.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace frontline::views {
namespace {

constexpr std::int64_t kSecond = 1'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;

std::string coarse(std::int64_t us) {
  if (us < kMinute) return std::to_string(us / kSecond) + "s";
  const std::int64_t minutes = us / kMinute;
  if (minutes < 60) return std::to_string(minutes) + "m";
  const std::int64_t hours = minutes / 60;
  auto two = [](std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  if (hours < 24) return std::to_string(hours) + "h " + two(minutes % 60) + "m";
  return std::to_string(hours / 24) + "d " + std::to_string(hours % 24) + "h";
}

// The text of a duration `d` changes every second below a minute, then every minute.
std::int64_t step(std::int64_t d) {
  return d < kMinute ? kSecond : kMinute;
}

}  // namespace

std::string elapsedText(ViewContext& ctx, std::int64_t sinceUs) {
  const std::int64_t d = std::max<std::int64_t>(0, ctx.nowUs - sinceUs);
  ctx.tickAt(sinceUs + (d / step(d) + 1) * step(d));
  return coarse(d);
}

std::string localDateTime(std::int64_t us) {
  const std::time_t t = static_cast<std::time_t>(us / kSecond);
  std::tm local{};
  localtime_r(&t, &local);  // TZ is set from ui.time_zone at start
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
  return buf;
}

std::string localDate(std::int64_t us) {
  return localDateTime(us).substr(0, 10);
}

std::string localShortDateTime(std::int64_t us, std::int64_t nowUs) {
  const std::time_t t = static_cast<std::time_t>(us / kSecond);
  const std::time_t n = static_cast<std::time_t>(nowUs / kSecond);
  std::tm when{}, now{};
  localtime_r(&t, &when);
  localtime_r(&n, &now);
  char buf[32];
  const char* format = when.tm_year != now.tm_year ? "%Y-%m-%d" : when.tm_yday != now.tm_yday ? "%d %b %H:%M" : "%H:%M";
  std::strftime(buf, sizeof buf, format, &when);
  return buf;
}

std::string plural(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string remainingText(ViewContext& ctx, std::int64_t untilUs) {
  if (untilUs < ctx.nowUs) return "overdue by " + elapsedText(ctx, untilUs);
  const std::int64_t d = untilUs - ctx.nowUs;
  ctx.tickAt(ctx.nowUs + d % step(d) + 1);  // when the shown amount drops
  return "in " + coarse(d);
}

std::string offsetText(std::int64_t us) {
  const long long s = static_cast<long long>(std::max<std::int64_t>(0, us) / 1'000'000);
  char out[32];
  if (s >= 3600) {
    std::snprintf(out, sizeof out, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(out, sizeof out, "%lld:%02lld", s / 60, s % 60);
  }
  return out;
}

}  // namespace frontline::views
