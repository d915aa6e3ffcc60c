// The one place that lists the console's windows, in drawing order.
#pragma once

#include <memory>
#include <vector>

#include "views/view.h"

namespace frontline::views {

std::vector<std::unique_ptr<View>> createViews();

}  // namespace frontline::views
