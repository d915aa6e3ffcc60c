// The contact queue; see queue_view.h.
#include "views/queue_view.h"

#include <imgui.h>

#include "views/clock_text.h"

namespace frontline::views {
namespace {

// Badge colours per quadrant: true friends gold, butterflies blue, barnacles grey, strangers dim.
ImVec4 badgeColour(const std::string& quadrant) {
  if (quadrant == "True friend") return {0.95f, 0.80f, 0.30f, 1.0f};
  if (quadrant == "Butterfly") return {0.45f, 0.70f, 1.00f, 1.0f};
  if (quadrant == "Barnacle") return {0.70f, 0.70f, 0.70f, 1.0f};
  return {0.55f, 0.55f, 0.55f, 1.0f};
}

constexpr const char* kPhoneIcon = "\xe2\x98\x8e";  // U+260E BLACK TELEPHONE
constexpr const char* kMailIcon = "\xe2\x9c\x89";   // U+2709 ENVELOPE

}  // namespace

void QueueView::drawRow(ViewContext& ctx, const desk::QueuedContact& q, bool available) {
  ImGui::PushID(q.interactionId.c_str());
  const bool email = q.channel == "email";
  const float lineHeight = ImGui::GetTextLineHeightWithSpacing();
  // Two lines a contact: icon, who and the value badge; then what and the clocks.
  const std::string who = q.known ? q.name : (q.name.empty() ? q.address : q.name + " " + q.address);
  std::string detail = "waiting " + elapsedText(ctx, q.offeredUs);
  if (email) {
    detail += ", reply " + std::string(q.dueUs >= ctx.nowUs ? "due " : "") + remainingText(ctx, q.dueUs);
    detail += "  \"" + q.subject + "\"";
  } else {
    detail = "ringing, " + detail + "  " + (q.known ? q.address : std::string("unknown caller"));
  }
  const ImVec4 colour = !email                ? ImVec4(1.0f, 0.35f, 0.3f, 1.0f)
                        : q.dueUs < ctx.nowUs ? ImVec4(1.0f, 0.6f, 0.3f, 1.0f)
                                              : ImGui::GetStyleColorVec4(ImGuiCol_Text);
  // Taken on the press, by the row's own id: a row that slides in under the pointer
  // between press and release is never the one taken.
  ImGui::Selectable("##row", false, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(0, 2 * lineHeight));
  if (ImGui::IsItemActivated() && available) {
    ctx.post(email ? desk::Command(desk::TakeEmail{q.interactionId})
                   : desk::Command(desk::AnswerCall{q.interactionId}));
  }
  tooltip(who + "\n" + detail);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2 * lineHeight - ImGui::GetStyle().ItemSpacing.y);
  ImGui::TextColored(colour, "%s %s", email ? kMailIcon : kPhoneIcon, who.c_str());
  if (!q.quadrant.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(badgeColour(q.quadrant), "[%s]", q.quadrant.c_str());
  }
  ImGui::Indent();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(detail.c_str());
  ImGui::PopStyleColor();
  ImGui::Unindent();
  ctx.dump.text(std::string("queue: ") + (email ? "email " : "call ") + who +
                (q.quadrant.empty() ? "" : " [" + q.quadrant + "]") + " - " + detail);
  ImGui::PopID();
}

void QueueView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  std::size_t calls = 0;
  for (const auto& q : s.queue) calls += q.channel != "email";
  text(ctx, std::to_string(calls) + " ringing, " +
                plural(static_cast<std::int64_t>(s.queue.size() - calls), "email", "emails") + " waiting");
  if (s.queue.empty()) return;
  const bool available = s.agent.state == desk::AgentState::Available;
  if (!available) textWrapped(ctx, "Calls and emails are offered when you are available.");
  ImGui::Separator();
  // Clipped: a queue of thousands of emails draws (and ticks) only the rows in view.
  const float lineHeight = ImGui::GetTextLineHeightWithSpacing();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(s.queue.size()), 2 * lineHeight + ImGui::GetStyle().ItemSpacing.y);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
      drawRow(ctx, s.queue[static_cast<std::size_t>(row)], available);
  }
}

}  // namespace frontline::views
