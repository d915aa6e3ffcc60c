// "Complaints" (CRM_NOTES.md §4, complaint monitoring): the open complaints as a board in
// three columns (on track, at risk, breached) with countdowns, sorted by time to breach;
// at risk is the prediction of METRICS.md (queue position, staffed agents, handle rate,
// Erlang C), explained in each card's tooltip. Below: first-response time and time to
// resolution (p50, p90, share within SLA) per priority, category, agent or team for
// today, 7 or 30 days, and their daily trend. A card opens the complaint in the details
// region, where the supervisor acts on it.
#pragma once

#include "views/floor_text.h"
#include "views/view.h"

namespace frontline::views {

class ComplaintBoardView : public View {
 public:
  explicit ComplaintBoardView(FloorSelection& selection) : View("Complaints"), m_selection(selection) {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  void drawColumn(ViewContext& ctx, const char* title, floor::ComplaintState state, float width, float height);
  void drawFigures(ViewContext& ctx, float height);

  FloorSelection& m_selection;
  int m_range = 0;      // today, 7 days, 30 days
  int m_dimension = 0;  // priority, category, agent, team
};

}  // namespace frontline::views
