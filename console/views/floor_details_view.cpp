// The supervisor's drill-down and actions; see floor_details_view.h.
#include "views/floor_details_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

#include "views/clock_text.h"

namespace frontline::views {

void FloorDetailsView::drawContent(ViewContext& ctx) {
  if (!ctx.floor) return;
  const auto& s = *ctx.floor;
  if (!(m_drawn == m_selection)) {
    m_drawn = m_selection;
    m_reason.clear();
    m_escalation.clear();
    m_toAgent = -1;
    m_priority = -1;
  }
  if (!ctx.snapshot.lastError.empty()) textColored(ctx, 0.95f, 0.35f, 0.30f, "Not done: " + ctx.snapshot.lastError);
  switch (m_selection.kind) {
    case FloorSelection::Kind::None:
      textWrapped(ctx,
                  "Select an agent, a queue, a complaint or a customer: its contacts and what you can do "
                  "about it show here.");
      return;
    case FloorSelection::Kind::Agent:
      if (const auto* a = findAgent(s, m_selection.id)) drawAgent(ctx, *a);
      return;
    case FloorSelection::Kind::Queue:
      drawQueue(ctx);
      return;
    case FloorSelection::Kind::Complaint:
      for (const auto& c : s.openComplaints) {
        if (c.id == m_selection.id) {
          drawComplaint(ctx, c);
          return;
        }
      }
      text(ctx, "This complaint is resolved.");
      return;
    case FloorSelection::Kind::Customer:
      if (ctx.snapshot.lookup && ctx.snapshot.lookup->view &&
          ctx.snapshot.lookup->view->profile.id == m_selection.customerId) {
        m_card.draw(ctx, *ctx.snapshot.lookup->view, false);
      } else {
        text(ctx, "Opening the customer...");
      }
      return;
  }
}

void FloorDetailsView::drawAgent(ViewContext& ctx, const floor::FloorAgent& a) {
  text(ctx, a.name + " (" + a.id + ")" + (a.team.empty() ? "" : ", team " + a.team));
  pushTone(a.tone);
  text(ctx, stateLabel(a.state) + (a.reason.empty() ? "" : " (" + a.reason + ")") + " for " +
                (a.sinceUs ? elapsedText(ctx, a.sinceUs) : std::string("-")));
  popTone(a.tone);
  if (a.contact) {
    text(ctx, "In hand: " + channelIcon(a.contact->channel) + " " + a.contact->customer + " for " +
                  elapsedText(ctx, a.contact->sinceUs));
    if (!a.contact->qualityGrade.empty()) {
      char mos[48] = "";
      if (a.contact->mos) std::snprintf(mos, sizeof mos, "MOS %.1f, ", *a.contact->mos);
      text(ctx, "The call sounds " + a.contact->qualityGrade + " (" + mos + "README \"Call quality\")");
    }
    if (ctx.openReplay && smallButton(ctx, "Replay it so far")) ctx.openReplay(a.contact->interactionId);
  }
  text(ctx, "Today: " + plural(a.handledToday, "contact", "contacts") + " handled, AHT " +
                secondsText(a.ahtSecondsToday) + ", occupancy " + percentText(a.occupancyToday));
  if (a.scoredCallsToday > 0) {
    text(ctx, "Calls today: " + plural(a.scoredCallsToday, "call", "calls") + " scored, " +
                  std::to_string(a.poorCallsToday) + " poor at some point");
  }
  if (!a.pendingRequest.empty()) {
    textColored(ctx, 0.95f, 0.70f, 0.20f,
                "Asked to go " + stateLabel(a.pendingRequest) +
                    ": their console carries it out at its next pull, "
                    "once no contact is in hand.");
  }
  ImGui::Separator();
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 20 * ImGui::GetFontSize()));
  ImGui::InputTextWithHint("##reason", "Reason (coaching, meeting...)", &m_reason);
  if (button(ctx, "Ask to go not ready")) {
    ctx.post(desk::RequestAgentState{a.id, desk::AgentState::NotReady, m_reason.empty() ? "Supervisor" : m_reason});
  }
  ImGui::SameLine();
  if (button(ctx, "Ask to log out")) ctx.post(desk::RequestAgentState{a.id, desk::AgentState::LoggedOut, m_reason});
  ImGui::Separator();
  drawContacts(ctx, a.id, "", "");
}

void FloorDetailsView::drawQueue(ViewContext& ctx) {
  for (const auto& q : ctx.floor->queues) {
    if (q.name != m_selection.id || q.channel != m_selection.channel) continue;
    text(ctx, channelIcon(q.channel) + " " + q.label + ": " + std::to_string(q.waiting) + " waiting, service level " +
                  percentText(q.serviceLevel) + " (target " + std::to_string(static_cast<int>(q.targetPercent)) +
                  " %)");
  }
  drawContacts(ctx, "", m_selection.id, m_selection.channel);
}

