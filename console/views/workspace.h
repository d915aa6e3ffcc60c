// A workspace: everything one role sees, filling the window and following its size. The
// role in agent.role picks it (createWorkspace). Its panels are fixed regions between
// splitters that cannot be closed or lost; optional panels come from its View menu.
#pragma once

#include <memory>
#include <string>

#include "views/view.h"

namespace frontline::views {

class Workspace {
 public:
  virtual ~Workspace() = default;
  // Draws the whole window's content for this frame.
  virtual void draw(ViewContext& ctx) = 0;
};

// "agent": the agent desk; "supervisor": the floor; "trainer": a page saying their
// workspace is not built yet (the next issue), never the agent desk pretending.
std::unique_ptr<Workspace> createWorkspace(const std::string& role);

// Begins the window-filling host of a workspace (with a menu bar); returns the region
// left for content. Always pair with endHost().
void beginHost(ViewContext& ctx, const char* id);
void endHost();

// A draggable bar between two regions: `size` (the first region's width or height) moves
// with the mouse within [min, max]. Horizontal bars sit between regions stacked vertically.
void splitter(const char* id, bool betweenColumns, float thickness, float length, float& size, float min, float max);

}  // namespace frontline::views
