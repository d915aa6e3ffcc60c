#include "views/agent_bar_view.h"

#include <imgui.h>

#include "desk/format.h"
#include "views/clock_text.h"

namespace frontline::views {

void AgentBarView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  const auto& a = s.agent;
  std::string state(desk::displayName(a.state));
  if (a.state == desk::AgentState::NotReady) {
    bool coded = false;
    if (a.reason == desk::kLinesDownReason) {
      state += " (calls cannot reach this console)";
      coded = true;
    }
    for (const auto& r : s.notReadyReasons) {
      if (r.code == a.reason) {
        state += " (" + r.label + ")";
        coded = true;
      }
    }
    if (!coded && !a.reason.empty()) state += " (" + a.reason + ")";  // e.g. "Coaching, requested by Sam"
  }
  // Seconds for the first minute in a state, then whole minutes: an idle console redraws
  // once a minute, not once a second.
  const std::string since = a.sinceUs ? elapsedText(ctx, a.sinceUs) : std::string("-");
  const float green[3] = {0.35f, 0.85f, 0.45f};
  const float amber[3] = {0.95f, 0.75f, 0.25f};
  const float* colour = a.state == desk::AgentState::Available ? green : amber;
  textColored(ctx, colour[0], colour[1], colour[2], "Agent " + s.agentId + ": " + state + " for " + since);
  if (!s.agentName.empty()) {
    ImGui::SameLine();
    text(ctx, "(" + s.agentName + ")");
  }
  if (!s.pendingRequest.empty()) {
    ImGui::SameLine();
    textColored(ctx, amber[0], amber[1], amber[2], s.pendingRequest);  // a supervisor's request, waiting
  }
  ImGui::SameLine(0, 3 * ImGui::GetFontSize());
  const bool canBeAvailable =
      s.linesDown.empty() && (a.state == desk::AgentState::NotReady || a.state == desk::AgentState::LoggedOut);
  ImGui::BeginDisabled(!canBeAvailable);
  if (ImGui::Button("Available")) ctx.post(desk::SetAgentState{desk::AgentState::Available, ""});
  ImGui::EndDisabled();
  if (!s.linesDown.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip(s.linesDown);
  ImGui::SameLine();
  if (!s.notReadyReasons.empty()) {
    m_reason = std::clamp(m_reason, 0, static_cast<int>(s.notReadyReasons.size()) - 1);
    choose("##reason", labelsOf(s.notReadyReasons), m_reason, 9 * ImGui::GetFontSize());
    ImGui::SameLine();
    const bool canPause = a.state == desk::AgentState::Available || a.state == desk::AgentState::NotReady ||
                          a.state == desk::AgentState::LoggedOut;
    ImGui::BeginDisabled(!canPause);
    if (ImGui::Button("Not ready")) {
      ctx.post(
          desk::SetAgentState{desk::AgentState::NotReady, s.notReadyReasons[static_cast<std::size_t>(m_reason)].code});
    }
    ImGui::EndDisabled();
  }
  if (s.notReadyReasons.empty()) {
    ImGui::SameLine();
    textColored(ctx, 1.0f, 0.5f, 0.3f, "No not-ready reasons are set up (table not_ready_reasons)");
  }
}

}  // namespace frontline::views
