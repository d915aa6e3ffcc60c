// "Call": the screen pop for the current call, drawn in the frame after the INVITE
// arrives: who is calling (their customer card, or "unknown caller"), how long it has
// rung or lasted, and the keyboard-first actions: F2 answer, Decline, F3 hang up, then
// the wrap-up with its disposition and Ctrl+Enter.
#pragma once

#include "views/view.h"

namespace frontline::views {

class CallPopView : public View {
 public:
  CallPopView() : View("Call") {}

 protected:
  void drawContent(ViewContext& ctx) override;
  void placeFirstTime() const override;

 private:
  int m_disposition = -1;  // UI state: the disposition chosen for the wrap-up
};

}  // namespace frontline::views
