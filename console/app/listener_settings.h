// From configuration to the listeners' settings (addresses, allow-lists, limits).
#pragma once

#include "app/config.h"
#include "telephony/listeners.h"

namespace frontline::app {

telephony::ListenerSettings listenerSettings(const Config& config);

}  // namespace frontline::app
