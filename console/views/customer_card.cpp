// The customer card: who this is, how much they matter, what is open for them, what they
// bought and their contacts across channels. Drawn by the call pop and the lookup.
#include "views/customer_card.h"

#include <imgui.h>

#include <cstdio>

#include "desk/format.h"

namespace frontline::views {

void drawCustomerCard(ViewContext& ctx, const store::CustomerView& v) {
  using T = View;
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
  T::text(ctx, "Open complaints: " + std::to_string(v.openComplaints.size()));
  for (const auto& c : v.openComplaints) {
    const bool breached = c.resolutionDueUs < ctx.nowUs;
    const std::string line = c.priority + " " + c.category + " - " + c.summary + " - due " +
                             desk::formatDateTime(c.resolutionDueUs) + (breached ? " (breached)" : "");
    if (breached) {
      T::textColored(ctx, 1.0f, 0.35f, 0.35f, line);
    } else {
      T::text(ctx, line);
    }
  }

  ImGui::Separator();
  T::text(ctx, "Orders: " + std::to_string(v.orders.size()) + " (" + std::to_string(v.purchases.orderCount) +
                   " purchases, not counting returned or cancelled), revenue " +
                   desk::formatMoney(v.purchases.revenueMinor, v.reportingCurrency));
  if (ImGui::BeginTable("orders", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV,
                        ImVec2(0, 180))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Number");
    ImGui::TableSetupColumn("Date");
    ImGui::TableSetupColumn("Status");
    ImGui::TableSetupColumn("Items");
    ImGui::TableSetupColumn("Total");
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(v.orders.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const auto& o = v.orders[static_cast<std::size_t>(row)];
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

  ImGui::Separator();
  T::text(ctx, "History (newest first): " + std::to_string(v.history.size()) + " contacts");
  for (const auto& h : v.history) {
    T::textWrapped(ctx, desk::formatDateTime(h.offeredUs) + "  " + h.channel + "  " + h.outcome + "  talk " +
                            desk::formatDuration(h.talkUs) + "  " + h.disposition +
                            (h.subject.empty() ? "" : "  \"" + h.subject + "\"") +
                            (h.note.empty() ? "" : "  - " + h.note));
  }
}

}  // namespace frontline::views
