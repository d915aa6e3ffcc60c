// The contact pop; see contact_view.h.
#include "views/contact_view.h"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <cstdio>

#include "desk/format.h"

namespace frontline::views {
namespace {

bool inHand(const desk::DeskSnapshot& s) {
  return s.agent.state == desk::AgentState::OnContact || s.agent.state == desk::AgentState::WrapUp;
}

std::string attachmentsLine(const std::string& json) {
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array() || parsed.empty()) return {};
  std::string line = "Attachments:";
  for (const auto& a : parsed) {
    if (!a.is_object()) continue;
    line += " " + a.value("name", std::string("(unnamed)")) + " (" +
            std::to_string(a.value("size", std::int64_t{0}) / 1024) + " KiB)";
  }
  return line;
}

}  // namespace

void ContactView::placeFirstTime() const {
  ImGui::SetNextWindowPos(ImVec2(440, 80), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(950, 740), ImGuiCond_FirstUseEver);
}

void ContactView::resetFor(const desk::ContactPop& pop) {
  m_for = pop.interactionId;
  m_note.fill('\0');
  pop.note.copy(m_note.data(), m_note.size() - 1);
  m_noteSaved = pop.note;
  m_disposition = -1;
  m_reply.fill('\0');
  m_complaintSummary.fill('\0');
  m_newCustomerName.fill('\0');
  pop.callerName.copy(m_newCustomerName.data(), m_newCustomerName.size() - 1);
  m_expected = m_perceived = 3;
}

void ContactView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  if (!s.pop) {
    text(ctx, "No contact in hand. A ringing call pops here; F2 answers it, or takes the next email from the queue.");
    m_disposition = -1;
    return;
  }
  const auto& pop = *s.pop;
  ctx.tickEverySecond();  // ringing, talk and wrap-up clocks
  if (m_for != pop.interactionId) {
    resetFor(pop);
    m_focusNote = pop.channel == "voice" && pop.status == "connected";
    m_focusReply = pop.channel == "email" && pop.status == "connected";
  }
  const std::string who = pop.view ? pop.view->profile.displayName
                          : pop.callerName.empty()
                              ? std::string(pop.channel == "email" ? "Unknown sender" : "Unknown caller")
                              : pop.callerName + " (unknown)";
  drawHeader(ctx, pop, who);

  const bool handling = inHand(s) && pop.status != "ringing";
  ImGui::BeginChild("contact", ImVec2(ImGui::GetContentRegionAvail().x * 0.42f, 0), false);
  if (pop.channel == "email") {
    drawEmail(ctx, pop);
  } else {
    drawCallActions(ctx, pop);
  }
  if (s.agent.state == desk::AgentState::WrapUp) drawWrapUp(ctx, pop);
  drawNotes(ctx, pop);
  if (handling) {
    if (!pop.view) drawUnknown(ctx, pop);
    drawComplaintForm(ctx);
    drawSatisfaction(ctx, pop);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("customer", ImVec2(0, 0), false);
  if (pop.view) {
    m_card.draw(ctx, *pop.view, handling);
  } else {
    text(ctx, (pop.channel == "email" ? "Unknown sender " : "Unknown caller ") + pop.callerAddress +
                  ": no customer has this address.");
    textWrapped(ctx,
                "Ctrl+F finds a customer by name, phone, email or order number; link the contact from the "
                "results, or create a new customer on the left.");
  }
  ImGui::EndChild();
}

