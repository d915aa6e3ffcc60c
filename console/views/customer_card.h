// The customer card: who this is, how much they matter, what is open for them (with SLA
// countdowns and, on a contact in hand, Respond / Resolve buttons), what they bought
// (sortable) and their contacts across channels. Drawn inside the current window by the
// contact pop and the customer search. Long order lists and histories are clipped, so a
// customer with 100,000 rows draws as fast as one with ten.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "store/customer_view.h"
#include "views/view.h"

namespace frontline::views {

class CustomerCard {
 public:
  // `onContact`: the agent has this customer's contact in hand (complaint actions shown).
  void draw(ViewContext& ctx, const store::CustomerView& view, bool onContact);

 private:
  void drawFeeling(ViewContext& ctx, const emotion::CustomerFeeling& feeling);
  void drawComplaints(ViewContext& ctx, const store::CustomerView& v, bool onContact);
  void drawOrders(ViewContext& ctx, const store::CustomerView& v);
  void drawHistory(ViewContext& ctx, const store::CustomerView& v);

  // UI state: the order table's sort (row indices), redone when the spec or the list changes.
  std::vector<std::size_t> m_orderIndex;
  const void* m_sortedList = nullptr;
  std::size_t m_sortedSize = 0;
};

}  // namespace frontline::views
