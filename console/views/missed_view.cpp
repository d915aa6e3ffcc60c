// Missed calls and callbacks; see missed_view.h.
#include "views/missed_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <ctime>

#include "views/clock_text.h"
#include "views/list_row.h"

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

// "2026-12-01" and "14:30" in the agent's time zone to microseconds UTC; 0 when either
// does not read as a date or a time.
std::int64_t localToUs(const std::string& date, const std::string& time) {
  std::tm t{};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  char extra = 0;
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &extra) != 3) return 0;
  if (std::sscanf(time.c_str(), "%2d:%2d%c", &h, &mi, &extra) != 2) return 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59) return 0;
  t.tm_year = y - 1900;
  t.tm_mon = mo - 1;
  t.tm_mday = d;
  t.tm_hour = h;
  t.tm_min = mi;
  t.tm_isdst = -1;
  const std::time_t seconds = std::mktime(&t);  // TZ is set from ui.time_zone at start
  return seconds < 0 ? 0 : static_cast<std::int64_t>(seconds) * 1'000'000;
}

}  // namespace

void MissedView::drawContent(ViewContext& ctx) {
  drawCallbacks(ctx);
  drawScheduleForm(ctx);  // above the list it was opened from, so it is in view
  drawMissed(ctx);
}

void MissedView::drawMissed(ViewContext& ctx) {
  const auto& missed = ctx.snapshot.missed;
  if (missed.empty()) {
    text(ctx, "No missed calls in the last 24 hours.");
    return;
  }
  textWrapped(ctx, plural(static_cast<std::int64_t>(missed.size()), "caller", "callers") +
                       " missed in the last 24 hours; press one to find them and schedule a callback");
  ImGuiListClipper clipper;  // two lines a caller, only the rows in view drawn
  clipper.Begin(static_cast<int>(missed.size()), listRowHeight());
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& m = missed[static_cast<std::size_t>(i)];
      ImGui::PushID(m.interactionId.c_str());
      ListRow row;
      row.first =
          (m.name.empty() ? m.address : m.name) + (m.tries > 1 ? "  (" + plural(m.tries, "try", "tries") + ")" : "");
      row.colour = ImGui::GetStyleColorVec4(ImGuiCol_Text);
      row.detail = elapsedText(ctx, m.lastUs) + " ago, " + why(m) + (m.name.empty() ? "" : "  " + m.address);
      row.selected = m.interactionId == m_selected;
      row.label = m.name.empty() ? m.address : m.name;
      if (drawListRow(ctx, "##missed", row) && m.address != "anonymous") {
        ctx.post(desk::LookUpCustomer{m.address});
        m_selected = m.interactionId;
        m_selectedWho = m.name.empty() ? m.address : m.name;
        // Suggest the next whole hour at least 30 minutes ahead.
        const std::time_t at = static_cast<std::time_t>((ctx.nowUs / 1'000'000 + 1800) / 3600 * 3600 + 3600);
        std::tm local{};
        localtime_r(&at, &local);
        char date[16], time[8];
        std::strftime(date, sizeof date, "%Y-%m-%d", &local);
        std::strftime(time, sizeof time, "%H:%M", &local);
        m_date = date;
        m_time = time;
        m_formError.clear();
      }
      ctx.dump.text("missed: " + row.first + " - " + row.detail);
      ImGui::PopID();
    }
  }
}

void MissedView::drawScheduleForm(ViewContext& ctx) {
  if (m_selected.empty()) return;
  textWrapped(ctx, "Call back " + m_selectedWho + " on");
  const float em = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(7 * em);
  ImGui::InputTextWithHint("##date", "YYYY-MM-DD", &m_date);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(4 * em);
  ImGui::InputTextWithHint("##time", "HH:MM", &m_time);
  ImGui::SameLine();
  ImGui::Checkbox("anyone", &m_forAnyone);
  tooltip("Unticked: the callback is yours. Ticked: it comes due for every agent, and the first to make it closes it.");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##callbacknote", "Why call back? (shown with the callback)", &m_note);
  if (button(ctx, "Schedule callback")) {
    const std::int64_t due = localToUs(m_date, m_time);
    if (due == 0) {
      m_formError = "Write the date as YYYY-MM-DD and the time as HH:MM (" + localDateTime(ctx.nowUs) + " is now).";
    } else {
      ctx.post(desk::ScheduleCallback{m_selected, due, m_note, m_forAnyone});
      m_selected.clear();
      m_note.clear();
      m_formError.clear();
    }
  }
  ImGui::SameLine();
  if (button(ctx, "Cancel##form")) m_selected.clear();
  if (!m_formError.empty()) textColored(ctx, 1.0f, 0.5f, 0.3f, m_formError);
  ImGui::Separator();
}

void MissedView::drawCallbacks(ViewContext& ctx) {
  const auto& callbacks = ctx.snapshot.callbacks;
  if (callbacks.empty()) return;
  text(ctx, plural(static_cast<std::int64_t>(callbacks.size()), "callback", "callbacks") + " to make:");
  for (const auto& c : callbacks) {
    ImGui::PushID(c.id.c_str());
    const bool due = c.dueUs <= ctx.nowUs;
    const std::string line = (c.name.empty() ? c.address : c.name) + ", " + (due ? "due " : "") +
                             remainingText(ctx, c.dueUs) + (c.assignee.empty() ? " (anyone)" : "") +
                             (c.note.empty() ? "" : ": " + c.note);
    if (due) {
      textColored(ctx, 1.0f, 0.8f, 0.25f, line);
    } else {
      textFitted(ctx, line);
    }
    tooltip(line + "\n" + c.address + ", due " + localDateTime(c.dueUs));
    ctx.dump.text("callback: " + line);
    if (ctx.dialError) {
      // The call settles the callback: made when the customer answers, not reached otherwise.
      if (smallButton(ctx, "Call")) ctx.post(desk::DialCall{c.address, c.customerId, c.id});
      const std::string why = ctx.dialError();
      tooltip(why.empty() ? "Call " + c.address + " now; the callback is settled by how the call goes"
                          : "Cannot call from here: " + why);
      ImGui::SameLine();
    }
    if (smallButton(ctx, "Called")) ctx.post(desk::CompleteCallback{c.id, "called"});
    ImGui::SameLine();
    if (smallButton(ctx, "Not reached")) ctx.post(desk::CompleteCallback{c.id, "not_reached"});
    ImGui::SameLine();
    if (smallButton(ctx, "Cancel")) ctx.post(desk::CompleteCallback{c.id, "cancelled"});
    ImGui::PopID();
  }
  ImGui::Separator();
}

}  // namespace frontline::views
