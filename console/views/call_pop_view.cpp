#include "views/call_pop_view.h"

#include <imgui.h>

#include "desk/format.h"
#include "views/customer_card.h"

namespace frontline::views {

void CallPopView::placeFirstTime() const {
  ImGui::SetNextWindowPos(ImVec2(440, 80), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(950, 720), ImGuiCond_FirstUseEver);
}

void CallPopView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  if (!s.pop) {
    text(ctx, "No call. The next call pops here; F2 answers it.");
    m_disposition = -1;
    return;
  }
  const auto& pop = *s.pop;
  ctx.tickEverySecond();                 // ringing, talk and wrap-up clocks
  if (m_noteFor != pop.interactionId) {  // a new contact: its own note
    m_noteFor = pop.interactionId;
    m_note.fill('\0');
    pop.note.copy(m_note.data(), m_note.size() - 1);
    m_noteSaved = pop.note;
    m_disposition = -1;
  }
  const std::string who = pop.view ? pop.view->profile.displayName
                                   : (pop.callerName.empty() ? "Unknown caller" : pop.callerName + " (unknown)");
  const bool wrapUp = s.agent.state == desk::AgentState::WrapUp;
  if (pop.status == "ringing") {
    textColored(
        ctx, 1.0f, 0.35f, 0.3f,
        "RINGING  " + who + "  " + pop.callerAddress + "  waiting " + desk::formatDuration(ctx.nowUs - pop.offeredUs));
    if (ImGui::Button("Answer (F2)") || ctx.keys.answer) {
      ctx.post(desk::AnswerCall{pop.interactionId});
      m_focusNote = true;  // answered: the agent types the note next
    }
    ImGui::SameLine();
    if (ImGui::Button("Decline")) ctx.post(desk::DeclineCall{pop.interactionId});
  } else if (pop.status == "connected" || pop.status == "held") {
    textColored(ctx, 0.35f, 0.85f, 0.45f,
                "ON CALL  " + who + "  " + pop.callerAddress + "  talk " +
                    desk::formatDuration(ctx.nowUs - pop.answeredUs.value_or(ctx.nowUs)));
    if (ImGui::Button("Hang up (F3)") || ctx.keys.hangUp) ctx.post(desk::HangUpCall{pop.interactionId});
  } else {
    const std::string ended = pop.outcome == "answered" ? "CALL ENDED" : "CALL " + pop.outcome;
    textColored(ctx, 0.95f, 0.75f, 0.25f,
                ended + "  " + who + "  " + pop.callerAddress +
                    (wrapUp && pop.endedUs ? "  wrap-up " + desk::formatDuration(ctx.nowUs - *pop.endedUs) : ""));
  }
  if (wrapUp && !s.dispositions.empty()) {
    if (ctx.keys.digit > 0 && ctx.keys.digit <= static_cast<int>(s.dispositions.size())) {
      m_disposition = ctx.keys.digit - 1;
    }
    std::string numbered = "Disposition (press its number):";
    for (std::size_t i = 0; i < s.dispositions.size() && i < 9; ++i) {
      numbered += "  " + std::to_string(i + 1) + " " + s.dispositions[i].label;
    }
    textWrapped(ctx, numbered);
    ImGui::SetNextItemWidth(260);
    const char* preview = m_disposition >= 0 && m_disposition < static_cast<int>(s.dispositions.size())
                              ? s.dispositions[static_cast<std::size_t>(m_disposition)].label.c_str()
                              : "Choose a disposition";
    if (ImGui::BeginCombo("Disposition", preview)) {
      for (std::size_t i = 0; i < s.dispositions.size(); ++i) {
        if (ImGui::Selectable(s.dispositions[i].label.c_str(), static_cast<int>(i) == m_disposition)) {
          m_disposition = static_cast<int>(i);
        }
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    const bool chosen = m_disposition >= 0 && m_disposition < static_cast<int>(s.dispositions.size());
    ImGui::BeginDisabled(!chosen);
    if ((ImGui::Button("Finish wrap-up (Ctrl+Enter)") || ctx.keys.finishWrapUp) && chosen) {
      if (m_noteSaved != m_note.data()) ctx.post(desk::SaveNote{pop.interactionId, m_note.data()});  // first
      ctx.post(desk::FinishWrapUp{s.dispositions[static_cast<std::size_t>(m_disposition)].code});
      m_disposition = -1;
    }
    ImGui::EndDisabled();
  }
  drawNotes(ctx, pop);
  ImGui::Separator();
  if (pop.view) {
    drawCustomerCard(ctx, *pop.view);
  } else {
    text(ctx, "Unknown caller " + pop.callerAddress + ": no customer has this number.");
  }
}

void CallPopView::drawNotes(ViewContext& ctx, const desk::CallPop& pop) {
  if (pop.status == "wrapped") return;
  ImGui::TextUnformatted("Notes (saved as you type; Ctrl+Enter leaves the field)");
  if (m_focusNote && pop.status == "connected") {
    ImGui::SetKeyboardFocusHere();
    m_focusNote = false;
  }
  if (ImGui::InputTextMultiline("##note", m_note.data(), m_note.size(), ImVec2(-1, 70))) {
    m_noteEditedUs = ctx.nowUs;
  }
  // Ctrl+Enter leaves the note. ImGui 1.86 may miss a key pressed and released between two
  // frames, so the field is released here from the shortcut the app captured; the text
  // typed so far stays in the buffer.
  if (ctx.keys.finishWrapUp && ImGui::IsItemActive()) ImGui::SetWindowFocus(nullptr);
  const std::string current = m_note.data();
  if (current != m_noteSaved && ctx.nowUs - m_noteEditedUs >= 1'000'000) {
    ctx.post(desk::SaveNote{pop.interactionId, current});
    m_noteSaved = current;
  }
  if (!current.empty()) ctx.dump.text("Note: " + current);
}

}  // namespace frontline::views
