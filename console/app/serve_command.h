// `frontline serve --config FILE`: the desk and store without a window, until SIGINT or
// SIGTERM. The network listeners are not built yet (telephony issue); serve says so.
#pragma once

#include "app/config.h"

namespace frontline::app {

int runServe(const Config& config);

}  // namespace frontline::app
