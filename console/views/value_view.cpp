// The value panel; see value_view.h.
#include "views/value_view.h"

#include <imgui.h>

#include "desk/format.h"
#include "views/chart.h"
#include "views/feeling_text.h"

namespace frontline::views {

void ValueView::drawContent(ViewContext& ctx) {
  if (!ctx.floor) return;
  static const floor::ValueOverview kNone;
  const auto& v = ctx.floor->value ? *ctx.floor->value : kNone;
  if (v.customers == 0) {
    text(ctx, "No customers in the store yet.");
    return;
  }
  text(ctx, "The top 20 % of customers bring " + desk::formatPercent(v.topFifthShare) +
                " of revenue; 80 % of revenue " + "comes from " + desk::formatPercent(v.customersForFourFifths) +
                " of customers (" + desk::formatCount(v.customers) + " customers, revenue in " + v.currency +
                ", returns excluded).");
  const bool coloured = v.customersWithFeeling > 0 && v.feelingSorted.size() == v.revenueSorted.size();
  if (coloured) {
    textWrapped(ctx,
                "The curve is coloured by how those customers felt in their own words (an estimate, red upset "
                "to green pleased; blue where none is known): " +
                    desk::formatCount(v.customersWithFeeling) + " customers with a feeling.");
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float chartWidth = avail.x * 0.55f;

  ChartSpec chart;
  chart.title = "Pareto curve: revenue share by customer share, highest first";
  chart.leftUnit = "% of revenue";
  chart.target = 80;
  chart.targetName = "80 % of revenue";
  chart.markSlot = 20;
  chart.markName = "20 % of customers";
  ChartSeries curve{"Revenue", {}, false, false, IM_COL32(90, 160, 230, 255), "%", {}};

  std::int64_t total = 0;
  for (const auto r : v.revenueSorted) total += r;
  const std::size_t n = v.revenueSorted.size();
  std::size_t next = 0;
  std::int64_t sum = 0;
  for (int slot = 0; slot <= 100; ++slot) {
    const auto upTo = static_cast<std::size_t>((static_cast<double>(slot) / 100.0) * static_cast<double>(n) + 0.5);
    // The customers this slot adds: their mean feeling colours the curve up to it.
    std::int64_t feelingSum = 0, known = 0;
    while (next < upTo && next < n) {
      if (coloured && v.feelingSorted[next] != floor::kNoFeeling) {
        feelingSum += v.feelingSorted[next];
        ++known;
      }
      sum += v.revenueSorted[next++];
    }
    curve.values.push_back(total > 0 ? static_cast<double>(sum) * 100.0 / static_cast<double>(total) : 0.0);
    std::string name = std::to_string(slot) + " % of customers";
    if (coloured) {
      const int mean = known ? static_cast<int>(feelingSum / known) : 0;
      curve.slotColours.push_back(known ? feelingColourU32(mean) : curve.colour);
      if (known) name += "; feeling " + signedIndex(mean) + " (" + std::to_string(known) + " known)";
    }
    chart.slotNames.push_back(name);
    chart.xTicks.push_back(slot % 20 == 0 ? std::to_string(slot) + " %" : "");  // slot k: k % of customers
  }
  chart.series = {curve};
  ImGui::BeginGroup();
  drawChart(ctx, "pareto", chart, chartWidth, avail.y - ImGui::GetTextLineHeightWithSpacing());
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  text(ctx, "Value x loyalty quadrants");
  const char* names[] = {"True friend (high value, long-term)", "Butterfly (high value, short-term)",
                         "Barnacle (low value, long-term)", "Stranger (low value, short-term)"};
  for (std::size_t i = 0; i < 4; ++i) {
    text(ctx, std::string(names[i]) + ": " + desk::formatCount(v.quadrantCounts[i]));
  }
  ImGui::Separator();
  const float listHeight = (ImGui::GetContentRegionAvail().y - 2 * ImGui::GetTextLineHeightWithSpacing()) * 0.5f;
  text(ctx, "Win back: high value, in decline or lapsed (" + std::to_string(v.winBack.size()) + ")");
  drawCustomers(ctx, "winback", v.winBack, v.currency, listHeight);
  text(ctx, "High value, feeling worse (" + std::to_string(v.feelingWorse.size()) + ")");
  tooltip(std::string(kFeelingIsEstimate) +
          "\nTrue friends and butterflies whose last contact was 15 points or more below their average before it "
          "(their words, decayed over 90 days): call them before they leave.");
  drawCustomers(ctx, "feelingworse", v.feelingWorse, v.currency, ImGui::GetContentRegionAvail().y);
  ImGui::EndGroup();
}

void ValueView::drawCustomers(ViewContext& ctx, const char* id, const std::vector<floor::WinBackCustomer>& list,
                              const std::string& currency, float height) {
  constexpr int kFlags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable(id, 4, kFlags, ImVec2(0, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Revenue");
    ImGui::TableSetupColumn("Stage");
    ImGui::TableSetupColumn("Feeling");
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(list.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const auto& c = list[static_cast<std::size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const bool selected =
            m_selection.kind == FloorSelection::Kind::Customer && m_selection.customerId == c.customerId;
        if (ImGui::Selectable(("##" + std::to_string(c.customerId)).c_str(), selected,
                              ImGuiSelectableFlags_SpanAllColumns)) {
          m_selection = {FloorSelection::Kind::Customer, "", "", c.customerId};
          ctx.post(desk::OpenCustomer{c.customerId});
        }
        ImGui::SameLine();
        textFitted(ctx, c.name);
        ImGui::TableNextColumn();
        text(ctx, desk::formatMoney(c.revenueMinor, currency));
        ImGui::TableNextColumn();
        text(ctx, c.lifecycle);
        ImGui::TableNextColumn();
        if (c.feeling) {
          const Rgb tone = feelingColour(c.feeling->average);
          textColored(ctx, tone.r, tone.g, tone.b,
                      signedIndex(c.feeling->average) + " " + emotion::arrowOf(c.feeling->trend));
          tooltip(feelingLabel(c.feeling->average) + " over " + std::to_string(c.feeling->contacts) +
                  " contacts (an estimate); the last " + signedIndex(c.feeling->last));
        }
      }
    }
    ImGui::EndTable();
  }
}

}  // namespace frontline::views
