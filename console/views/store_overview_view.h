// "Store overview": which store the console runs on and what it holds (customers,
// orders, contacts, open and breached complaints, revenue concentration).
#pragma once

#include "views/view.h"

namespace frontline::views {

class StoreOverviewView : public View {
 public:
  StoreOverviewView() : View("Store overview") {}

 protected:
  void drawContent(ViewContext& ctx) override;
  void placeFirstTime() const override;
};

}  // namespace frontline::views
