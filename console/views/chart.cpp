// Charts with ImGui's draw list; see chart.h.
#include "views/chart.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/chart_scale.h"

namespace frontline::views {
namespace {

std::string number(double v, const std::string& unit) {
  char text[48];
  std::snprintf(text, sizeof text, std::fabs(v - std::round(v)) < 1e-9 ? "%.0f" : "%.1f", v);
  return unit.empty() ? std::string(text) : std::string(text) + " " + unit;
}

}  // namespace

void drawChart(ViewContext& ctx, const char* id, const ChartSpec& spec, float width, float height) {
  ImGui::PushID(id);
  View::text(ctx, spec.title);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  height = std::max(height - ImGui::GetTextLineHeightWithSpacing(), 60.0f);
  ImGui::InvisibleButton("plot", ImVec2(std::max(width, 100.0f), height));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float lineHeight = ImGui::GetTextLineHeight();
  const float left = origin.x + ImGui::CalcTextSize("00000 xx").x;
  const bool hasRight = std::any_of(spec.series.begin(), spec.series.end(), [](const auto& s) { return s.rightAxis; });
  const float right = origin.x + width - (hasRight ? ImGui::CalcTextSize("100 %x").x : 8.0f);
  const float top = origin.y + lineHeight * 1.6f;  // the units' line above the plot
  const float bottom = origin.y + height - lineHeight * 1.4f;
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border);
  const ImU32 textColour = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);

  // Axes: the left for the series on it, the right for the others.
  double leftMax = 0, rightMax = 0;
  std::size_t slots = spec.slotNames.size();
  for (const auto& s : spec.series) {
    slots = std::max(slots, s.values.size());
    for (const auto& v : s.values) {
      if (!v) continue;
      (s.rightAxis ? rightMax : leftMax) = std::max(s.rightAxis ? rightMax : leftMax, *v);
    }
  }
  if (spec.target && !hasRight) leftMax = std::max(leftMax, *spec.target);
  const Axis leftAxis = spec.leftMin && spec.leftMax
                            ? Axis{*spec.leftMin, *spec.leftMax, (*spec.leftMax - *spec.leftMin) / 4}
                            : niceAxis(0, leftMax, 4);
  const Axis rightAxis = spec.rightMax ? Axis{0, *spec.rightMax, *spec.rightMax / 4} : niceAxis(0, rightMax, 4);
  for (const double t : leftAxis.ticks()) {
    const float y = valueToY(leftAxis, t, top, bottom);
    draw->AddLine(ImVec2(left, y), ImVec2(right, y), grid);
    const std::string label = tickLabel(t, leftAxis.step, "");
    draw->AddText(ImVec2(left - ImGui::CalcTextSize(label.c_str()).x - 4, y - lineHeight / 2), dim, label.c_str());
  }
  if (!spec.leftUnit.empty()) draw->AddText(ImVec2(origin.x, origin.y), dim, spec.leftUnit.c_str());
  if (hasRight) {
    const float unitWidth = ImGui::CalcTextSize(spec.rightUnit.c_str()).x;
    draw->AddText(ImVec2(origin.x + width - unitWidth - 2, origin.y), dim, spec.rightUnit.c_str());
    for (const double t : rightAxis.ticks()) {
      const float y = valueToY(rightAxis, t, top, bottom);
      const std::string label = tickLabel(t, rightAxis.step, spec.rightUnit);
      draw->AddText(ImVec2(right + 4, y - lineHeight / 2), dim, label.c_str());
    }
  }
  draw->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), textColour);
  // Tick labels from the right (the newest slot keeps its label), each only where it does
  // not run into the one after it: a narrow chart shows fewer.
  float nextLabelLeft = right + 1e6f;
  for (std::size_t k = std::min(spec.xTicks.size(), slots); k-- > 0;) {
    if (spec.xTicks[k].empty()) continue;
    const float x = slotToX(k, slots, left, right);
    const float w = ImGui::CalcTextSize(spec.xTicks[k].c_str()).x;
    const float at = std::clamp(x - w / 2, left, right - w);
    if (at + w + ImGui::GetFontSize() * 0.5f > nextLabelLeft) continue;
    draw->AddLine(ImVec2(x, bottom), ImVec2(x, bottom + 3), textColour);
    draw->AddText(ImVec2(at, bottom + 3), dim, spec.xTicks[k].c_str());
    nextLabelLeft = at;
  }

  const float slotWidth = slots ? (right - left) / static_cast<float>(slots) : 0;
  for (const auto& s : spec.series) {
    const Axis& axis = s.rightAxis ? rightAxis : leftAxis;
    std::optional<ImVec2> previous;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (!s.values[i]) {
        previous.reset();
        continue;
      }
      const float x = slotToX(i, slots, left, right);
      const float y = valueToY(axis, *s.values[i], top, bottom);
      const ImU32 colour = i < s.slotColours.size() ? s.slotColours[i] : s.colour;
      if (s.bars) {
        const float half = std::max(slotWidth * 0.35f, 0.5f);
        draw->AddRectFilled(ImVec2(x - half, y), ImVec2(x + half, bottom), colour);
      } else {
        if (previous) draw->AddLine(*previous, ImVec2(x, y), colour, s.slotColours.empty() ? 2.0f : 3.0f);
        if (slots <= 60) draw->AddCircleFilled(ImVec2(x, y), 2.5f, colour);
        previous = ImVec2(x, y);
      }
    }
  }
  if (spec.target) {
    const float y = valueToY(hasRight ? rightAxis : leftAxis, *spec.target, top, bottom);
    const ImU32 amber = IM_COL32(240, 180, 60, 255);
    for (float x = left; x < right; x += 10)
      draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + 6, right), y), amber, 1.5f);
    if (!spec.targetName.empty()) draw->AddText(ImVec2(left + 4, y - lineHeight), amber, spec.targetName.c_str());
  }
  if (spec.markSlot && slots) {
    const float x = slotToX(*spec.markSlot, slots, left, right);
    const ImU32 amber = IM_COL32(240, 180, 60, 255);
    for (float y = top; y < bottom; y += 10)
      draw->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + 6, bottom)), amber, 1.5f);
    if (!spec.markName.empty()) draw->AddText(ImVec2(x + 4, top), amber, spec.markName.c_str());
  }
  // The values under the pointer.
  if (hovered) {
    const std::size_t slot = xToSlot(ImGui::GetIO().MousePos.x, slots, left, right);
    if (slot < slots) {
      const float x = slotToX(slot, slots, left, right);
      draw->AddLine(ImVec2(x, top), ImVec2(x, bottom), dim);
      std::string tip = slot < spec.slotNames.size() ? spec.slotNames[slot] : std::to_string(slot + 1);
      for (const auto& s : spec.series) {
        tip += "\n" + s.name + ": ";
        tip += slot < s.values.size() && s.values[slot] ? number(*s.values[slot], s.unit) : "-";
      }
      if (spec.target) tip += "\n" + spec.targetName;
      ImGui::SetTooltip("%s", tip.c_str());
    }
  }
  ImGui::PopID();
}

}  // namespace frontline::views