void FloorDetailsView::drawComplaint(ViewContext& ctx, const floor::ComplaintCard& c) {
  const auto& s = *ctx.floor;
  textWrapped(ctx, c.summary);
  text(ctx, c.customer + " - " + c.category + " - priority " + c.priority);
  text(ctx, "Owner: " + agentName(s, c.owner) + (c.team.empty() ? "" : " (" + c.team + ")"));
  text(ctx, "Opened " + localShortDateTime(c.openedUs, ctx.nowUs));
  const floor::Tone tone = c.state == floor::ComplaintState::Breached ? floor::Tone::Red
                           : c.state == floor::ComplaintState::AtRisk ? floor::Tone::Amber
                                                                      : floor::Tone::Normal;
  pushTone(tone);
  text(ctx, std::string(c.awaitingFirstResponse ? "First response" : "Resolution") + " due " +
                localShortDateTime(c.dueUs, ctx.nowUs) + ", " + remainingText(ctx, c.dueUs) + " (" + c.clock +
                " clock)");
  popTone(tone);
  textWrapped(ctx, c.why);
  if (c.customerId && button(ctx, "Open the customer")) {
    m_selection = {FloorSelection::Kind::Customer, "", "", *c.customerId};
    ctx.post(desk::OpenCustomer{*c.customerId});
    return;
  }
  ImGui::Separator();
  std::vector<std::string> agents;
  std::vector<std::string> ids;
  for (const auto& a : s.agents) {
    agents.push_back(a.name + " (" + stateLabel(a.state) + ")");
    ids.push_back(a.id);
  }
  const float width = std::min(ImGui::GetContentRegionAvail().x * 0.6f, 18 * ImGui::GetFontSize());
  choose("##to", agents, m_toAgent, width, "Give it to...");
  ImGui::SameLine();
  if (button(ctx, "Reassign") && m_toAgent >= 0) ctx.post(desk::ReassignComplaint{c.id, ids[m_toAgent]});
  std::vector<std::string> priorities;
  for (const auto& p : ctx.snapshot.slaPolicies) priorities.push_back(p.priority);
  choose("##priority", priorities, m_priority, width, "Priority...");
  ImGui::SameLine();
  if (button(ctx, "Change priority") && m_priority >= 0) {
    ctx.post(desk::ReprioritiseComplaint{c.id, priorities[m_priority]});
  }
  ImGui::SetNextItemWidth(width);
  ImGui::InputTextWithHint("##escalation", "Why it is escalated", &m_escalation);
  ImGui::SameLine();
  if (button(ctx, "Escalate")) ctx.post(desk::EscalateComplaint{c.id, m_escalation});
}

void FloorDetailsView::drawContacts(ViewContext& ctx, const std::string& agentId, const std::string& queue,
                                    const std::string& channel) {
  std::vector<const floor::FloorContact*> rows;
  for (const auto& c : ctx.floor->contactsToday) {
    if (!agentId.empty() && c.agentId != agentId) continue;
    if (agentId.empty() && (c.queue != queue || c.channel != channel)) continue;
    rows.push_back(&c);
  }
  text(ctx, "Contacts today (" + std::to_string(rows.size()) + ")");
  ImGui::BeginChild("contacts");
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& c = *rows[static_cast<std::size_t>(i)];
      std::string line = localShortDateTime(c.offeredUs, ctx.nowUs) + " " + channelIcon(c.channel) + " " + c.customer +
                         ": " + c.outcome;
      if (c.waitUs) line += ", waited " + durationText(c.waitUs);
      if (c.handleUs) line += ", handled in " + durationText(c.handleUs);
      if (!c.worstGrade.empty()) {
        char mos[32] = "";
        if (c.mos) std::snprintf(mos, sizeof mos, " (MOS %.1f)", *c.mos);
        line += ", sounded " + c.qualityGrade + mos +
                (c.worstGrade != c.qualityGrade ? ", " + c.worstGrade + " at worst" : "");
      }
      const bool customer = c.customerId.has_value();
      if (ctx.openReplay) {  // the contact as the agent saw it (masked)
        ImGui::PushID(c.id.c_str());
        if (smallButton(ctx, "Replay")) ctx.openReplay(c.id);
        ImGui::PopID();
        ImGui::SameLine();
      }
      if (ImGui::Selectable(("##" + c.id).c_str(), false) && customer) {
        m_selection = {FloorSelection::Kind::Customer, "", "", *c.customerId};
        ctx.post(desk::OpenCustomer{*c.customerId});
      }
      ImGui::SameLine();
      textFitted(ctx, line);
    }
  }
  ImGui::EndChild();
}

}  // namespace frontline::views
