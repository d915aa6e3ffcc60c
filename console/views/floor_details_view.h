// "Details": what the supervisor selected on the floor, drilled down to its contacts, and
// what they can do about it: ask an agent to go not ready or log out; reassign, change the
// priority of or escalate a complaint; open a customer's card. Each action is a desk
// command that records an event (synced to the agents' consoles).
#pragma once

#include <string>

#include "views/customer_card.h"
#include "views/floor_text.h"
#include "views/view.h"

namespace frontline::views {

class FloorDetailsView : public View {
 public:
  explicit FloorDetailsView(FloorSelection& selection) : View("Details"), m_selection(selection) {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  void drawAgent(ViewContext& ctx, const floor::FloorAgent& a);
  void drawQueue(ViewContext& ctx);
  void drawComplaint(ViewContext& ctx, const floor::ComplaintCard& c);
  void drawContacts(ViewContext& ctx, const std::string& agentId, const std::string& queue, const std::string& channel);

  FloorSelection& m_selection;
  FloorSelection m_drawn;  // inputs below reset when the selection changes
  std::string m_reason;
  int m_toAgent = -1;
  int m_priority = -1;
  std::string m_escalation;
  CustomerCard m_card;
};

}  // namespace frontline::views
