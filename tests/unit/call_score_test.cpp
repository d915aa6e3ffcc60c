// A call's quality as one figure (telephony/media/call_score.h, README "Call quality"):
// the E-model at known points, the windows a live call is scored over, and when a grade
// change is reported.
#include <catch2/catch.hpp>

#include "telephony/media/call_score.h"

using namespace frontline::telephony::media;

namespace {

// A call's counters after `seconds` of 20 ms packets from the caller, `lost` of them
// missing and `late` too late to play.
CallQuality counters(double seconds, std::int64_t lost = 0, std::uint64_t late = 0) {
  CallQuality q;
  q.codec = "PCMU/8000";
  q.seconds = seconds;
  const auto expected = static_cast<std::int64_t>(seconds * 50);
  q.packetsReceived = static_cast<std::uint64_t>(expected - lost);
  q.packetsLost = lost;
  q.framesLate = late;
  q.bufferMs = 40;
  q.jitterMs = 3;
  return q;
}

}  // namespace

TEST_CASE("the E-model: a clean call is good, loss and delay take it down through fair to poor", "[media][score]") {
  const auto clean = rateCall(0, 60);
  CHECK(clean.r == Approx(93.2 - 0.024 * 60));
  CHECK(clean.mos == Approx(4.38).margin(0.01));  // about the best a narrowband call can score
  CHECK(clean.grade == QualityGrade::Good);
  // Ie,eff = 95 * 2 / 27.1 = 7.0: still good at 2 % loss.
  CHECK(rateCall(2, 60).grade == QualityGrade::Good);
  // 5 %: Ie,eff = 15.8, R = 75.9: some users dissatisfied.
  const auto fair = rateCall(5, 60);
  CHECK(fair.r == Approx(75.96).margin(0.05));
  CHECK(fair.grade == QualityGrade::Fair);
  CHECK(fair.mos > 3.6);
  CHECK(fair.mos < 4.03);
  CHECK(rateCall(10, 60).grade == QualityGrade::Poor);
  // Delay alone: past 177.3 ms one way each millisecond costs more.
  CHECK(rateCall(0, 150).grade == QualityGrade::Good);
  CHECK(rateCall(0, 300).grade == QualityGrade::Fair);
  CHECK(rateCall(0, 400).grade == QualityGrade::Poor);
  // Bounds: MOS stays within 1..4.5 however bad.
  CHECK(rateCall(100, 2000).mos == Approx(1.0));
  CHECK(rateCall(-3, -5).grade == QualityGrade::Good);  // nonsense counters do not score above a clean call
  CHECK(rateCall(-3, -5).mos <= 4.5);
  CHECK(worse(QualityGrade::Fair, QualityGrade::Poor) == QualityGrade::Poor);
  CHECK(worse(QualityGrade::Good, QualityGrade::Fair) == QualityGrade::Fair);
  CHECK(qualityGradeFromString("poor") == QualityGrade::Poor);
  CHECK_FALSE(qualityGradeFromString("awful"));
}

TEST_CASE("a window is scored from what it measured: our loss, late frames, the caller's report, the delay",
          "[media][score]") {
  // Too few packets either way: nothing to say (a held call, the first moments).
  CHECK_FALSE(scoreCall(counters(0.3)));
  const auto start = counters(10);
  CHECK_FALSE(scoreCall(counters(10.2), &start));

  // 5 s more with 25 lost and 10 late of 250: 14 % not played.
  const auto later = counters(15, 25, 10);
  const auto window = scoreCall(later, &start);
  REQUIRE(window);
  CHECK(window->lossPercent == Approx(100.0 * 35 / 250));
  CHECK(window->grade == QualityGrade::Poor);
  CHECK(window->delayMs == Approx(40 + 20));  // no round trip known yet
  CHECK(window->jitterMs == Approx(3));

  // The caller says it lost 6 % of ours, in a report of this window: the worse direction counts.
  auto reported = counters(20);
  reported.remoteLossPercent = 6;
  reported.roundTripMs = 80;
  reported.rtcpReceived = 3;
  auto before = counters(15);
  before.rtcpReceived = 2;
  const auto theirs = scoreCall(reported, &before);
  REQUIRE(theirs);
  CHECK(theirs->lossPercent == Approx(6));
  CHECK(theirs->delayMs == Approx(40 + 40 + 20));
  REQUIRE(theirs->roundTripMs);
  CHECK(*theirs->roundTripMs == Approx(80));
  // An old report (none since the last window) is not counted again.
  before.rtcpReceived = 3;
  CHECK(scoreCall(reported, &before)->lossPercent == Approx(0));
  // The caller sends nothing (we hold it) but reports on ours: still scored.
  auto held = before;
  held.rtcpReceived = 4;
  held.remoteLossPercent = 0;
  CHECK(scoreCall(held, &before));
}

TEST_CASE("a live call reports its first grade, then a new grade only once it held for two windows", "[media][score]") {
  QualityWatch watch;
  std::optional<QualityScore> current;
  CHECK_FALSE(watch.sample(counters(0.2), current));  // too early: nothing, not even the pane's figure
  CHECK_FALSE(current);
  const auto first = watch.sample(counters(5), current);
  REQUIRE(first);
  CHECK(first->grade == QualityGrade::Good);
  REQUIRE(current);
  CHECK(current->grade == QualityGrade::Good);
  CHECK_FALSE(watch.sample(counters(10), current));  // the same grade: nothing new

  // One bad window: the pane shows it, the call's grade stays.
  CHECK_FALSE(watch.sample(counters(15, 40), current));
  CHECK(current->grade == QualityGrade::Poor);
  CHECK_FALSE(watch.sample(counters(20, 40), current));        // good again: the candidate is forgotten
  CHECK_FALSE(watch.sample(counters(25, 80), current));        // bad once more: seen once
  const auto poor = watch.sample(counters(30, 120), current);  // twice in a row: reported
  REQUIRE(poor);
  CHECK(poor->grade == QualityGrade::Poor);
  CHECK_FALSE(watch.sample(counters(35, 120), current));  // clean window, seen once
  const auto good = watch.sample(counters(40, 120), current);
  REQUIRE(good);
  CHECK(good->grade == QualityGrade::Good);

  // At the end: the whole call (120 of 2000 = 6 %: fair), and the worst reported (poor).
  const auto end = watch.atEnd("call-1", counters(40, 120));
  REQUIRE(end);
  CHECK(end->callEnded);
  CHECK(end->key == "call-1");
  CHECK(end->codec == "PCMU/8000");
  CHECK(end->score.lossPercent == Approx(6.0));
  CHECK(end->score.grade == QualityGrade::Fair);
  REQUIRE(end->worst);
  CHECK(end->worst->grade == QualityGrade::Poor);

  // A call that never carried enough audio to tell has no report at its end.
  CHECK_FALSE(QualityWatch().atEnd("call-2", counters(0.2)));
}
