#include "desk/agent_state.h"

#include <array>
#include <utility>

namespace frontline::desk {
namespace {

struct Names {
  AgentState state;
  std::string_view code;
  std::string_view display;
};
constexpr std::array<Names, 5> kNames{{{AgentState::Available, "available", "Available"},
                                       {AgentState::NotReady, "not_ready", "Not ready"},
                                       {AgentState::OnContact, "on_contact", "On contact"},
                                       {AgentState::WrapUp, "wrap_up", "Wrap-up"},
                                       {AgentState::LoggedOut, "logged_out", "Logged out"}}};

}  // namespace

std::string_view toString(AgentState s) {
  for (const auto& n : kNames) {
    if (n.state == s) return n.code;
  }
  return "";
}

std::string_view displayName(AgentState s) {
  for (const auto& n : kNames) {
    if (n.state == s) return n.display;
  }
  return "";
}

std::optional<AgentState> agentStateFromString(std::string_view text) {
  for (const auto& n : kNames) {
    if (n.code == text) return n.state;
  }
  return std::nullopt;
}

std::optional<AgentStatus> moveAgent(const AgentStatus& from, AgentState to, std::string reason, std::int64_t nowUs) {
  using S = AgentState;
  bool allowed = false;
  switch (to) {
    case S::Available:
      allowed = from.state == S::NotReady || from.state == S::WrapUp || from.state == S::LoggedOut;
      break;
    case S::NotReady:
      allowed = from.state == S::Available || from.state == S::WrapUp || from.state == S::LoggedOut ||
                (from.state == S::NotReady && reason != from.reason);
      if (reason.empty()) allowed = false;
      break;
    case S::OnContact:
      allowed = from.state == S::Available;
      break;
    case S::WrapUp:
      allowed = from.state == S::OnContact;
      break;
    case S::LoggedOut:
      allowed = from.state != S::LoggedOut && from.state != S::OnContact;
      break;
  }
  if (!allowed) return std::nullopt;
  return AgentStatus{to, to == S::NotReady ? std::move(reason) : std::string(), nowUs};
}

}  // namespace frontline::desk
