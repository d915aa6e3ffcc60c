// One row of the agent's lists (queue, missed calls, callbacks): two lines, what it is
// (in its colour, with an optional badge) and then its details (dim), the whole row one
// selectable area taken on the press: a row that slides in under the pointer between press
// and release is never the one taken. Everything in a tooltip when the row is cut.
#pragma once

#include <imgui.h>

#include <string>

#include "views/view.h"

namespace frontline::views {

struct ListRow {
  std::string first;  // who or what
  ImVec4 colour{1, 1, 1, 1};
  std::string badge;  // "[True friend]" after the first line, or empty
  ImVec4 badgeColour{1, 1, 1, 1};
  std::string detail;  // the second, dim line
  bool selected = false;
  std::string label;  // the row's name in the dump (a test presses it by this); empty: `first`
};

// The height of one row, for a list clipper.
float listRowHeight();
// Draws the row (under the current ID scope), recorded in the dump as a button labelled
// with its first line; true in the frame a press began on it.
bool drawListRow(ViewContext& ctx, const char* id, const ListRow& row);

}  // namespace frontline::views
