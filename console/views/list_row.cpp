// A two-line list row; see list_row.h.
#include "views/list_row.h"

namespace frontline::views {

float listRowHeight() {
  return 2 * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
}

bool drawListRow(ViewContext& ctx, const char* id, const ListRow& row) {
  const float lineHeight = ImGui::GetTextLineHeightWithSpacing();
  ImGui::Selectable(id, row.selected, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(0, 2 * lineHeight));
  const bool taken = ImGui::IsItemActivated();
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  ctx.dump.button(row.label.empty() ? row.first : row.label, static_cast<int>(a.x), static_cast<int>(a.y),
                  static_cast<int>(b.x - a.x), static_cast<int>(b.y - a.y));
  View::tooltip(row.first + (row.badge.empty() ? "" : " " + row.badge) + "\n" + row.detail);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2 * lineHeight - ImGui::GetStyle().ItemSpacing.y);
  ImGui::PushStyleColor(ImGuiCol_Text, row.colour);
  ImGui::TextUnformatted(row.first.c_str());
  ImGui::PopStyleColor();
  if (!row.badge.empty()) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, row.badgeColour);
    ImGui::TextUnformatted(row.badge.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Indent();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(row.detail.c_str());
  ImGui::PopStyleColor();
  ImGui::Unindent();
  return taken;
}

}  // namespace frontline::views
