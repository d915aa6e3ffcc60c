// The payload of a call_quality event (store/event.h) from the media engine's report
// (telephony/media/call_score.h): what the desk records and the demo floor simulates.
#pragma once

#include <string>

#include "telephony/media/call_score.h"

namespace frontline::desk {

// JSON text: grade, mos, r, loss_percent, jitter_ms, delay_ms, round_trip_ms?, codec, and at
// the call's end final, worst_grade, worst_mos. Figures rounded to what a person reads.
std::string callQualityPayload(const telephony::media::QualityReport& report);

}  // namespace frontline::desk
