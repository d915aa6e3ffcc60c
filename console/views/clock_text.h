// Clocks on screen that cost nothing while idle: seconds only for the first minute, then
// whole minutes, and the view's next tick set to the moment the text changes.
#pragma once

#include <cstdint>
#include <string>

#include "floor/floor_settings.h"
#include "views/view.h"

namespace frontline::views {

// Time since `sinceUs`: "42s", then "12m", "3h 05m", "2d 4h".
std::string elapsedText(ViewContext& ctx, std::int64_t sinceUs);
// Time until `untilUs` ("in 3h 59m"), or past it ("overdue by 12m").
std::string remainingText(ViewContext& ctx, std::int64_t untilUs);
// A moment in the user's time zone (ui.time_zone, else the system's): "2026-11-22 14:05".
std::string localDateTime(std::int64_t us);
std::string localDate(std::int64_t us);
// As short as the moment allows, in the user's time zone: "08:09" today, "27 Nov 18:58"
// this year, else "2024-01-27".
std::string localShortDateTime(std::int64_t us, std::int64_t nowUs);
using floor::localClock;  // `us` in the user's time zone with an strftime format, for chart labels
// A moment within a contact (a replay's playhead): "0:42", "12:05", "1:03:20".
std::string offsetText(std::int64_t us);
// "1 email", "3 emails".
std::string plural(std::int64_t n, const char* one, const char* many);

}  // namespace frontline::views
