// "Floor": every agent with their state, the reason, time in state (ticking, coloured by
// the [floor] thresholds), the contact in hand (channel, customer, quadrant, duration),
// how the call in hand sounds and today's poor calls (README "Call quality"), contacts
// handled today, AHT and occupancy (METRICS.md "Agents"). Sort by any column,
// filter by team and state; a row opens the agent in the details region.
#pragma once

#include <string>

#include "views/floor_text.h"
#include "views/view.h"

namespace frontline::views {

class FloorView : public View {
 public:
  explicit FloorView(FloorSelection& selection) : View("Floor"), m_selection(selection) {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  static void drawContactFeeling(ViewContext& ctx, const floor::AgentCurrentContact& c);
  static void drawCallSound(ViewContext& ctx, const floor::FloorAgent& a);

  FloorSelection& m_selection;
  int m_team = 0;   // 0: every team
  int m_state = 0;  // 0: logged in, 1: every state, then each state
  int m_sortColumn = 0;
  bool m_sortAscending = true;
};

}  // namespace frontline::views
