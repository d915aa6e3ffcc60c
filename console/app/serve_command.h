// `frontline serve --config FILE`: the desk and store without a window, until SIGINT or
// SIGTERM, with the configured network listeners (SMTP and LMTP so far).
#pragma once

#include "app/config.h"

namespace frontline::app {

int runServe(const Config& config);

}  // namespace frontline::app
