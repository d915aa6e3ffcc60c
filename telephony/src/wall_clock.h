// Wall-clock time for timestamps on received contacts (microseconds since the epoch, UTC).
#pragma once

#include <chrono>
#include <cstdint>

namespace frontline::telephony {

inline std::int64_t nowUs() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace frontline::telephony
