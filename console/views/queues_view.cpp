// The queues and their intervals; see queues_view.h.
#include "views/queues_view.h"

#include <imgui.h>

#include <cmath>

#include "views/chart.h"
#include "views/clock_text.h"
#include "views/feeling_text.h"

namespace frontline::views {

void QueuesView::drawContent(ViewContext& ctx) {
  if (!ctx.floor) return;
  const auto& s = *ctx.floor;
  const float chartHeight = std::max(ImGui::GetContentRegionAvail().y * 0.45f, 9 * ImGui::GetTextLineHeight());
  const float tableHeight = ImGui::GetContentRegionAvail().y - chartHeight - ImGui::GetStyle().ItemSpacing.y;
  constexpr int kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                         ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
  const floor::FloorQueue* shown = nullptr;
  if (ImGui::BeginTable("queues", 14, kFlags, ImVec2(0, tableHeight))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    for (const char* h : {"Queue", "Waiting", "Longest wait", "Offered", "Answered", "Abandoned (short)", "Missed",
                          "Service level", "ASA", "AHT", "Abandon rate", "FCR", "Next (Erlang C)", "Feeling"}) {
      ImGui::TableSetupColumn(h);
    }
    ImGui::TableHeadersRow();
    for (const auto& q : s.queues) {
      const bool selected = m_selection.kind == FloorSelection::Kind::Queue && m_selection.id == q.name &&
                            m_selection.channel == q.channel;
      if (selected || (!shown && m_selection.kind != FloorSelection::Kind::Queue)) shown = &q;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(("##" + q.name + q.channel).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
        m_selection = {FloorSelection::Kind::Queue, q.name, q.channel, 0};
      }
      ImGui::SameLine();
      text(ctx, channelIcon(q.channel) + " " + q.label);
      ImGui::TableNextColumn();
      text(ctx, std::to_string(q.waiting));
      ImGui::TableNextColumn();
      const bool long_ = q.oldestWaitingSinceUs && ctx.nowUs - q.oldestWaitingSinceUs > q.answerWithinUs;
      pushTone(long_ ? floor::Tone::Red : floor::Tone::Normal);
      text(ctx, q.oldestWaitingSinceUs ? elapsedText(ctx, q.oldestWaitingSinceUs) : "-");
      popTone(long_ ? floor::Tone::Red : floor::Tone::Normal);
      ImGui::TableNextColumn();
      text(ctx, std::to_string(q.today.offered));
      ImGui::TableNextColumn();
      text(ctx, std::to_string(q.today.answered));
      ImGui::TableNextColumn();
      text(ctx, std::to_string(q.today.abandoned) + " (" + std::to_string(q.today.shortAbandoned) + ")");
      ImGui::TableNextColumn();
      text(ctx, std::to_string(q.today.missed));
      ImGui::TableNextColumn();
      const bool under = q.serviceLevel && *q.serviceLevel * 100.0 < q.targetPercent;
      pushTone(under ? floor::Tone::Red : floor::Tone::Normal);
      text(ctx, percentText(q.serviceLevel) + " / " + std::to_string(static_cast<int>(q.targetPercent)) + " %");
      popTone(under ? floor::Tone::Red : floor::Tone::Normal);
      tooltip("Answered within " + secondsText(static_cast<double>(q.answerWithinUs) / 1e6) + ": " +
              std::to_string(q.today.withinTarget) + " of " +
              std::to_string(q.today.offered - q.today.shortAbandoned - q.today.waitingYoung) +
              " (short abandons and contacts still younger than T left out)");
      ImGui::TableNextColumn();
      text(ctx, secondsText(q.asaSeconds));
      ImGui::TableNextColumn();
      text(ctx, secondsText(q.ahtSeconds));
      ImGui::TableNextColumn();
      text(ctx, percentText(q.abandonmentRate));
      ImGui::TableNextColumn();
      text(ctx, percentText(q.fcr.rate()));
      tooltip("First-contact resolution over the 30 days before today: " + std::to_string(q.fcr.resolved) + " of " +
              std::to_string(q.fcr.known) + " answered contacts of known customers; " + std::to_string(q.fcr.pending) +
              " still within their window");
      ImGui::TableNextColumn();
      const double answerSeconds = static_cast<double>(q.answerWithinUs) / 1e6;
      text(ctx, q.predicted.overloaded ? "overloaded" : percentText(q.predicted.serviceLevel(answerSeconds)));
      tooltip("Erlang C for the next contact: " + std::to_string(q.predicted.agents) + " agents staffed, load " +
              std::to_string(q.predicted.load).substr(0, 4) + " erlangs (arrivals of the last 60 minutes x handle " +
              "time), P(wait) " + percentText(q.predicted.waitProbability) +
              ". Erlang C assumes Poisson arrivals and no abandonment.");
      ImGui::TableNextColumn();
      const floor::FeelingDay* today = q.feeling.empty() ? nullptr : &q.feeling.back();
      if (today && today->average) {
        const int mean = static_cast<int>(std::lround(*today->average));
        const Rgb tone = feelingColour(mean);
        textColored(ctx, tone.r, tone.g, tone.b, signedIndex(mean) + " (" + std::to_string(today->scored) + ")");
        tooltip("How today's customers of this queue felt: the mean emotion index of " + std::to_string(today->scored) +
                " contacts with enough of their words. " + kFeelingIsEstimate);
      } else {
        text(ctx, "-");
      }
    }
    ImGui::EndTable();
  }
  if (!shown) {
    text(ctx, "No queue has had a contact today.");
    return;
  }
  ChartSpec chart;
  chart.title = shown->label + " (" + shown->channel + ") today, by 15 minutes: contacts offered and service level";
  chart.leftUnit = "contacts";
  chart.rightUnit = "%";
  chart.rightMax = 100;
  chart.target = shown->targetPercent;
  chart.targetName = "target " + std::to_string(static_cast<int>(shown->targetPercent)) + " %";
  ChartSeries offered{"Offered", {}, true, false, IM_COL32(90, 140, 210, 255), "contacts"};
  ChartSeries sl{"Service level", {}, false, true, IM_COL32(120, 210, 120, 255), "%"};
  for (const auto& p : shown->intervals) {
    chart.slotNames.push_back(localClock(p.startUs, "%H:%M"));
    chart.xTicks.push_back((p.startUs / 1'000'000) % 7200 == 0 ? localClock(p.startUs, "%H:%M") : "");
    offered.values.push_back(static_cast<double>(p.offered));
    sl.values.push_back(p.serviceLevel ? std::optional<double>(*p.serviceLevel * 100.0) : std::nullopt);
  }
  chart.series = {offered, sl};
  const float width = ImGui::GetContentRegionAvail().x;
  const float chartHeight2 = ImGui::GetContentRegionAvail().y;
  ImGui::BeginGroup();
  drawChart(ctx, "intervals", chart, width * 0.6f, chartHeight2);
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  drawFeelingTrend(ctx, *shown, s.feeling, ImGui::GetContentRegionAvail().x, chartHeight2);
  ImGui::EndGroup();
}

// How the queue's customers felt, day by day (an estimate), beside all queues.
void QueuesView::drawFeelingTrend(ViewContext& ctx, const floor::FloorQueue& q,
                                  const std::vector<floor::FeelingDay>& all, float width, float height) {
  ChartSpec chart;
  chart.title = "Feeling (estimate), 30 days: " + q.label + " / all";  // fits 1280x720
  chart.leftUnit = "index";
  chart.leftMin = -100;
  chart.leftMax = 100;
  ChartSeries queue{q.label, {}, false, false, IM_COL32(200, 200, 200, 255), "", {}};
  ChartSeries floorWide{"All queues", {}, false, false, IM_COL32(110, 110, 130, 255), "", {}};
  for (std::size_t i = 0; i < q.feeling.size(); ++i) {
    const auto& d = q.feeling[i];
    chart.slotNames.push_back(localClock(d.dayStartUs, "%d %b") + " (" + std::to_string(d.scored) + " scored)");
    chart.xTicks.push_back((q.feeling.size() - 1 - i) % 7 == 0 ? localClock(d.dayStartUs, "%d %b") : "");
    queue.values.push_back(d.average);
    queue.slotColours.push_back(d.average ? feelingColourU32(static_cast<int>(std::lround(*d.average))) : queue.colour);
    floorWide.values.push_back(i < all.size() ? all[i].average : std::nullopt);
  }
  chart.series = {floorWide, queue};
  drawChart(ctx, "feeling", chart, width, height);
}

}  // namespace frontline::views
