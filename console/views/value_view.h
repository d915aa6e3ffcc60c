// "Value" (CRM_NOTES.md §2, METRICS.md "Value"): the Pareto curve of revenue (cumulative
// share of revenue against share of customers, with the 20 % and 80 % marks), the counts
// of the four value x loyalty quadrants, and the win-back list (high value, in decline or
// lapsed): a row opens the customer in the details region.
#pragma once

#include "views/floor_text.h"
#include "views/view.h"

namespace frontline::views {

class ValueView : public View {
 public:
  explicit ValueView(FloorSelection& selection) : View("Value"), m_selection(selection) {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  FloorSelection& m_selection;
};

}  // namespace frontline::views
