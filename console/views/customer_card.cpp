// The customer card; see customer_card.h.
#include "views/customer_card.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "desk/format.h"
#include "store/sla.h"
#include "views/clock_text.h"

namespace frontline::views {
namespace {

using T = View;

void colouredBySla(ViewContext& ctx, store::SlaState state, const std::string& line) {
  switch (state) {
    case store::SlaState::OnTrack:
    case store::SlaState::Met:
      T::textColored(ctx, 0.40f, 0.80f, 0.45f, line);
      break;
    case store::SlaState::AtRisk:
      T::textColored(ctx, 0.95f, 0.75f, 0.25f, line);
      break;
    case store::SlaState::Breached:
    case store::SlaState::Missed:
      T::textColored(ctx, 1.0f, 0.35f, 0.35f, line);
      break;
  }
}

void slaLine(ViewContext& ctx, store::SlaState state, const std::string& line) {
  ImGui::PushTextWrapPos(0.0f);
  colouredBySla(ctx, state, line);
  ImGui::PopTextWrapPos();
}

// "due in 3h 10m" / "overdue by 2d 4h", ticking only when the text changes.
std::string countdown(ViewContext& ctx, std::int64_t dueUs) {
  return (dueUs >= ctx.nowUs ? "due " : "") + remainingText(ctx, dueUs);
}

}  // namespace

void CustomerCard::draw(ViewContext& ctx, const store::CustomerView& v, bool onContact) {
  const auto& i = v.insight;
  T::text(ctx, v.profile.displayName +
                   (v.profile.sortName != v.profile.displayName ? "  (" + v.profile.sortName + ")" : ""));
  T::field(ctx, "Customer since",
           desk::formatDate(v.profile.customerSinceUs) + ", " + v.profile.country + ", " + v.profile.language);
  for (const auto& a : v.addresses) T::field(ctx, a.label.empty() ? "address" : a.label, a.address.value);
  ImGui::Separator();
  T::field(ctx, "Quadrant",
           std::string(store::quadrantName(i.quadrant)) + " - " + std::string(store::quadrantTreatment(i.quadrant)));
  T::field(ctx, "CLV", desk::formatMoney(i.clv.valueMinor, v.reportingCurrency) + " (" + std::string(i.clv.form) + ")");
  T::field(ctx, "Life cycle", std::string(store::lifecycleName(i.lifecycle)));
  T::field(ctx, "Loyalty", std::string(store::loyaltyName(i.loyalty)));
  if (i.latestSatisfaction) {
    char c[16];
    std::snprintf(c, sizeof c, "%.2f", i.latestSatisfaction->c);
    T::field(
        ctx, "Latest satisfaction",
        std::string("C = ") + c + " (" + std::string(store::satisfactionBandName(i.latestSatisfaction->band)) + ")");
  }
  if (i.winBack) T::textColored(ctx, 1.0f, 0.8f, 0.2f, "Win-back: high-value customer in decline");
  ImGui::Separator();
  drawComplaints(ctx, v, onContact);
  ImGui::Separator();
  drawOrders(ctx, v);
  ImGui::Separator();
  drawHistory(ctx, v);
}

void CustomerCard::drawComplaints(ViewContext& ctx, const store::CustomerView& v, bool onContact) {
  T::text(ctx, "Open complaints: " + std::to_string(v.openComplaints.size()));
  for (const auto& c : v.openComplaints) {
    ImGui::PushID(c.id.c_str());
    // Before the first response the response clock runs; after it, the resolution clock.
    const bool responded = c.firstResponseUs.has_value();
    const std::int64_t due = responded ? c.resolutionDueUs : c.responseDueUs;
    const auto state = store::slaState(c.openedUs, due, c.atRiskFraction, ctx.nowUs);
    const std::string clock = responded ? "resolution " + countdown(ctx, c.resolutionDueUs) + " (responded in " +
                                              desk::formatDuration(*c.firstResponseUs - c.openedUs) + ")"
                                        : "first response " + countdown(ctx, c.responseDueUs);
    slaLine(ctx, state,
            c.priority + " " + c.category + " - " + c.summary + " - opened " + elapsedText(ctx, c.openedUs) +
                " ago - " + clock + " [" + std::string(store::slaStateName(state)) + "]");
    if (onContact) {
      if (!responded) {
        if (ImGui::SmallButton("Respond")) ctx.post(desk::RespondComplaint{c.id});
        ImGui::SameLine();
      }
      if (ImGui::SmallButton("Resolve")) ctx.post(desk::ResolveComplaint{c.id});
    }
    ImGui::PopID();
  }
  for (const auto& c : v.resolvedComplaints) {
    const auto resolution = store::slaState(c.openedUs, c.resolutionDueUs, c.atRiskFraction, ctx.nowUs, c.resolvedUs);
    slaLine(
        ctx, resolution,
        "resolved " + c.category + " - " + c.summary + " - first response " +
            desk::formatDuration(c.firstResponseUs ? std::optional(*c.firstResponseUs - c.openedUs) : std::nullopt) +
            ", resolved in " + desk::formatDuration(*c.resolvedUs - c.openedUs) + " [" +
            std::string(store::slaStateName(resolution)) + "]");
  }
}

void CustomerCard::drawOrders(ViewContext& ctx, const store::CustomerView& v) {
  T::text(ctx, "Orders: " + std::to_string(v.orders.size()) + " (" + std::to_string(v.purchases.orderCount) +
                   " purchases, not counting returned or cancelled), revenue " +
                   desk::formatMoney(v.purchases.revenueMinor, v.reportingCurrency));
  constexpr int kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                         ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("orders", 5, kFlags, ImVec2(0, 170))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Number");
  ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending);
  ImGui::TableSetupColumn("Status");
  ImGui::TableSetupColumn("Items", ImGuiTableColumnFlags_NoSort);
  ImGui::TableSetupColumn("Total");
  ImGui::TableHeadersRow();

