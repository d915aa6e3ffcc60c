// The complaint board and its figures; see complaint_board_view.h.
#include "views/complaint_board_view.h"

#include <imgui.h>

#include "views/chart.h"
#include "views/clock_text.h"
#include "views/feeling_text.h"

namespace frontline::views {

void ComplaintBoardView::drawContent(ViewContext& ctx) {
  if (!ctx.floor) return;
  const auto& s = *ctx.floor;
  text(ctx, "Today: first responses " + std::to_string(s.responseMetToday) + " met, " +
                std::to_string(s.responseMissedToday) + " missed; resolutions " + std::to_string(s.resolutionMetToday) +
                " met, " + std::to_string(s.resolutionMissedToday) + " missed");
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float boardHeight = avail.y * 0.52f;
  const float columnWidth = (avail.x - 2 * spacing) / 3;
  drawColumn(ctx, "On track", floor::ComplaintState::OnTrack, columnWidth, boardHeight);
  ImGui::SameLine();
  drawColumn(ctx, "At risk", floor::ComplaintState::AtRisk, columnWidth, boardHeight);
  ImGui::SameLine();
  drawColumn(ctx, "Breached", floor::ComplaintState::Breached, columnWidth, boardHeight);
  drawFigures(ctx, ImGui::GetContentRegionAvail().y);
}

void ComplaintBoardView::drawColumn(ViewContext& ctx, const char* title, floor::ComplaintState state, float width,
                                    float height) {
  const auto& s = *ctx.floor;
  std::vector<const floor::ComplaintCard*> cards;
  for (const auto& c : s.openComplaints)
    if (c.state == state) cards.push_back(&c);
  const floor::Tone tone = state == floor::ComplaintState::Breached ? floor::Tone::Red
                           : state == floor::ComplaintState::AtRisk ? floor::Tone::Amber
                                                                    : floor::Tone::Normal;
  ImGui::BeginChild(title, ImVec2(width, height), true);
  const ImVec2 pos = ImGui::GetWindowPos();
  ctx.dump.beginWindow(std::string("Complaints: ") + title, static_cast<int>(pos.x), static_cast<int>(pos.y),
                       static_cast<int>(width), static_cast<int>(height));
  pushTone(tone);
  text(ctx, std::string(title) + " (" + std::to_string(cards.size()) + ")");
  popTone(tone);
  ImGui::Separator();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(cards.size()), 2 * ImGui::GetTextLineHeightWithSpacing());
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& c = *cards[i];
      const bool selected = m_selection.kind == FloorSelection::Kind::Complaint && m_selection.id == c.id;
      ImGui::PushID(c.id.c_str());
      if (ImGui::Selectable("##card", selected, 0, ImVec2(0, 2 * ImGui::GetTextLineHeight()))) {
        m_selection = {FloorSelection::Kind::Complaint, c.id, "", c.customerId.value_or(0)};
      }
      std::string feeling;
      if (c.feeling) {
        // The card's left edge in the customer's feeling: who is upset stands out in each column.
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, a.y + 1), ImVec2(a.x + 4, b.y - 1),
                                                  feelingColourU32(c.feeling->average));
        feeling = "feeling " + signedIndex(c.feeling->average) + " " + emotion::arrowOf(c.feeling->trend);
      }
      if (ImGui::IsItemHovered()) {
        tooltip(c.summary + "\n" + (c.awaitingFirstResponse ? "First response" : "Resolution") + " due " +
                localDateTime(c.dueUs) + " (" + c.clock + " clock)\n" + c.why +
                (c.awaitingFirstResponse ? "\nErlang C assumes Poisson arrivals and no abandonment." : "") +
                (c.feeling ? "\nThe customer's feeling: " + feelingLabel(c.feeling->average) + ", last contact " +
                                 signedIndex(c.feeling->last) + " (an estimate from their words)"
                           : std::string()));
      }
      ImGui::SameLine(ImGui::GetStyle().ItemSpacing.x);
      ImGui::BeginGroup();
      if (c.feeling) {
        const Rgb hue = feelingColour(c.feeling->average);
        textColored(ctx, hue.r, hue.g, hue.b, feeling);
        ImGui::SameLine();
      }
      textFitted(ctx, "[" + c.priority + "] " + c.summary);
      pushTone(tone);
      textFitted(ctx, c.customer + " - " + agentName(s, c.owner) + " - " +
                          (c.awaitingFirstResponse ? "response " : "resolution ") + remainingText(ctx, c.dueUs));
      popTone(tone);
      ImGui::EndGroup();
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

