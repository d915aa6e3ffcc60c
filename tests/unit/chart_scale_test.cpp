// The supervisor's charts: round axes and the mapping of values and slots to pixels.
#include <catch2/catch.hpp>

#include "views/chart_scale.h"

using namespace frontline::views;

TEST_CASE("chart axes are round and hold the data", "[chart]") {
  auto a = niceAxis(0, 87);
  CHECK(a.lo == 0);
  CHECK(a.hi == 100);
  CHECK(a.step == 20);
  CHECK(a.ticks() == std::vector<double>{0, 20, 40, 60, 80, 100});
  a = niceAxis(0, 100);
  CHECK(a.hi == 100);  // exactly full: no extra step
  a = niceAxis(0, 1);
  CHECK(a.step == Approx(0.2));
  CHECK(a.hi == Approx(1.0));
  a = niceAxis(0, 12);
  CHECK(a.step == Approx(2.5));
  CHECK(a.hi == Approx(12.5));
  a = niceAxis(0, 0);  // nothing yet: a unit axis, never a division by zero
  CHECK(a.hi > a.lo);
  a = niceAxis(0, 1'000'000);
  CHECK(a.step == 200'000);
}

TEST_CASE("chart values and slots map to pixels and back", "[chart]") {
  const Axis a{0, 100, 20};
  CHECK(valueToY(a, 0, 10, 110) == Approx(110));
  CHECK(valueToY(a, 100, 10, 110) == Approx(10));
  CHECK(valueToY(a, 50, 10, 110) == Approx(60));
  CHECK(valueToY(a, 250, 10, 110) == Approx(10));  // clamped to the plot
  CHECK(slotToX(0, 4, 0, 400) == Approx(50));
  CHECK(slotToX(3, 4, 0, 400) == Approx(350));
  CHECK(xToSlot(50, 4, 0, 400) == 0);
  CHECK(xToSlot(399, 4, 0, 400) == 3);
  CHECK(xToSlot(400, 4, 0, 400) == 4);  // outside
  CHECK(xToSlot(-1, 4, 0, 400) == 4);
  CHECK(tickLabel(80, 20, "%") == "80 %");
  CHECK(tickLabel(2.5, 2.5, "") == "2.5");
}
