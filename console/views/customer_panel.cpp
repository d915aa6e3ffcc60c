// The customer of the contact in hand; see customer_panel.h.
#include "views/customer_panel.h"

namespace frontline::views {

void CustomerPanel::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  if (!s.pop) {
    textWrapped(ctx,
                "The customer of the next contact shows here: who they are, how much they matter, their open "
                "complaints, orders and history.");
    return;
  }
  const auto& pop = *s.pop;
  if (pop.view) {
    const bool handling = !ctx.readOnly &&
                          (s.agent.state == desk::AgentState::OnContact || s.agent.state == desk::AgentState::WrapUp) &&
                          pop.status != desk::ContactStatus::Ringing;
    m_card.draw(ctx, *pop.view, handling);
    return;
  }
  textWrapped(ctx, (pop.channel == desk::Channel::Email ? "Unknown sender " : "Unknown caller ") + pop.callerAddress +
                       ": no customer has this address.");
  textWrapped(ctx,
              "Ctrl+F finds a customer by name, phone, email or order number; link the contact from the results, or "
              "create a new customer in the Contact panel.");
}

}  // namespace frontline::views
