// View base: Begin/End ownership and recorded text; see view.h.
#include "views/view.h"

#include <imgui.h>

namespace frontline::views {

void View::draw(ViewContext& ctx) {
  if (!m_visible) return;
  placeFirstTime();
  // End() must be called whatever Begin() returned (collapsed windows included).
  if (ImGui::Begin(m_title.c_str(), &m_visible, windowFlags())) {
    const ImVec2 pos = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    ctx.dump.beginWindow(m_title, static_cast<int>(pos.x), static_cast<int>(pos.y), static_cast<int>(size.x),
                         static_cast<int>(size.y));
    drawContent(ctx);
  }
  ImGui::End();
}

void View::drawRegion(ViewContext& ctx, float width, float height) {
  ImGui::BeginChild(m_title.c_str(), ImVec2(width, height), true, windowFlags() | ImGuiWindowFlags_NoSavedSettings);
  const ImVec2 pos = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  ctx.dump.beginWindow(m_title, static_cast<int>(pos.x), static_cast<int>(pos.y), static_cast<int>(size.x),
                       static_cast<int>(size.y));
  if (titled()) ImGui::TextDisabled("%s", m_title.c_str());
  drawContent(ctx);
  ImGui::EndChild();
}

void View::textFitted(ViewContext& ctx, std::string_view line) {
  const float room = ImGui::GetContentRegionAvail().x;
  const float width = ImGui::CalcTextSize(line.data(), line.data() + line.size()).x;
  ImGui::TextUnformatted(line.data(), line.data() + line.size());
  ctx.dump.text(line);
  if (width > room && ImGui::IsItemHovered()) tooltip(line);
}

namespace {
void recordButton(ViewContext& ctx, const char* label) {
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  ctx.dump.button(label, static_cast<int>(a.x), static_cast<int>(a.y), static_cast<int>(b.x - a.x),
                  static_cast<int>(b.y - a.y));
}
}  // namespace

bool View::button(ViewContext& ctx, const char* label) {
  const bool pressed = ImGui::Button(label);
  recordButton(ctx, label);
  return pressed;
}

void View::sameLineIfFits(float width) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
}

float View::buttonWidth(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

bool View::smallButton(ViewContext& ctx, const char* label) {
  const bool pressed = ImGui::SmallButton(label);
  recordButton(ctx, label);
  return pressed;
}

void View::tooltip(std::string_view text) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void View::text(ViewContext& ctx, std::string_view line) {
  ImGui::TextUnformatted(line.data(), line.data() + line.size());
  ctx.dump.text(line);
}

void View::textWrapped(ViewContext& ctx, std::string_view line) {
  ImGui::PushTextWrapPos(0.0f);
  text(ctx, line);
  ImGui::PopTextWrapPos();
}

void View::textColored(ViewContext& ctx, float r, float g, float b, std::string_view line) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(r, g, b, 1.0f));
  text(ctx, line);
  ImGui::PopStyleColor();
}

bool View::choose(const char* id, const std::vector<std::string>& labels, int& index, float width,
                  const char* placeholder) {
  const bool valid = index >= 0 && index < static_cast<int>(labels.size());
  ImGui::SetNextItemWidth(width);
  bool picked = false;
  if (ImGui::BeginCombo(id, valid ? labels[static_cast<std::size_t>(index)].c_str() : placeholder)) {
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (ImGui::Selectable(labels[i].c_str(), static_cast<int>(i) == index)) {
        index = static_cast<int>(i);
        picked = true;
      }
    }
    ImGui::EndCombo();
  }
  return picked;
}

std::string View::labelOf(const std::vector<desk::Code>& codes, const std::string& code) {
  for (const auto& c : codes) {
    if (c.code == code) return c.label;
  }
  return code;
}

std::vector<std::string> View::labelsOf(const std::vector<desk::Code>& codes) {
  std::vector<std::string> labels;
  labels.reserve(codes.size());
  for (const auto& c : codes) labels.push_back(c.label);
  return labels;
}

void View::field(ViewContext& ctx, std::string_view label, std::string_view value) {
  std::string line;
  line.reserve(label.size() + value.size() + 2);
  line.append(label).append(": ").append(value);
  text(ctx, line);
}

}  // namespace frontline::views
