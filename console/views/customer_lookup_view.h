// "Customer search" (Ctrl+F): by name (the start of it, any case, Latin or as written),
// phone number in any format, email address or order number. One match opens at once;
// several are listed to choose from. With an unknown caller's contact in hand, each match
// has a Link button that makes the contact theirs.
#pragma once

#include <array>

#include "views/customer_card.h"
#include "views/view.h"

namespace frontline::views {

class CustomerLookupView : public View {
 public:
  CustomerLookupView() : View("Customer search") {}
  // Ctrl+F: the search field takes the keyboard in this frame.
  void focusSearch() { m_focus = true; }

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  std::string m_query;  // UI state: the text being typed
  CustomerCard m_card;
  bool m_focus = false;
};

}  // namespace frontline::views
