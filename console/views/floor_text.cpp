// Supervisor text helpers; see floor_text.h.
#include "views/floor_text.h"

#include <imgui.h>

#include "desk/format.h"

namespace frontline::views {

std::string stateLabel(const std::string& state) {
  if (state == "available") return "Available";
  if (state == "not_ready") return "Not ready";
  if (state == "on_contact") return "On contact";
  if (state == "wrap_up") return "Wrap-up";
  if (state == "logged_out") return "Logged out";
  return state;
}

std::string percentText(const std::optional<double>& fraction) {
  return fraction ? desk::formatPercent(*fraction) : "-";
}

std::string secondsText(const std::optional<double>& seconds) {
  if (!seconds) return "-";
  return desk::formatDuration(static_cast<std::int64_t>(*seconds * 1e6));
}

std::string durationText(const std::optional<std::int64_t>& us) {
  return us ? desk::formatDuration(*us) : "-";
}

std::string percentileText(const std::optional<std::int64_t>& us) {
  return us ? desk::formatDuration(*us) : "n < 5";
}

std::string channelIcon(const std::string& channel) {
  return channel == "email" ? "\xe2\x9c\x89" : "\xe2\x98\x8e";  // U+2709 envelope, U+260E telephone
}

void pushTone(floor::Tone tone) {
  if (tone == floor::Tone::Amber) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.70f, 0.20f, 1.0f));
  if (tone == floor::Tone::Red) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.35f, 0.30f, 1.0f));
}

void popTone(floor::Tone tone) {
  if (tone != floor::Tone::Normal) ImGui::PopStyleColor();
}

const floor::FloorAgent* findAgent(const floor::FloorSnapshot& s, const std::string& id) {
  for (const auto& a : s.agents)
    if (a.id == id) return &a;
  return nullptr;
}

std::string agentName(const floor::FloorSnapshot& s, const std::string& id) {
  if (id.empty()) return "nobody";
  const auto* a = findAgent(s, id);
  return a ? a->name : id;
}

}  // namespace frontline::views
