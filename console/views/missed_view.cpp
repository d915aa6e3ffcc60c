// Missed calls; see missed_view.h.
#include "views/missed_view.h"

#include <imgui.h>

#include "views/clock_text.h"

namespace frontline::views {
namespace {

std::string why(const desk::MissedCall& m) {
  if (m.outcome == "cancelled") return "hung up while ringing";
  if (m.outcome == "missed") return "not answered";
  if (m.reason == "agent not available") return "turned away: you were not available";
  if (m.reason == "all lines ringing") return "turned away: another call was ringing";
  if (m.reason == "blocked") return "blocked caller";
  return m.reason.empty() ? std::string("declined") : "declined: " + m.reason;
}

}  // namespace

void MissedView::drawContent(ViewContext& ctx) {
  const auto& missed = ctx.snapshot.missed;
  if (missed.empty()) {
    text(ctx, "No missed calls in the last 24 hours.");
    return;
  }
  textWrapped(ctx, plural(static_cast<std::int64_t>(missed.size()), "caller", "callers") +
                       " in the last 24 hours; a click finds the caller");
  const float lineHeight = ImGui::GetTextLineHeightWithSpacing();
  ImGuiListClipper clipper;  // two lines a caller, only the rows in view drawn
  clipper.Begin(static_cast<int>(missed.size()), 2 * lineHeight + ImGui::GetStyle().ItemSpacing.y);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const auto& m = missed[static_cast<std::size_t>(row)];
      ImGui::PushID(m.interactionId.c_str());
      const std::string who =
          (m.name.empty() ? m.address : m.name) + (m.tries > 1 ? "  (" + plural(m.tries, "try", "tries") + ")" : "");
      const std::string detail =
          elapsedText(ctx, m.lastUs) + " ago, " + why(m) + (m.name.empty() ? "" : "  " + m.address);
      ImGui::Selectable("##missed", false, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(0, 2 * lineHeight));
      if (ImGui::IsItemActivated() && m.address != "anonymous") ctx.post(desk::LookUpCustomer{m.address});
      tooltip(who + "\n" + detail + "\nlast try " + localDateTime(m.lastUs));
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2 * lineHeight - ImGui::GetStyle().ItemSpacing.y);
      ImGui::TextUnformatted(who.c_str());
      ImGui::Indent();
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::TextUnformatted(detail.c_str());
      ImGui::PopStyleColor();
      ImGui::Unindent();
      ctx.dump.text("missed: " + who + " - " + detail);
      ImGui::PopID();
    }
  }
}

}  // namespace frontline::views
