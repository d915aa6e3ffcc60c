// Time for the desk: microseconds since the Unix epoch, UTC. Injected so tests can
// script the clock.
#pragma once

#include <cstdint>
#include <functional>

namespace frontline::desk {

using Clock = std::function<std::int64_t()>;
std::int64_t systemNowUs();

}  // namespace frontline::desk
