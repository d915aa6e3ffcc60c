// "Queue": the contacts waiting for this agent. Ringing calls first (red, with their
// waiting time), then emails nobody has opened, soonest first response due first. Each
// row: channel icon, who (name, or the address when unknown), the customer's quadrant
// badge, how long it has waited and, for emails, the response countdown. F2 takes the
// next email when no call is ringing; a click takes any row. Callbacks that have come due
// head the list, blinking.
#pragma once

#include "views/view.h"

namespace frontline::views {

class QueueView : public View {
 public:
  QueueView() : View("Queue") {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  static void drawRow(ViewContext& ctx, const desk::QueuedContact& q, bool available);
  static void drawCallback(ViewContext& ctx, const store::CallbackRow& c);
};

}  // namespace frontline::views
