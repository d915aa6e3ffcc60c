// The contact queue; see queue_view.h.
#include "views/queue_view.h"

#include <imgui.h>

#include "views/clock_text.h"
#include "views/list_row.h"

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
  const bool email = q.channel == desk::Channel::Email;
  // Two lines a contact: icon, who and the value badge; then what and the clocks.
  const std::string who = q.known ? q.name : (q.name.empty() ? q.address : q.name + " " + q.address);
  std::string detail = "waiting " + elapsedText(ctx, q.offeredUs);
  if (email) {
    detail += ", reply " + std::string(q.dueUs >= ctx.nowUs ? "due " : "") + remainingText(ctx, q.dueUs);
    detail += "  \"" + q.subject + "\"";
  } else {
    detail = "ringing, " + detail + "  " + (q.known ? q.address : std::string("unknown caller"));
  }
  ListRow row;
  row.first = std::string(email ? kMailIcon : kPhoneIcon) + " " + who;
  row.colour = !email                ? ImVec4(1.0f, 0.35f, 0.3f, 1.0f)
               : q.dueUs < ctx.nowUs ? ImVec4(1.0f, 0.6f, 0.3f, 1.0f)
                                     : ImGui::GetStyleColorVec4(ImGuiCol_Text);
  if (!q.quadrant.empty()) {
    row.badge = "[" + q.quadrant + "]";
    row.badgeColour = badgeColour(q.quadrant);
  }
  row.detail = detail;
  if (drawListRow(ctx, "##row", row) && available) {
    ctx.post(email ? desk::Command(desk::TakeEmail{q.interactionId})
                   : desk::Command(desk::AnswerCall{q.interactionId}));
  }
  ctx.dump.text(std::string("queue: ") + (email ? "email " : "call ") + who +
                (q.quadrant.empty() ? "" : " [" + q.quadrant + "]") + " - " + detail);
  ImGui::PopID();
}

// A callback that has come due: blinking amber until the agent makes it. A press finds
// the customer (the card shows who to call and why); Called / Not reached in Missed calls.
void QueueView::drawCallback(ViewContext& ctx, const store::CallbackRow& c) {
  ImGui::PushID(c.id.c_str());
  const bool bright = (ctx.nowUs / 500'000) % 2 == 0;
  ctx.tickAt(ctx.nowUs - ctx.nowUs % 500'000 + 500'000);
  ListRow row;
  row.first = std::string(kPhoneIcon) + " Call back " + (c.name.empty() ? c.address : c.name);
  row.colour = bright ? ImVec4(1.0f, 0.8f, 0.25f, 1.0f) : ImVec4(0.75f, 0.6f, 0.3f, 1.0f);
  row.badge = c.assignee.empty() ? "[anyone]" : "";
  row.badgeColour = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
  row.detail = "due " + remainingText(ctx, c.dueUs) + "  " + c.address + (c.note.empty() ? "" : "  \"" + c.note + "\"");
  if (drawListRow(ctx, "##callback", row)) ctx.post(desk::LookUpCustomer{c.address});
  ctx.dump.text("queue: callback " + (c.name.empty() ? c.address : c.name) + " - " + row.detail);
  ImGui::PopID();
}

void QueueView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  std::size_t calls = 0;
  for (const auto& q : s.queue) calls += q.channel != desk::Channel::Email;
  // Callbacks come due by the clock: the next one to come due wakes the window.
  std::vector<const store::CallbackRow*> due;
  for (const auto& c : s.callbacks) {
    if (c.dueUs <= ctx.nowUs) {
      due.push_back(&c);
    } else {
      ctx.tickAt(c.dueUs);
      break;  // soonest first
    }
  }
  textWrapped(
      ctx,
      std::to_string(calls) + " ringing, " +
          plural(static_cast<std::int64_t>(s.queue.size() - calls), "email", "emails") + " waiting" +
          (due.empty() ? "" : ", " + plural(static_cast<std::int64_t>(due.size()), "callback", "callbacks") + " due"));
  for (const auto* c : due) drawCallback(ctx, *c);
  if (s.queue.empty()) return;
  const bool available = s.agent.state == desk::AgentState::Available;
  if (!available) textWrapped(ctx, "Calls and emails are offered when you are available.");
  ImGui::Separator();
  // Clipped: a queue of thousands of emails draws (and ticks) only the rows in view.
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(s.queue.size()), listRowHeight());
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
      drawRow(ctx, s.queue[static_cast<std::size_t>(row)], available);
  }
}

}  // namespace frontline::views
