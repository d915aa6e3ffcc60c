#include "views/status_line_view.h"

#include <imgui.h>

namespace frontline::views {

void StatusLineView::placeFirstTime() const {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float height = 3 * ImGui::GetTextLineHeightWithSpacing() + 2 * ImGui::GetStyle().WindowPadding.y;
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, height));
}

int StatusLineView::windowFlags() const {
  return ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus;
}

void StatusLineView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  std::string line = "Store: " + s.storePath + (s.storeReady ? " (open)" : " (not open)") +
                     "   |   Contacts received: " + std::to_string(s.contactsRecorded) +
                     (s.lastContact.empty() ? "" : " (last: " + s.lastContact + ")");
  if (!s.lastError.empty()) line += "   |   Last error: " + s.lastError;
  text(ctx, line);
  text(ctx, ctx.syncLine);
  std::string listeners;
  for (const auto& l : ctx.listeners) listeners += (listeners.empty() ? "" : ",  ") + l;
  text(ctx, "Listeners: " + (listeners.empty() ? std::string("none") : listeners) + "   |   Replies: " +
                (s.relay.empty() ? std::string("recorded, not sent (no smtp.relay)") : "sent through " + s.relay));
}

}  // namespace frontline::views
