// "My evaluations": an agent's evaluations by trainers (pulled from the central store):
// each one's form, score and comments, with the moment of the contact a comment points at,
// and Acknowledge (an event the trainer sees). Opened from the menu bar, which counts the
// new ones.
#pragma once

#include "views/view.h"

namespace frontline::views {

class MyEvaluationsView : public View {
 public:
  MyEvaluationsView() : View("My evaluations") { visible() = false; }

 protected:
  void drawContent(ViewContext& ctx) override;
  void placeFirstTime() const override;
};

// How many of the agent's evaluations are not acknowledged yet.
int newEvaluations(const desk::DeskSnapshot& s);

}  // namespace frontline::views
