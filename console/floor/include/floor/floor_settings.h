// What a site tunes about its floor: each queue's service-level target and thresholds,
// the agents' teams, the colours of time in state, the FCR window and when alerts fire.
// Read from [[queues]], [[teams]] and [floor] in the configuration (assets/config).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace frontline::floor {

inline constexpr std::int64_t kSecondUs = 1'000'000;
inline constexpr std::int64_t kMinuteUs = 60 * kSecondUs;
inline constexpr std::int64_t kIntervalUs = 15 * kMinuteUs;  // METRICS.md: a contact belongs to its 15-minute interval
inline constexpr std::int64_t kDayUs = 24 * 60 * kMinuteUs;

struct QueueSettings {
  std::string name;                                   // as contacts carry it (interactions.queue)
  std::string label;                                  // shown; the name when empty
  std::vector<std::string> addresses;                 // CTI queues, called numbers, recipient addresses that map to it
  std::int64_t answerWithinUs = 20 * kSecondUs;       // T of service level for calls
  std::int64_t emailAnswerWithinUs = 60 * kMinuteUs;  // T for emails: received -> first reply
  double targetPercent = 80.0;                        // service-level target
  std::int64_t shortAbandonUs = 5 * kSecondUs;        // abandons within this are "short"
  std::int64_t longestWaitAlertUs = 2 * kMinuteUs;    // alert when the longest wait passes it
  std::string displayName() const { return label.empty() ? (name.empty() ? "(no queue)" : name) : label; }
};

// Time in a state coloured amber, then red, after these (0: never).
struct StateThreshold {
  std::string state;  // not_ready, wrap_up, on_contact, available
  std::int64_t amberUs = 0;
  std::int64_t redUs = 0;
};

struct FloorSettings {
  std::vector<QueueSettings> queues;          // a queue not listed gets the defaults above
  std::map<std::string, std::string> teamOf;  // agent id -> team
  std::vector<StateThreshold> stateThresholds = {{"not_ready", 15 * kMinuteUs, 30 * kMinuteUs},
                                                 {"wrap_up", 2 * kMinuteUs, 5 * kMinuteUs}};
  int fcrDays = 7;                              // METRICS.md FCR: N
  std::int64_t breachAlertUs = 15 * kMinuteUs;  // alert when a complaint breaches within this
  std::int64_t dayStartOffsetUs = 0;            // "today" starts this long after local midnight

  const QueueSettings& queue(const std::string& name) const;
  std::string team(const std::string& agentId) const;  // "" when none
  const StateThreshold* threshold(const std::string& state) const;
  // Lowercase address -> queue name, for the desk that records contacts.
  std::map<std::string, std::string> queueAliases() const;
};

// Local midnight (in the process's time zone, TZ = ui.time_zone) plus the day-start offset,
// at or before `nowUs`.
std::int64_t dayStartUs(std::int64_t nowUs, std::int64_t offsetUs = 0);
// `us` in the process's time zone with an strftime format ("%Y-%m-%d", "%H:%M"): report
// keys and chart labels.
std::string localClock(std::int64_t us, const char* format);

}  // namespace frontline::floor