void ContactView::drawHeader(ViewContext& ctx, const desk::ContactPop& pop, const std::string& who) {
  const std::string kind = pop.channel == "email" ? "EMAIL" : "CALL";
  if (pop.status == "ringing") {
    // Impossible to miss: red, blinking once a second, with the waiting time.
    const bool bright = (ctx.nowUs / 500'000) % 2 == 0;
    ctx.tickAt(ctx.nowUs - ctx.nowUs % 500'000 + 500'000);
    textColored(
        ctx, 1.0f, bright ? 0.25f : 0.55f, bright ? 0.2f : 0.5f,
        "RINGING  " + who + "  " + pop.callerAddress + "  waiting " + desk::formatDuration(ctx.nowUs - pop.offeredUs));
  } else if (pop.status == "connected" || pop.status == "held") {
    const std::string label = pop.channel == "email" ? "EMAIL OPEN" : pop.status == "held" ? "ON HOLD" : "ON CALL";
    textColored(ctx, 0.35f, 0.85f, 0.45f,
                label + "  " + who + "  " + pop.callerAddress + "  " + (pop.channel == "email" ? "open " : "talk ") +
                    desk::formatDuration(ctx.nowUs - pop.answeredUs.value_or(ctx.nowUs)));
  } else {
    const std::string ended = pop.outcome == "answered" ? kind + " ENDED" : kind + " " + pop.outcome;
    textColored(ctx, 0.95f, 0.75f, 0.25f, ended + "  " + who + "  " + pop.callerAddress);
  }
  // Resolution times so far: wait, talk (an email's time to reply), after-contact work, handle time.
  std::optional<std::int64_t> wait, talk, acw;
  if (pop.answeredUs) wait = *pop.answeredUs - pop.offeredUs;
  if (pop.answeredUs) talk = pop.endedUs.value_or(ctx.nowUs) - *pop.answeredUs;
  if (pop.endedUs && pop.outcome == "answered" && pop.status != "wrapped") acw = ctx.nowUs - *pop.endedUs;
  std::optional<std::int64_t> handle;
  if (talk) handle = *talk + acw.value_or(0);
  std::string times = "wait " + desk::formatDuration(wait) + "   " + (pop.channel == "email" ? "to reply " : "talk ") +
                      desk::formatDuration(talk) + "   wrap-up " + desk::formatDuration(acw) + "   handle " +
                      desk::formatDuration(handle);
  if (pop.channel == "email" && !pop.endedUs) {
    times += "   first response due " + desk::formatDateTime(pop.responseDueUs);
    if (pop.responseDueUs < ctx.nowUs) times += " (breached)";
  }
  text(ctx, times);
  ImGui::Separator();
}

void ContactView::drawCallActions(ViewContext& ctx, const desk::ContactPop& pop) {
  if (pop.status == "ringing") {
    if (ImGui::Button("Answer (F2)") || ctx.keys.answer) {
      ctx.post(desk::AnswerCall{pop.interactionId});
      m_focusNote = true;  // answered: the agent types the note next
    }
    ImGui::SameLine();
    if (ImGui::Button("Decline")) ctx.post(desk::DeclineCall{pop.interactionId});
  } else if (pop.status == "connected" || pop.status == "held") {
    if (ImGui::Button("Hang up (F3)") || ctx.keys.hangUp) ctx.post(desk::HangUpCall{pop.interactionId});
    ImGui::SameLine();
    const bool held = pop.status == "held";
    if (ImGui::Button(held ? "Resume (F4)" : "Hold (F4)") || ctx.keys.hold) {
      ctx.post(desk::HoldCall{pop.interactionId, !held});
    }
  }
}

void ContactView::drawEmail(ViewContext& ctx, const desk::ContactPop& pop) {
  textWrapped(ctx, "Subject: " + pop.subject);
  ImGui::BeginChild("thread", ImVec2(0, pop.status == "connected" ? 220 : 300), true);
  for (const auto& m : pop.thread) {
    const bool ours = m.direction == "out";
    textColored(ctx, ours ? 0.55f : 0.6f, ours ? 0.8f : 0.75f, ours ? 0.6f : 1.0f,
                (ours ? "Reply from " : "From ") +
                    (m.fromName.empty() ? m.fromAddress : m.fromName + " <" + m.fromAddress + ">") + "  " +
                    desk::formatDateTime(m.receivedUs));
    textWrapped(ctx, m.bodyText);
    const std::string attachments = attachmentsLine(m.attachmentsJson);
    if (!attachments.empty()) text(ctx, attachments);
    ImGui::Separator();
  }
  ImGui::EndChild();
  if (pop.status != "connected") return;
  ImGui::TextUnformatted("Reply (Ctrl+R sends it)");
  if (m_focusReply) {
    ImGui::SetKeyboardFocusHere();
    ctx.tickAt(ctx.nowUs);  // the focus lands in the next frame: draw it now, before the agent types
    m_focusReply = false;
  }
  ImGui::InputTextMultiline("##reply", m_reply.data(), m_reply.size(), ImVec2(-1, 110));
  if (ctx.keys.reply && ImGui::IsItemActive()) ImGui::SetWindowFocus(nullptr);  // see drawNotes
  if (ImGui::Button("Send reply (Ctrl+R)") || ctx.keys.reply) {
    if (m_reply[0] != '\0') ctx.post(desk::SendReply{pop.interactionId, m_reply.data()});
  }
  ImGui::SameLine();
  if (ImGui::Button("Close without reply")) ctx.post(desk::CloseEmail{pop.interactionId});
}

void ContactView::drawWrapUp(ViewContext& ctx, const desk::ContactPop& pop) {
  const auto& s = ctx.snapshot;
  if (s.dispositions.empty()) return;
  if (ctx.keys.digit > 0 && ctx.keys.digit <= static_cast<int>(s.dispositions.size()))
    m_disposition = ctx.keys.digit - 1;
  std::string numbered = "Disposition (press its number):";
  for (std::size_t i = 0; i < s.dispositions.size() && i < 9; ++i) {
    numbered += "  " + std::to_string(i + 1) + " " + s.dispositions[i].label;
  }
  textWrapped(ctx, numbered);
  choose("##disposition", labelsOf(s.dispositions), m_disposition, 220, "Choose a disposition");
  const bool chosen = m_disposition >= 0 && m_disposition < static_cast<int>(s.dispositions.size());
  if (chosen) ctx.dump.text("Disposition chosen: " + s.dispositions[static_cast<std::size_t>(m_disposition)].label);
  ImGui::BeginDisabled(!chosen);
  if ((ImGui::Button("Finish wrap-up (Ctrl+Enter)") || ctx.keys.finishWrapUp) && chosen) {
    if (m_noteSaved != m_note.data()) ctx.post(desk::SaveNote{pop.interactionId, m_note.data()});  // first
    ctx.post(desk::FinishWrapUp{s.dispositions[static_cast<std::size_t>(m_disposition)].code});
    m_disposition = -1;
  }
  ImGui::EndDisabled();
}

void ContactView::drawNotes(ViewContext& ctx, const desk::ContactPop& pop) {
  if (pop.status == "wrapped") return;
  ImGui::TextUnformatted("Notes (saved as you type; Ctrl+Enter leaves the field)");
  // Focus goes to the note in the very frame F2 is pressed (the field is already on screen
  // while the call rings), so that nothing the agent types right after F2 is lost.
  if (m_focusNote) {
    ImGui::SetKeyboardFocusHere();
    ctx.tickAt(ctx.nowUs);  // see drawEmail
    m_focusNote = false;
  }
  if (ImGui::InputTextMultiline("##note", m_note.data(), m_note.size(), ImVec2(-1, 70))) m_noteEditedUs = ctx.nowUs;
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

void ContactView::drawComplaintForm(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  if (s.complaintCategories.empty() || s.slaPolicies.empty()) return;
  ImGui::Separator();
  ImGui::TextUnformatted("Open a complaint");
  m_category = std::clamp(m_category, 0, static_cast<int>(s.complaintCategories.size()) - 1);
  m_priority = std::clamp(m_priority, 0, static_cast<int>(s.slaPolicies.size()) - 1);
  choose("##category", labelsOf(s.complaintCategories), m_category, 140);
  ImGui::SameLine();
  std::vector<std::string> priorities;
  for (const auto& p : s.slaPolicies) priorities.push_back(p.priority);
  choose("##priority", priorities, m_priority, 100);
  const auto& policy = s.slaPolicies[static_cast<std::size_t>(m_priority)];
  text(ctx, "SLA " + policy.priority + ": respond in " + desk::formatDuration(policy.firstResponseUs) +
                ", resolve in " + desk::formatDuration(policy.resolutionUs));
  ImGui::SetNextItemWidth(-120);
  ImGui::InputTextWithHint("##summary", "What is the complaint about?", m_complaintSummary.data(),
                           m_complaintSummary.size());
  ImGui::SameLine();
  if (ImGui::Button("Open complaint") && m_complaintSummary[0] != '\0') {
    ctx.post(desk::OpenComplaint{s.complaintCategories[static_cast<std::size_t>(m_category)].code, policy.priority,
                                 m_complaintSummary.data()});
    m_complaintSummary.fill('\0');
  }
}

void ContactView::drawSatisfaction(ViewContext& ctx, const desk::ContactPop& pop) {
  ImGui::Separator();
  ImGui::TextUnformatted("Satisfaction: expectation a and perception b (1-5), C = b / a");
  ImGui::SetNextItemWidth(120);
  ImGui::SliderInt("a", &m_expected, 1, 5);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  ImGui::SliderInt("b", &m_perceived, 1, 5);
  ImGui::SameLine();
  if (ImGui::Button("Record")) ctx.post(desk::RecordSatisfaction{m_expected, m_perceived});
  if (pop.satisfactionExpected && pop.satisfactionPerceived && *pop.satisfactionExpected > 0) {
    char c[64];
    std::snprintf(c, sizeof c, "Recorded: a = %lld, b = %lld, C = %.2f",
                  static_cast<long long>(*pop.satisfactionExpected), static_cast<long long>(*pop.satisfactionPerceived),
                  static_cast<double>(*pop.satisfactionPerceived) / static_cast<double>(*pop.satisfactionExpected));
    text(ctx, c);
  }
}

void ContactView::drawUnknown(ViewContext& ctx, const desk::ContactPop& pop) {
  ImGui::Separator();
  text(ctx, "New customer with " + pop.callerAddress);
  ImGui::SetNextItemWidth(-150);
  ImGui::InputTextWithHint("##newname", "Customer's name", m_newCustomerName.data(), m_newCustomerName.size());
  ImGui::SameLine();
  if (ImGui::Button("Create customer") && m_newCustomerName[0] != '\0') {
    ctx.post(desk::CreateCustomer{pop.interactionId, m_newCustomerName.data()});
  }
}

}  // namespace frontline::views
