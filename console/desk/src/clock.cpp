#include "desk/clock.h"

#include <chrono>

namespace frontline::desk {

std::int64_t systemNowUs() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace frontline::desk
