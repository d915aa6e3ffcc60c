// Customer search; see customer_lookup_view.h.
#include "views/customer_lookup_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace frontline::views {

void CustomerLookupView::drawContent(ViewContext& ctx) {
  ImGui::SetNextItemWidth(-5 * ImGui::GetFontSize());
  if (m_focus) {  // Ctrl+F
    ImGui::SetKeyboardFocusHere();
    ctx.tickAt(ctx.nowUs);
    m_focus = false;
  }
  const bool entered = ImGui::InputTextWithHint("##query", "name, phone, email, order (Ctrl+F)", &m_query,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Search") || entered) && m_query.find_first_not_of(' ') != std::string::npos) {
    ctx.post(desk::LookUpCustomer{m_query});
  }
  ImGui::Separator();
  const auto& s = ctx.snapshot;
  if (!s.lookup) {
    textWrapped(ctx,
                "Type a name, a number in any format (+44 20 7946 0958, 020 7946 0958), an email address or "
                "an order number, then Enter.");
    return;
  }
  const auto& lookup = *s.lookup;
  if (!lookup.error.empty()) {
    textColored(ctx, 1.0f, 0.5f, 0.3f, lookup.error);
    return;
  }
  // An unknown contact in hand can be linked to any match.
  const bool canLink = s.pop && !s.pop->view && s.pop->status != desk::ContactStatus::Wrapped &&
                       (s.agent.state == desk::AgentState::OnContact || s.agent.state == desk::AgentState::WrapUp);
  if (lookup.matches.size() > 1 || canLink) {
    ImGui::BeginChild("matches", ImVec2(0, lookup.view ? 6 * ImGui::GetTextLineHeightWithSpacing() : 0.0f), true);
    for (const auto& m : lookup.matches) {
      ImGui::PushID(static_cast<int>(m.customerId));
      if (canLink) {
        if (ImGui::SmallButton("Link")) ctx.post(desk::LinkCustomer{s.pop->interactionId, m.customerId});
        ImGui::SameLine();
      }
      // Enough to tell namesakes apart: the transcription, a phone, an email, the country.
      std::string line = m.displayName + (m.sortName != m.displayName ? " (" + m.sortName + ")" : "");
      for (const auto* part : {&m.phone, &m.email, &m.country}) {
        if (!part->empty()) line += ", " + *part;
      }
      if (m.matchedOn != "name") line += " - " + m.matchedOn;
      const bool open = lookup.view && lookup.view->profile.id == m.customerId;
      if (ImGui::Selectable(line.c_str(), open)) ctx.post(desk::OpenCustomer{m.customerId});
      tooltip(line);
      ctx.dump.text("match: " + line);
      ImGui::PopID();
    }
    ImGui::EndChild();
  }
  if (lookup.matches.size() >= 20) {
    textWrapped(ctx,
                "Showing the first 20 matches: type more of the name (a given name and a surname) to narrow them.");
  }
  if (lookup.matches.size() == 1 && !canLink) ctx.dump.text("match: " + lookup.matches.front().displayName);
  if (lookup.view) {
    ImGui::BeginChild("card");
    m_card.draw(ctx, *lookup.view, false);
    ImGui::EndChild();
  }
}

}  // namespace frontline::views
