// Chart arithmetic; see chart_scale.h.
#include "views/chart_scale.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace frontline::views {

std::vector<double> Axis::ticks() const {
  std::vector<double> out;
  for (double v = lo; v <= hi + step * 1e-9; v += step) out.push_back(v);
  return out;
}

Axis niceAxis(double lo, double hi, int ticks) {
  if (!(hi > lo)) return {lo, lo + 1, 1.0 / std::max(ticks, 1)};
  const double raw = (hi - lo) / std::max(ticks, 1);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * power;
    if (step >= raw * (1 - 1e-9)) break;
  }
  const double start = std::floor(lo / step) * step;
  const double end = std::ceil(hi / step - 1e-9) * step;
  return {start, std::max(end, start + step), step};
}

float valueToY(const Axis& axis, double value, float top, float bottom) {
  const double t = std::clamp((value - axis.lo) / (axis.hi - axis.lo), 0.0, 1.0);
  return static_cast<float>(bottom - t * (bottom - top));
}

float slotToX(std::size_t index, std::size_t count, float left, float right) {
  if (count == 0) return left;
  const float width = (right - left) / static_cast<float>(count);
  return left + width * (static_cast<float>(index) + 0.5f);
}

std::size_t xToSlot(float x, std::size_t count, float left, float right) {
  if (count == 0 || x < left || x >= right) return count;
  const auto slot = static_cast<std::size_t>((x - left) / (right - left) * static_cast<float>(count));
  return std::min(slot, count - 1);
}

std::string tickLabel(double value, double step, const std::string& unit) {
  char text[32];
  const bool whole = std::fabs(step - std::round(step)) < 1e-9 && std::fabs(value - std::round(value)) < 1e-9;
  std::snprintf(text, sizeof text, whole ? "%.0f" : "%.1f", value);
  return unit.empty() ? std::string(text) : std::string(text) + " " + unit;
}

}  // namespace frontline::views
