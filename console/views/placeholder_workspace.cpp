// A role's page before its workspace exists; see placeholder_workspace.h.
#include "views/placeholder_workspace.h"

#include <imgui.h>

namespace frontline::views {

void PlaceholderWorkspace::draw(ViewContext& ctx) {
  beginHost(ctx, "##workspace");
  if (ImGui::BeginMenuBar()) {
    ImGui::TextUnformatted(("Frontline - " + m_role).c_str());
    ImGui::EndMenuBar();
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const float statusHeight = 3 * ImGui::GetTextLineHeightWithSpacing() + 2 * style.WindowPadding.y;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::BeginChild("role", ImVec2(avail.x, avail.y - statusHeight - style.ItemSpacing.y), true);
  const ImVec2 pos = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  ctx.dump.beginWindow(m_role + " workspace", static_cast<int>(pos.x), static_cast<int>(pos.y),
                       static_cast<int>(size.x), static_cast<int>(size.y));
  View::textColored(ctx, 0.95f, 0.75f, 0.25f, m_role + " workspace: not built yet");
  View::textWrapped(ctx, m_explanation);
  ImGui::Separator();
  ImGui::EndChild();
  m_status.drawRegion(ctx, avail.x, statusHeight);
  endHost();
}

}  // namespace frontline::views
