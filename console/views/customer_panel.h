// "Customer": the card of the customer whose contact is in front of the agent (who they
// are, how much they matter, complaints, orders, history), or what to do about an unknown
// caller or sender.
#pragma once

#include "views/customer_card.h"
#include "views/view.h"

namespace frontline::views {

class CustomerPanel : public View {
 public:
  CustomerPanel() : View("Customer") {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  CustomerCard m_card;
};

}  // namespace frontline::views
