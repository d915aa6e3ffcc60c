// How a call sounds, as one figure a supervisor can compare across agents and days: the
// E-model's transmission rating R (ITU-T G.107, in the simplified form used for VoIP)
// computed from what RTP and RTCP measure, and the mean opinion score (MOS) it predicts.
// README "Call quality" gives the same definition for the people who read the figures:
//
//   loss  = the worse direction: of the packets we expected from the caller, those that
//           never came or came too late for the jitter buffer to play; and the fraction of
//           ours the caller's last RTCP report says it lost (percent)
//   delay = one way: half the RTCP round trip (0 before the first report) + the jitter
//           buffer's delay + one packet (20 ms)
//   Id     = 0.024 d + 0.11 (d - 177.3) when d > 177.3 ms
//   Ie,eff = Ie + (95 - Ie) loss / (loss + Bpl), with G.711's Ie = 0 and Bpl = 25.1 (with
//            packet-loss concealment, ITU-T G.113 Appendix I); Opus is rated with G.711's
//            values (G.113 gives none for it: an approximation, on the pessimistic side)
//   R     = 93.2 - Id - Ie,eff
//   MOS   = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R), 1 below R = 0, 4.5 above R = 100
//   grade = good R >= 80, fair 70 <= R < 80, poor R < 70 (G.109: users satisfied, some
//           dissatisfied, many dissatisfied)
//
// Live, a call is scored over each 5-second window; its grade changes once a new grade
// held for two windows in a row (one bad moment is not a bad call). At its end it is scored
// over the whole call, and the worst grade it had is kept: "poor calls" on the floor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "telephony/media/call_quality.h"

namespace frontline::telephony::media {

std::string_view toString(QualityGrade grade);
std::optional<QualityGrade> qualityGradeFromString(std::string_view text);
// The worse of two grades.
QualityGrade worse(QualityGrade a, QualityGrade b);

// R, MOS and the grade for a loss (percent) and a one-way delay (ms); the rest of the
// score is left for the caller to fill.
QualityScore rateCall(double lossPercent, double delayMs);

// The score of a call's counters over the time since `before` (null: since its media
// started), or nullopt when neither direction can be told: fewer than kMinPackets expected
// from the caller and no RTCP report about ours.
constexpr std::uint64_t kMinPackets = 25;  // half a second of 20 ms packets
std::optional<QualityScore> scoreCall(const CallQuality& now, const CallQuality* before = nullptr);

// A call's grade changed, or its media ended: what becomes its `call_quality` event.
struct QualityReport {
  std::string key;  // the call's
  std::string codec;
  QualityScore score;
  bool callEnded = false;             // the media ended: `score` is over the whole call
  std::optional<QualityScore> worst;  // at the end: the lowest score reported while it ran
};

// Follows one call's counters, fed every kEveryMs on the media thread.
class QualityWatch {
 public:
  static constexpr std::int64_t kEveryMs = 5000;

  // The window since the last sample; a score to report when it is the call's first grade,
  // or a new grade seen in two windows in a row. `current` is set to the window's score
  // whenever there is one (the call pane's figure).
  std::optional<QualityScore> sample(const CallQuality& q, std::optional<QualityScore>& current);
  // The call ended: its report (nullopt when nothing could ever be scored).
  std::optional<QualityReport> atEnd(const std::string& key, const CallQuality& q) const;

 private:
  std::optional<CallQuality> m_previous;
  std::optional<QualityGrade> m_reported;
  std::optional<QualityGrade> m_candidate;  // a new grade seen once
  std::optional<QualityScore> m_worst;
};

}  // namespace frontline::telephony::media
