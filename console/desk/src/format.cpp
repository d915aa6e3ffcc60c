#include "desk/format.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace frontline::desk {

std::string formatCount(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

std::string formatMoney(std::int64_t minor, std::string_view currency) {
  const std::int64_t whole = std::llabs(minor) / 100;
  const std::int64_t cents = std::llabs(minor) % 100;
  char frac[4];
  std::snprintf(frac, sizeof frac, "%02lld", static_cast<long long>(cents));
  return std::string(currency) + " " + (minor < 0 ? "-" : "") + formatCount(whole) + "." + frac;
}

namespace {
std::chrono::year_month_day dayOf(std::int64_t us, std::int64_t& secondsOfDay) {
  using namespace std::chrono;
  const sys_time<microseconds> t{microseconds{us}};
  const auto day = floor<days>(t);
  secondsOfDay = duration_cast<seconds>(t - day).count();
  return year_month_day{day};
}
}  // namespace

std::string formatDate(std::int64_t us) {
  std::int64_t sod = 0;
  auto ymd = dayOf(us, sod);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string formatDateTime(std::int64_t us) {
  std::int64_t sod = 0;
  auto ymd = dayOf(us, sod);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld UTC", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60));
  return buf;
}

std::string formatDuration(std::optional<std::int64_t> us) {
  if (!us) return "-";
  const bool negative = *us < 0;
  const std::int64_t s = std::llabs(*us) / 1'000'000;
  char buf[64];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(s));
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%lldm %02llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  } else if (s < 86400) {
    std::snprintf(buf, sizeof buf, "%lldh %02lldm", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lldd %lldh", static_cast<long long>(s / 86400),
                  static_cast<long long>(s / 3600 % 24));
  }
  return negative ? std::string("-") + buf : std::string(buf);
}

std::string formatPercent(double fraction) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f %%", fraction * 100.0);
  return buf;
}

}  // namespace frontline::desk
