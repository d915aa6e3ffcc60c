// Small charts drawn with ImGui's draw list (Debian has no ImPlot): bars and lines over
// equal slots (15-minute intervals, days, shares of customers), a left axis and an
// optional right one (percentages), a target line, axis units and the values under the
// pointer in a tooltip. The arithmetic is chart_scale.h's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "views/view.h"

namespace frontline::views {

struct ChartSeries {
  std::string name;
  std::vector<std::optional<double>> values;  // one per slot; empty: nothing there
  bool bars = false;                          // else a line
  bool rightAxis = false;
  unsigned colour = 0xFFFFFFFF;            // ImU32 (ABGR)
  std::string unit;                        // in the tooltip: "contacts", "%"
  std::vector<unsigned> slotColours = {};  // per slot (the line up to the slot, the bar): overrides colour
};

struct ChartSpec {
  std::string title;
  std::vector<std::string> slotNames;      // per slot, for the tooltip ("09:15")
  std::vector<std::string> xTicks;         // per slot, "" where no tick label is drawn
  std::string leftUnit, rightUnit;         // axis units
  std::optional<double> rightMax;          // e.g. 100 for percentages
  std::optional<double> leftMin, leftMax;  // a fixed left axis (-100 .. +100 for a feeling), four steps
  std::optional<double> target;            // a dashed line on the right axis (else the left)
  std::string targetName;
  std::optional<std::size_t> markSlot;  // a vertical mark through this slot
  std::string markName;
  std::vector<ChartSeries> series;
};

// Draws at the cursor, `size` pixels; records the title and each series' last value in
// the UI dump.
void drawChart(ViewContext& ctx, const char* id, const ChartSpec& spec, float width, float height);

}  // namespace frontline::views
