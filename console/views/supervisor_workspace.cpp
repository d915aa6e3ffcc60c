// The supervisor's workspace; see supervisor_workspace.h.
#include "views/supervisor_workspace.h"

#include <imgui.h>

#include <algorithm>

#include "views/clock_text.h"

namespace frontline::views {

void SupervisorWorkspace::draw(ViewContext& ctx) {
  beginHost(ctx, "##supervisor");
  if (ImGui::BeginMenuBar()) {
    if (ImGui::BeginMenu("View")) {
      if (ImGui::MenuItem("Reset the layout")) m_detailsShare = 0.30f;
      ImGui::EndMenu();
    }
    ImGui::TextDisabled("Frontline - supervisor %s", ctx.snapshot.agentName.c_str());
    ImGui::EndMenuBar();
  }
  // Every contact in a drill-down (and in a customer's history) opens its replay, masked.
  if (ctx.replay.open) {
    auto open = ctx.replay.open;
    ctx.openReplay = [this, open](const std::string& id) {
      open(id, false);
      m_replay.visible() = true;
    };
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x;
  drawAlerts(ctx, width);
  drawSummary(ctx);
  const float statusHeight = StatusLineView::height(ctx.snapshot);
  const float height = ImGui::GetContentRegionAvail().y - statusHeight - style.ItemSpacing.y;
  const float splitterWidth = 6.0f;
  float details = width * m_detailsShare;
  const float main = width - details - splitterWidth - 2 * style.ItemSpacing.x;

  ImGui::BeginChild("main", ImVec2(main, height), false);
  if (ImGui::BeginTabBar("panels")) {
    const float regionHeight = ImGui::GetContentRegionAvail().y;
    int index = 0;
    auto tab = [&](View& view, const char* label) {
      // Ctrl+1..4 opens the panels in order, whatever has the keyboard.
      const bool pick = ctx.keys.ctrlDigit == ++index;
      if (ImGui::BeginTabItem(label, nullptr, pick ? ImGuiTabItemFlags_SetSelected : 0)) {
        view.drawRegion(ctx, ImGui::GetContentRegionAvail().x, regionHeight - ImGui::GetFrameHeightWithSpacing());
        ImGui::EndTabItem();
      }
    };
    tab(m_floor, "Floor (Ctrl+1)");
    tab(m_queues, "Queues (Ctrl+2)");
    tab(m_complaints, "Complaints (Ctrl+3)");
    tab(m_value, "Value (Ctrl+4)");
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  splitter("##details", true, splitterWidth, height, details, width * 0.2f, width * 0.5f);
  m_detailsShare = details / width;
  ImGui::SameLine();
  m_details.drawRegion(ctx, ImGui::GetContentRegionAvail().x, height);
  m_status.drawRegion(ctx, width, statusHeight);
  endHost();
  m_replay.draw(ctx);  // floating, once a contact is opened
}

void SupervisorWorkspace::drawAlerts(ViewContext& ctx, float width) {
  if (!ctx.floor) return;
  std::vector<const floor::FloorAlert*> alerts;
  for (const auto& a : ctx.floor->alerts)
    if (!m_acknowledged.count(a.key)) alerts.push_back(&a);
  // Forget keys the worker no longer reports (folded, or the cause is over).
  std::erase_if(m_acknowledged, [&](const std::string& key) {
    return std::none_of(ctx.floor->alerts.begin(), ctx.floor->alerts.end(),
                        [&](const floor::FloorAlert& a) { return a.key == key; });
  });
  std::string problem;
  if (!ctx.floor->error.empty()) problem = ctx.floor->error;
  if (alerts.empty() && problem.empty()) return;
  // Red ones first, the newest first within each: what just went wrong is on top.
  std::stable_sort(alerts.begin(), alerts.end(),
                   [](const auto* a, const auto* b) { return a->red != b->red ? a->red : a->sinceUs > b->sinceUs; });
  const std::size_t shown = std::min<std::size_t>(alerts.size(), 3);
  const float line = ImGui::GetFrameHeightWithSpacing();
  const float height = line * static_cast<float>(shown + (problem.empty() ? 0 : 1) + (alerts.size() > shown ? 1 : 0)) +
                       2 * ImGui::GetStyle().WindowPadding.y;
  const bool red = !problem.empty() || (!alerts.empty() && alerts.front()->red);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, red ? ImVec4(0.55f, 0.08f, 0.08f, 1.0f) : ImVec4(0.55f, 0.38f, 0.05f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 1.0f, 1.0f, 1.0f));
  ImGui::BeginChild("alerts", ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
  const ImVec2 pos = ImGui::GetWindowPos();
  ctx.dump.beginWindow("Alerts", static_cast<int>(pos.x), static_cast<int>(pos.y), static_cast<int>(width),
                       static_cast<int>(height));
  if (!problem.empty()) View::text(ctx, problem);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& a = *alerts[i];
    ImGui::PushID(a.key.c_str());
    if (View::smallButton(ctx, ("Acknowledge##" + a.key).c_str())) {
      ctx.post(desk::AcknowledgeAlert{a.key, a.text});
      m_acknowledged.insert(a.key);
    }
    ImGui::SameLine();
    if (View::smallButton(ctx, ("Show##" + a.key).c_str())) {
      const std::string& subject = a.subject;
      const auto colon = subject.find(':');
      const std::string kind = subject.substr(0, colon);
      const std::string id = colon == std::string::npos ? "" : subject.substr(colon + 1);
      if (kind == "complaint") m_selection = {FloorSelection::Kind::Complaint, id, "", 0};
      if (kind == "agent") m_selection = {FloorSelection::Kind::Agent, id, "", 0};
      if (kind == "queue") {
        for (const auto& q : ctx.floor->queues)
          if (q.name == id) m_selection = {FloorSelection::Kind::Queue, id, q.channel, 0};
      }
    }
    ImGui::SameLine();
    View::textFitted(ctx, (a.red ? "! " : "") + a.text);
    ImGui::PopID();
  }
  if (alerts.size() > shown)
    View::text(ctx, "and " + plural(static_cast<std::int64_t>(alerts.size() - shown), "more alert", "more alerts"));
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

void SupervisorWorkspace::drawSummary(ViewContext& ctx) {
  if (!ctx.floor || !ctx.floor->ready) {
    View::text(ctx, "Reading the floor's figures from " + ctx.snapshot.storePath + "...");
    return;
  }
  const auto& s = *ctx.floor;
  int staffed = 0, available = 0;
  for (const auto& a : s.agents) {
    staffed += a.state != "logged_out" ? 1 : 0;
    available += a.state == "available" ? 1 : 0;
  }
  std::int64_t waiting = 0, offered = 0;
  floor::QueueCounts all;
  for (const auto& q : s.queues) {
    waiting += q.waiting;
    offered += q.today.offered;
    all += q.today;
  }
  int atRisk = 0, breached = 0;
  for (const auto& c : s.openComplaints) {
    atRisk += c.state == floor::ComplaintState::AtRisk ? 1 : 0;
    breached += c.state == floor::ComplaintState::Breached ? 1 : 0;
  }
  View::text(ctx, std::to_string(staffed) + " agents logged in (" + std::to_string(available) + " available)   |   " +
                      std::to_string(waiting) + " waiting   |   " + std::to_string(offered) +
                      " offered today, service level " + percentText(floor::serviceLevel(all)) + "   |   " +
                      std::to_string(s.openComplaints.size()) + " open complaints: " + std::to_string(atRisk) +
                      " at risk, " + std::to_string(breached) + " breached");
  ImGui::SameLine();
  ImGui::TextDisabled("   (figures of %s)", localShortDateTime(s.computedUs, ctx.nowUs).c_str());
}

}  // namespace frontline::views
