// Workspaces: the host window, splitters and the role's choice; see workspace.h.
#include "views/workspace.h"

#include <imgui.h>

#include <algorithm>

#include "views/agent_workspace.h"
#include "views/supervisor_workspace.h"
#include "views/trainer_workspace.h"

namespace frontline::views {

std::unique_ptr<Workspace> createWorkspace(const std::string& role) {
  if (role == "supervisor") return std::make_unique<SupervisorWorkspace>();
  if (role == "trainer") return std::make_unique<TrainerWorkspace>();
  return std::make_unique<AgentWorkspace>();
}

void beginHost(ViewContext&, const char* id) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  constexpr int kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                         ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar |
                         ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin(id, nullptr, kFlags);
  ImGui::PopStyleVar(2);
}

void endHost() {
  ImGui::End();
}

void splitter(const char* id, bool betweenColumns, float thickness, float length, float& size, float min, float max) {
  const ImVec2 extent = betweenColumns ? ImVec2(thickness, length) : ImVec2(length, thickness);
  ImGui::InvisibleButton(id, extent);
  if (ImGui::IsItemActive()) {
    const ImVec2 delta = ImGui::GetIO().MouseDelta;
    size += betweenColumns ? delta.x : delta.y;
  }
  size = std::clamp(size, min, std::max(min, max));
  if (ImGui::IsItemHovered() || ImGui::IsItemActive()) {
    ImGui::SetMouseCursor(betweenColumns ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_SeparatorHovered));
  }
}

}  // namespace frontline::views