void ComplaintBoardView::drawFigures(ViewContext& ctx, float height) {
  const auto& s = *ctx.floor;
  const char* ranges[] = {"Today", "7 days", "30 days"};
  const char* dimensions[] = {"Priority", "Category", "Agent", "Team"};
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
    ImGui::RadioButton(ranges[i], &m_range, i);
  }
  ImGui::SameLine(0, 3 * ImGui::GetFontSize());
  for (int i = 0; i < 4; ++i) {
    ImGui::SameLine();
    ImGui::RadioButton(dimensions[i], &m_dimension, i);
  }
  const auto& f = s.complaintRanges[static_cast<std::size_t>(m_range)];
  const std::vector<floor::ComplaintTimes>* groups[] = {&f.byPriority, &f.byCategory, &f.byAgent, &f.byTeam};
  const float width = ImGui::GetContentRegionAvail().x;
  const float tableWidth = width * 0.6f;
  height = ImGui::GetContentRegionAvail().y;
  constexpr int kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                         ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("figures", 8, kFlags, ImVec2(tableWidth, height))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(dimensions[m_dimension], ImGuiTableColumnFlags_WidthFixed, 8 * ImGui::GetFontSize());
    for (const char* h : {"Opened", "Response p50", "p90", "Within SLA", "Resolution p50", "p90", "Within SLA"}) {
      ImGui::TableSetupColumn(h);
    }
    ImGui::TableHeadersRow();
    auto row = [&](const floor::ComplaintTimes& t, const std::string& name) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      textFitted(ctx, name);
      ImGui::TableNextColumn();
      text(ctx, std::to_string(t.opened));
      ImGui::TableNextColumn();
      text(ctx, percentileText(t.firstResponseP50()));
      ImGui::TableNextColumn();
      text(ctx, percentileText(t.firstResponseP90()));
      ImGui::TableNextColumn();
      text(ctx, percentText(t.responseShare()));
      tooltip(std::to_string(t.responseMet) + " met, " + std::to_string(t.responseMissed) +
              " missed; open ones are not counted until met or missed");
      ImGui::TableNextColumn();
      text(ctx, percentileText(t.resolutionP50()));
      ImGui::TableNextColumn();
      text(ctx, percentileText(t.resolutionP90()));
      ImGui::TableNextColumn();
      text(ctx, percentText(t.resolutionShare()));
      tooltip(std::to_string(t.resolutionMet) + " met, " + std::to_string(t.resolutionMissed) + " missed");
    };
    for (const auto& g : *groups[m_dimension]) row(g, m_dimension == 2 ? agentName(s, g.key) : g.key);
    row(f.all, "All");
    ImGui::EndTable();
  }
  ImGui::SameLine();
  ChartSpec chart;
  chart.title = "Daily trend, 30 days: first response p50 and share within SLA";
  chart.leftUnit = "minutes";
  chart.rightUnit = "%";
  chart.rightMax = 100;
  ChartSeries p50{"First response p50", {}, false, false, IM_COL32(90, 160, 230, 255), "min"};
  ChartSeries share{"Responses within SLA", {}, false, true, IM_COL32(120, 210, 120, 255), "%"};
  for (std::size_t i = 0; i < s.trend.size(); ++i) {
    const auto& d = s.trend[i];
    chart.slotNames.push_back(localClock(d.dayStartUs, "%d %b"));
    chart.xTicks.push_back((s.trend.size() - 1 - i) % 7 == 0 ? localClock(d.dayStartUs, "%d %b")
                                                             : "");  // today and every 7th day before
    p50.values.push_back(d.firstResponseP50 ? std::optional<double>(static_cast<double>(*d.firstResponseP50) / 60e6)
                                            : std::nullopt);
    share.values.push_back(d.responseShare ? std::optional<double>(*d.responseShare * 100.0) : std::nullopt);
  }
  chart.series = {p50, share};
  ImGui::BeginGroup();
  drawChart(ctx, "trend", chart, ImGui::GetContentRegionAvail().x, height);
  ImGui::EndGroup();
}

}  // namespace frontline::views
