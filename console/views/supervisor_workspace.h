// The supervisor's workspace: the alerts banner (acknowledge each), a summary line, the
// floor's panels as tabs (Floor, Queues, Complaints, Value) on the left and the details of
// whatever is selected in them on the right (drill-down and actions), the status line at
// the bottom. Every figure comes from the analytics worker's FloorSnapshot (ctx.floor).
#pragma once

#include <set>
#include <string>

#include "views/complaint_board_view.h"
#include "views/floor_details_view.h"
#include "views/floor_view.h"
#include "views/queues_view.h"
#include "views/replay_view.h"
#include "views/status_line_view.h"
#include "views/value_view.h"
#include "views/workspace.h"

namespace frontline::views {

class SupervisorWorkspace : public Workspace {
 public:
  void draw(ViewContext& ctx) override;

 private:
  void drawAlerts(ViewContext& ctx, float width);
  void drawSummary(ViewContext& ctx);

  FloorSelection m_selection;
  FloorView m_floor{m_selection};
  QueuesView m_queues{m_selection};
  ComplaintBoardView m_complaints{m_selection};
  ValueView m_value{m_selection};
  FloorDetailsView m_details{m_selection};
  StatusLineView m_status;
  ReplayView m_replay;                   // floating: a drill-down's contact, replayed
  float m_detailsShare = 0.30f;          // of the width
  std::set<std::string> m_acknowledged;  // sent, until the worker has folded them
};

}  // namespace frontline::views
