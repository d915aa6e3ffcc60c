// A call_quality event's payload; see call_quality_event.h.
#include "desk/call_quality_event.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace frontline::desk {
namespace {

using Json = nlohmann::json;

double rounded(double v, double unit) {
  return std::round(v / unit) * unit;
}

}  // namespace

std::string callQualityPayload(const telephony::media::QualityReport& report) {
  const auto& s = report.score;
  Json j = {{"grade", telephony::media::toString(s.grade)},
            {"mos", rounded(s.mos, 0.01)},
            {"r", rounded(s.r, 0.1)},
            {"loss_percent", rounded(s.lossPercent, 0.01)},
            {"jitter_ms", rounded(s.jitterMs, 0.1)},
            {"delay_ms", rounded(s.delayMs, 1)},
            {"codec", report.codec}};
  if (s.roundTripMs) j["round_trip_ms"] = rounded(*s.roundTripMs, 1);
  if (report.callEnded) j["final"] = true;
  if (report.worst) {
    j["worst_grade"] = telephony::media::toString(report.worst->grade);
    j["worst_mos"] = rounded(report.worst->mos, 0.01);
  }
  return j.dump();
}

}  // namespace frontline::desk
