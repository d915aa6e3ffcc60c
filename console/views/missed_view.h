// "Missed calls": the calls of the last 24 hours that reached nobody (the caller hung up
// while it rang, nobody answered, or it was turned away because the agent was busy or not
// ready), one row per caller with the number of tries and the customer when known, so that
// the agent can call them back.
#pragma once

#include "views/view.h"

namespace frontline::views {

class MissedView : public View {
 public:
  MissedView() : View("Missed calls") {}

 protected:
  void drawContent(ViewContext& ctx) override;
};

}  // namespace frontline::views
