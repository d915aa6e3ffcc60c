// How the supervisor's figures read: state names, percentages, durations of optional
// figures ("-" when undefined, as METRICS.md asks), tone colours, and what the floor's
// panels drill down to (FloorSelection).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "floor/floor_snapshot.h"
#include "views/view.h"

namespace frontline::views {

// What the details region shows: an agent, a queue, a complaint or a customer.
struct FloorSelection {
  enum class Kind { None, Agent, Queue, Complaint, Customer };
  Kind kind = Kind::None;
  std::string id;       // agent id, queue name, complaint id
  std::string channel;  // for a queue
  std::int64_t customerId = 0;
  bool operator==(const FloorSelection&) const = default;
};

std::string stateLabel(const std::string& state);                 // "Not ready"
std::string percentText(const std::optional<double>& fraction);   // "80.4 %", "-"
std::string secondsText(const std::optional<double>& seconds);    // "4m 05s", "-"
std::string durationText(const std::optional<std::int64_t>& us);  // "4m 05s", "-"
// A percentile of METRICS.md, or "n < 5".
std::string percentileText(const std::optional<std::int64_t>& us);
std::string channelIcon(const std::string& channel);  // telephone or envelope
// Text colour of a tone (normal: the style's text colour).
void pushTone(floor::Tone tone);
void popTone(floor::Tone tone);
const floor::FloorAgent* findAgent(const floor::FloorSnapshot& s, const std::string& id);
std::string agentName(const floor::FloorSnapshot& s, const std::string& id);

}  // namespace frontline::views
