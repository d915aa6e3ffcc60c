// The agent's state and the moves between states, as the console enforces them:
//   available <-> not ready (with a reason: break, lunch, ...)
//   available  -> on contact (answered)  -> wrap-up (contact ended) -> available | not ready
//   any        -> logged out -> available | not ready
// Only an available agent is offered calls (SIP 486 otherwise). Pure; no clock inside.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace frontline::desk {

enum class AgentState { Available, NotReady, OnContact, WrapUp, LoggedOut };

std::string_view toString(AgentState s);     // "available", "not_ready", ...
std::string_view displayName(AgentState s);  // "Available", "Not ready", ...
std::optional<AgentState> agentStateFromString(std::string_view text);

struct AgentStatus {
  AgentState state = AgentState::LoggedOut;
  std::string reason;  // not-ready reason code
  std::int64_t sinceUs = 0;
  bool operator==(const AgentStatus&) const = default;
};

// The status after moving to `to` at `nowUs`, or nullopt when that move is not allowed
// (or a not-ready reason is missing).
std::optional<AgentStatus> moveAgent(const AgentStatus& from, AgentState to, std::string reason, std::int64_t nowUs);

// The not-ready reason the desk sets itself when calls cannot reach the console (a
// listener could not start); not in the not_ready_reasons table, so no agent picks it.
inline constexpr const char* kLinesDownReason = "lines_down";

inline bool offeredCalls(const AgentStatus& s) {
  return s.state == AgentState::Available;
}

}  // namespace frontline::desk
