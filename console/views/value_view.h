// "Value" (CRM_NOTES.md §2, METRICS.md "Value"): the Pareto curve of revenue (cumulative
// share of revenue against share of customers, with the 20 % and 80 % marks), the counts
// of the four value x loyalty quadrants, the win-back list (high value, in decline or
// lapsed) and the high-value customers feeling worse (README "Emotion index"): a row opens
// the customer in the details region. The curve is coloured by those customers' feeling.
#pragma once

#include <string>
#include <vector>

#include "views/floor_text.h"
#include "views/view.h"

namespace frontline::views {

class ValueView : public View {
 public:
  explicit ValueView(FloorSelection& selection) : View("Value"), m_selection(selection) {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  void drawCustomers(ViewContext& ctx, const char* id, const std::vector<floor::WinBackCustomer>& list,
                     const std::string& currency, float height);
  FloorSelection& m_selection;
};

}  // namespace frontline::views