  // Sorted once per change of the spec or the list, never per frame.
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (m_sortedList != v.orders.data() || m_sortedSize != v.orders.size() || (specs && specs->SpecsDirty)) {
    m_orderIndex.resize(v.orders.size());
    std::iota(m_orderIndex.begin(), m_orderIndex.end(), std::size_t{0});
    if (specs && specs->SpecsCount > 0) {
      const auto& spec = specs->Specs[0];
      const bool ascending = spec.SortDirection == ImGuiSortDirection_Ascending;
      const auto& o = v.orders;
      std::stable_sort(m_orderIndex.begin(), m_orderIndex.end(), [&](std::size_t a, std::size_t b) {
        int cmp = 0;
        switch (spec.ColumnIndex) {
          case 0:
            cmp = o[a].number.compare(o[b].number);
            break;
          case 2:
            cmp = o[a].status.compare(o[b].status);
            break;
          case 4:
            cmp = o[a].totalMinor < o[b].totalMinor ? -1 : o[a].totalMinor > o[b].totalMinor;
            break;
          default:
            cmp = o[a].orderedUs < o[b].orderedUs ? -1 : o[a].orderedUs > o[b].orderedUs;
        }
        return ascending ? cmp < 0 : cmp > 0;
      });
    }
    if (specs) specs->SpecsDirty = false;
    m_sortedList = v.orders.data();
    m_sortedSize = v.orders.size();
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m_orderIndex.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const auto& o = v.orders[m_orderIndex[static_cast<std::size_t>(row)]];
      std::string items;
      for (const auto& it : o.items)
        items += (items.empty() ? "" : ", ") + std::to_string(it.quantity) + "x " + it.name;
      const std::string cells[5] = {o.number, desk::formatDate(o.orderedUs), o.status, items,
                                    desk::formatMoney(o.totalMinor, o.currency)};
      ImGui::TableNextRow();
      for (int col = 0; col < 5; ++col) {
        ImGui::TableSetColumnIndex(col);
        ImGui::TextUnformatted(cells[col].c_str());
      }
      ctx.dump.text("order " + cells[0] + " " + cells[1] + " " + cells[2] + " " + cells[4]);
    }
  }
  ImGui::EndTable();
}

void CustomerCard::drawHistory(ViewContext& ctx, const store::CustomerView& v) {
  T::text(ctx, "History (newest first): " + std::to_string(v.history.size()) + " of " +
                   std::to_string(v.purchases.contactCount) + " contacts");
  constexpr int kFlags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("history", 6, kFlags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("When");
  ImGui::TableSetupColumn("Channel");
  ImGui::TableSetupColumn("Outcome");
  ImGui::TableSetupColumn("Handled");
  ImGui::TableSetupColumn("Disposition");
  ImGui::TableSetupColumn("Subject / note", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(v.history.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const auto& h = v.history[static_cast<std::size_t>(row)];
      // Handle time: talk (or an email's time to reply) plus after-contact work.
      std::optional<std::int64_t> handled;
      if (h.talkUs || h.acwUs) handled = h.talkUs.value_or(0) + h.acwUs.value_or(0);
      const std::string about = (h.subject.empty() ? "" : "\"" + h.subject + "\"") +
                                (h.note.empty() ? "" : (h.subject.empty() ? "" : " - ") + h.note);
      const std::string cells[6] = {desk::formatDateTime(h.offeredUs),
                                    h.channel + (h.direction == "out" ? " out" : ""),
                                    h.outcome,
                                    desk::formatDuration(handled),
                                    h.disposition,
                                    about};
      ImGui::TableNextRow();
      for (int col = 0; col < 6; ++col) {
        ImGui::TableSetColumnIndex(col);
        ImGui::TextUnformatted(cells[col].c_str());
      }
      ctx.dump.text(cells[0] + "  " + cells[1] + "  " + cells[2] + "  handled " + cells[3] + "  " + cells[4] + "  " +
                    cells[5]);
    }
  }
  ImGui::EndTable();
}

}  // namespace frontline::views
