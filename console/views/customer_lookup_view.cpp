#include "views/customer_lookup_view.h"

#include <imgui.h>

#include "desk/format.h"
#include "views/customer_card.h"

namespace frontline::views {

void CustomerLookupView::placeFirstTime() const {
  ImGui::SetNextWindowPos(ImVec2(10, 420), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(420, 380), ImGuiCond_FirstUseEver);
}

void CustomerLookupView::drawContent(ViewContext& ctx) {
  ImGui::TextUnformatted("Search (Ctrl+F)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(200);
  if (ctx.keys.search) ImGui::SetKeyboardFocusHere();  // Ctrl+F
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
  drawCustomerCard(ctx, *lookup.view);
}

}  // namespace frontline::views
