#include "telephony/media/call_score.h"

#include <algorithm>

namespace frontline::telephony::media {

std::string_view toString(QualityGrade grade) {
  switch (grade) {
    case QualityGrade::Good:
      return "good";
    case QualityGrade::Fair:
      return "fair";
    case QualityGrade::Poor:
      return "poor";
  }
  return "poor";
}

std::optional<QualityGrade> qualityGradeFromString(std::string_view text) {
  for (auto g : {QualityGrade::Good, QualityGrade::Fair, QualityGrade::Poor}) {
    if (text == toString(g)) return g;
  }
  return std::nullopt;
}

QualityGrade worse(QualityGrade a, QualityGrade b) {
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

QualityScore rateCall(double lossPercent, double delayMs) {
  constexpr double kIe = 0.0;    // G.711 (and Opus, see the header)
  constexpr double kBpl = 25.1;  // G.711 with packet-loss concealment, G.113 Appendix I
  const double loss = std::clamp(lossPercent, 0.0, 100.0);
  const double d = std::max(delayMs, 0.0);
  const double id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0.0);
  const double ieEff = kIe + (95.0 - kIe) * loss / (loss + kBpl);
  QualityScore s;
  s.r = std::clamp(93.2 - id - ieEff, 0.0, 100.0);
  s.mos = s.r <= 0 ? 1.0 : s.r >= 100 ? 4.5 : 1.0 + 0.035 * s.r + 7e-6 * s.r * (s.r - 60.0) * (100.0 - s.r);
  s.mos = std::clamp(s.mos, 1.0, 4.5);
  s.grade = s.r >= 80 ? QualityGrade::Good : s.r >= 70 ? QualityGrade::Fair : QualityGrade::Poor;
  s.lossPercent = loss;
  s.delayMs = d;
  return s;
}

std::optional<QualityScore> scoreCall(const CallQuality& now, const CallQuality* before) {
  const auto counter = [](auto a, auto b) { return static_cast<double>(a > b ? a - b : 0); };
  const double received = counter(now.packetsReceived, before ? before->packetsReceived : 0);
  const double lost = std::max(0.0, static_cast<double>(now.packetsLost - (before ? before->packetsLost : 0)));
  const double late = counter(now.framesLate, before ? before->framesLate : 0);
  const double expected = received + lost;
  std::optional<double> loss;
  if (expected >= static_cast<double>(kMinPackets)) loss = 100.0 * std::min(lost + late, expected) / expected;
  // The caller's word on our audio: its last report, when one came in this window.
  const bool reported = now.remoteLossPercent && now.rtcpReceived > (before ? before->rtcpReceived : 0);
  if (reported) loss = std::max(loss.value_or(0.0), *now.remoteLossPercent);
  if (!loss) return std::nullopt;
  const double delay = (now.roundTripMs ? *now.roundTripMs / 2.0 : 0.0) + now.bufferMs + 20.0;
  QualityScore s = rateCall(*loss, delay);
  s.jitterMs = now.jitterMs;
  s.roundTripMs = now.roundTripMs;
  return s;
}

std::optional<QualityScore> QualityWatch::sample(const CallQuality& q, std::optional<QualityScore>& current) {
  const auto score = scoreCall(q, m_previous ? &*m_previous : nullptr);
  m_previous = q;
  if (!score) return std::nullopt;
  current = score;
  const bool first = !m_reported;
  if (!first && score->grade == *m_reported) {
    m_candidate.reset();
    return std::nullopt;
  }
  if (!first && m_candidate != score->grade) {
    m_candidate = score->grade;  // seen once: wait for the next window
    return std::nullopt;
  }
  m_candidate.reset();
  m_reported = score->grade;
  if (!m_worst || score->mos < m_worst->mos) m_worst = score;
  return score;
}

std::optional<QualityReport> QualityWatch::atEnd(const std::string& key, const CallQuality& q) const {
  auto whole = scoreCall(q);
  if (!whole && !m_worst) return std::nullopt;
  QualityReport r;
  r.key = key;
  r.codec = q.codec;
  r.callEnded = true;
  r.score = whole ? *whole : *m_worst;
  r.worst = m_worst;
  if (!r.worst || r.score.mos < r.worst->mos) r.worst = r.score;
  return r;
}

}  // namespace frontline::telephony::media
