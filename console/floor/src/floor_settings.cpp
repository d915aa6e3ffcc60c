// Floor settings; see floor_settings.h.
#include "floor/floor_settings.h"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace frontline::floor {

const QueueSettings& FloorSettings::queue(const std::string& name) const {
  static const QueueSettings kDefaults;
  for (const auto& q : queues)
    if (q.name == name) return q;
  return kDefaults;
}

std::string FloorSettings::team(const std::string& agentId) const {
  const auto it = teamOf.find(agentId);
  return it == teamOf.end() ? std::string() : it->second;
}

const StateThreshold* FloorSettings::threshold(const std::string& state) const {
  for (const auto& t : stateThresholds)
    if (t.state == state) return &t;
  return nullptr;
}

std::map<std::string, std::string> FloorSettings::queueAliases() const {
  std::map<std::string, std::string> aliases;
  for (const auto& q : queues) {
    for (std::string a : q.addresses) {
      std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return std::tolower(c); });
      aliases[a] = q.name;
    }
  }
  return aliases;
}

std::string localClock(std::int64_t us, const char* format) {
  const std::time_t t = static_cast<std::time_t>(us / 1'000'000);
  std::tm local{};
  localtime_r(&t, &local);
  char text[32];
  std::strftime(text, sizeof text, format, &local);
  return text;
}

std::int64_t dayStartUs(std::int64_t nowUs, std::int64_t offsetUs) {
  const std::time_t seconds = static_cast<std::time_t>((nowUs - offsetUs) / 1'000'000);
  std::tm local{};
  localtime_r(&seconds, &local);
  local.tm_hour = 0;
  local.tm_min = 0;
  local.tm_sec = 0;
  local.tm_isdst = -1;
  return static_cast<std::int64_t>(std::mktime(&local)) * 1'000'000 + offsetUs;
}

}  // namespace frontline::floor
