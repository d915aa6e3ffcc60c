#include "views/customer_lookup_view.h"

#include <imgui.h>

#include "desk/format.h"

namespace frontline::views {

void CustomerLookupView::placeFirstTime() const {
  ImGui::SetNextWindowPos(ImVec2(500, 20), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(860, 700), ImGuiCond_FirstUseEver);
}

void CustomerLookupView::drawContent(ViewContext& ctx) {
  ImGui::TextUnformatted("Phone or email");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(320);
  const bool entered =
      ImGui::InputText("##query", m_query.data(), m_query.size(), ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Look up") || entered) && m_query[0] != '\0') {
    ctx.post(desk::LookUpCustomer{m_query.data()});
  }
  ImGui::Separator();
  if (!ctx.snapshot.lookup) {
    text(ctx, "Type a number in any format (+44 20 7946 0958, 020 7946 0958) or an email address.");
    return;
  }
  const auto& lookup = *ctx.snapshot.lookup;
  if (!lookup.error.empty()) {
    textColored(ctx, 1.0f, 0.5f, 0.3f, "'" + lookup.query + "': " + lookup.error);
    return;
  }
  if (!lookup.view) {
    text(ctx, "No customer has the address " + lookup.normalised + " (unknown caller).");
    return;
  }
  drawCustomer(ctx, *lookup.view);
}

void CustomerLookupView::drawCustomer(ViewContext& ctx, const store::CustomerView& v) {
  const auto& i = v.insight;
  text(ctx,
       v.profile.displayName + (v.profile.sortName != v.profile.displayName ? "  (" + v.profile.sortName + ")" : ""));
  field(ctx, "Customer since",
        desk::formatDate(v.profile.customerSinceUs) + ", " + v.profile.country + ", " + v.profile.language);
  for (const auto& a : v.addresses) field(ctx, a.label.empty() ? "address" : a.label, a.address.value);
  ImGui::Separator();
  field(ctx, "Quadrant",
        std::string(store::quadrantName(i.quadrant)) + " - " + std::string(store::quadrantTreatment(i.quadrant)));
  field(ctx, "CLV", desk::formatMoney(i.clv.valueMinor, v.reportingCurrency) + " (" + std::string(i.clv.form) + ")");
  field(ctx, "Life cycle", std::string(store::lifecycleName(i.lifecycle)));
  field(ctx, "Loyalty", std::string(store::loyaltyName(i.loyalty)));
  if (i.latestSatisfaction) {
    char c[16];
    std::snprintf(c, sizeof c, "%.2f", i.latestSatisfaction->c);
    field(ctx, "Latest satisfaction",
          std::string("C = ") + c + " (" + std::string(store::satisfactionBandName(i.latestSatisfaction->band)) + ")");
  }
  if (i.winBack) textColored(ctx, 1.0f, 0.8f, 0.2f, "Win-back: high-value customer in decline");

  ImGui::Separator();
  text(ctx, "Open complaints: " + std::to_string(v.openComplaints.size()));
  for (const auto& c : v.openComplaints) {
    const bool breached = c.resolutionDueUs < ctx.nowUs;
    const std::string line = c.priority + " " + c.category + " - " + c.summary + " - due " +
                             desk::formatDateTime(c.resolutionDueUs) + (breached ? " (breached)" : "");
    if (breached) {
      textColored(ctx, 1.0f, 0.35f, 0.35f, line);
    } else {
      text(ctx, line);
    }
  }

  ImGui::Separator();
  text(ctx, "Orders: " + std::to_string(v.orders.size()) + " (" + std::to_string(v.purchases.orderCount) +
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
  text(ctx, "History (newest first): " + std::to_string(v.history.size()) + " contacts");
  for (const auto& h : v.history) {
    textWrapped(ctx, desk::formatDateTime(h.offeredUs) + "  " + h.channel + "  " + h.outcome + "  talk " +
                         desk::formatDuration(h.talkUs) + "  " + h.disposition +
                         (h.subject.empty() ? "" : "  \"" + h.subject + "\"") +
                         (h.note.empty() ? "" : "  - " + h.note));
  }
}

}  // namespace frontline::views
