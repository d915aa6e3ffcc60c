#include "views/status_line_view.h"

#include <imgui.h>

namespace frontline::views {

int StatusLineView::windowFlags() const {
  return ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus;
}

void StatusLineView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  // A training case (frontline --replay) keeps nothing: its desk's store lives in memory.
  const std::string store = s.storePath == ":memory:" ? std::string("none (a training case, replayed from its file)")
                                                      : s.storePath + (s.storeReady ? " (open)" : " (not open)");
  std::string line = "Store: " + store + "   |   Contacts received: " + std::to_string(s.contactsRecorded) +
                     (s.lastContact.empty() ? "" : " (last: " + s.lastContact + ")");
  if (!s.lastError.empty()) line += "   |   Last error: " + s.lastError;
  textFitted(ctx, line);
  if (!s.recovered.empty()) {
    ImGui::SameLine();
    textColored(ctx, 0.95f, 0.75f, 0.25f, "   |   " + s.recovered);
  }
  textFitted(ctx, ctx.syncLine);
  std::string listeners;
  for (const auto& l : ctx.listeners) listeners += (listeners.empty() ? "" : ",  ") + l;
  textFitted(ctx,
             "Listeners: " + (listeners.empty() ? std::string("none") : listeners) + "   |   Replies: " +
                 (s.relay.empty() ? std::string("recorded, not sent (no smtp.relay)") : "sent through " + s.relay));
}

}  // namespace frontline::views
