// The arithmetic of our charts (Debian has no ImPlot, so the supervisor's charts are drawn
// with ImGui's draw list by chart.h): a value axis with round ticks, and the mapping of
// values and indices to pixels. No ImGui here, so it is unit-tested on its own.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace frontline::views {

struct Axis {
  double lo = 0;
  double hi = 1;
  double step = 1;  // between ticks
  std::vector<double> ticks() const;
};

// The smallest axis from `lo` (usually 0) that holds `hi`, with about `ticks` steps of 1, 2,
// 2.5 or 5 times a power of ten. An empty range (hi <= lo) gets a unit axis.
Axis niceAxis(double lo, double hi, int ticks = 5);

// Where a value falls between `top` (the axis's hi) and `bottom` (its lo), in pixels,
// clamped to the plot.
float valueToY(const Axis& axis, double value, float top, float bottom);
// The centre of slot `index` of `count` equal slots between `left` and `right`.
float slotToX(std::size_t index, std::size_t count, float left, float right);
// The slot under pixel `x` (for hover values), or count when outside.
std::size_t xToSlot(float x, std::size_t count, float left, float right);

// A tick's label: "20", "2.5", "80 %" (with `unit`).
std::string tickLabel(double value, double step, const std::string& unit);

}  // namespace frontline::views
