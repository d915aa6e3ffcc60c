// "Agent": who is logged in, the state (available, not ready with its reason, on contact,
// wrap-up) and how long in it, with the buttons to change it.
#pragma once

#include "views/view.h"

namespace frontline::views {

class AgentBarView : public View {
 public:
  AgentBarView() : View("Agent") {}

 protected:
  void drawContent(ViewContext& ctx) override;
  bool titled() const override { return false; }

 private:
  int m_reason = 0;  // UI state: the not-ready reason chosen in the combo
};

}  // namespace frontline::views
