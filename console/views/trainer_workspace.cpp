// The trainer's workspace; see trainer_workspace.h.
#include "views/trainer_workspace.h"

#include <imgui.h>

namespace frontline::views {

TrainerWorkspace::TrainerWorkspace() {
  m_search.onOpen = [this](const std::string&) { m_show = 2; };
  m_evaluate.onGoTo = [this](std::int64_t t) {
    m_replay.seek(t);
    m_show = 2;
  };
}

void TrainerWorkspace::draw(ViewContext& ctx) {
  beginHost(ctx, "##trainer");
  if (ImGui::BeginMenuBar()) {
    ImGui::TextDisabled("Frontline - trainer %s", ctx.snapshot.agentName.c_str());
    if (ctx.replay.snapshot && ctx.replay.snapshot->mayUnmask) {
      ImGui::TextDisabled("   (may unmask: each time is recorded)");
    }
    ImGui::EndMenuBar();
  }
  // Opening a contact from anywhere (the search, a customer's history) shows its replay.
  auto open = ctx.replay.open;
  ctx.openReplay = [this, open](const std::string& id) {
    if (open) open(id, false);
    m_show = 2;
  };
  m_search.onOpen = ctx.openReplay;
  // A contact opened elsewhere (a training case opens its own) comes forward.
  const void* shown = ctx.replay.snapshot ? ctx.replay.snapshot->timeline.get() : nullptr;
  if (shown != m_lastTimeline) {
    if (shown) m_show = 2;
    m_lastTimeline = shown;
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x;
  const float statusHeight = StatusLineView::height(ctx.snapshot);
  const float height = ImGui::GetContentRegionAvail().y - statusHeight - style.ItemSpacing.y;
  ImGui::BeginChild("main", ImVec2(width, height), false);
  if (ImGui::BeginTabBar("panels")) {
    const float regionHeight = ImGui::GetContentRegionAvail().y;
    int index = 0;
    auto tab = [&](View& view, const char* label) {
      ++index;
      const bool pick = ctx.keys.ctrlDigit == index || m_show == index;
      if (ImGui::BeginTabItem(label, nullptr, pick ? ImGuiTabItemFlags_SetSelected : 0)) {
        view.drawRegion(ctx, ImGui::GetContentRegionAvail().x, regionHeight - ImGui::GetFrameHeightWithSpacing());
        ImGui::EndTabItem();
      }
    };
    const int show = m_show;
    tab(m_search, "Search (Ctrl+1)");
    tab(m_replay, "Replay (Ctrl+2)");
    tab(m_evaluate, "Evaluate (Ctrl+3)");
    tab(m_calibration, "Calibration (Ctrl+4)");
    if (m_show == show) m_show = 0;  // brought forward once
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  m_status.drawRegion(ctx, width, statusHeight);
  endHost();
}

}  // namespace frontline::views
