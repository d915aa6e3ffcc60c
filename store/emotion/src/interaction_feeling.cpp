#include "emotion/interaction_feeling.h"

#include <algorithm>
#include <cmath>

namespace frontline::emotion {

InteractionFeeling combineTurns(std::span<const Turn> input) {
  InteractionFeeling out;
  std::vector<Turn> turns(input.begin(), input.end());
  std::stable_sort(turns.begin(), turns.end(), [](const Turn& a, const Turn& b) { return a.atUs < b.atUs; });
  out.turns = static_cast<int>(turns.size());
  const std::size_t n = turns.size();
  // The last turn weighs three times the first, those between in proportion.
  auto placeWeight = [n](std::size_t i) {
    return 1 + 2 * (n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 1.0);
  };
  double weighted = 0, weights = 0, arousal = 0, placeWeights = 0, evidence = 0, doubt = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const TurnScore& s = turns[i].score;
    const double w = s.confidence * placeWeight(i);
    float a = s.arousal;
    if (turns[i].unanswered) a = std::min(1.0f, a + 0.2f);
    weighted += w * s.valence;
    arousal += placeWeight(i) * a;
    placeWeights += placeWeight(i);
    weights += w;
    evidence += s.confidence;
    doubt *= 1 - s.confidence;
    out.moments.push_back({turns[i].atUs, static_cast<int>(std::lround(s.valence * 100)), a});
    for (const auto& e : s.evidence) out.evidence.push_back(e);
  }
  out.arousal = placeWeights > 0 ? static_cast<float>(arousal / placeWeights) : 0;
  out.confidence = static_cast<float>(1 - doubt);
  out.enough = evidence >= kMinimumEvidence && weights > 0;
  if (out.enough) out.index = static_cast<int>(std::lround(100 * weighted / weights));
  // The trend is over the turns with words: a voice segment has arousal, no valence.
  std::vector<int> worded;
  for (std::size_t i = 0; i < n; ++i)
    if (turns[i].source != "voice") worded.push_back(out.moments[i].index);
  const std::size_t w = worded.size();
  if (w >= 2) {
    const std::size_t third = std::max<std::size_t>(1, w / 3);
    double first = 0, last = 0;
    for (std::size_t i = 0; i < third; ++i) {
      first += worded[i];
      last += worded[w - 1 - i];
    }
    out.trend = static_cast<int>(std::lround((last - first) / static_cast<double>(third)));
  }
  std::stable_sort(out.evidence.begin(), out.evidence.end(),
                   [](const Evidence& a, const Evidence& b) { return std::fabs(a.value) > std::fabs(b.value); });
  if (out.evidence.size() > 8) out.evidence.resize(8);
  return out;
}

CustomerFeeling customerFeeling(std::span<const ScoredContact> input, std::int64_t nowUs) {
  CustomerFeeling out;
  if (input.empty()) return out;
  std::vector<ScoredContact> contacts(input.begin(), input.end());
  std::stable_sort(contacts.begin(), contacts.end(),
                   [](const ScoredContact& a, const ScoredContact& b) { return a.atUs < b.atUs; });
  auto decayed = [&](std::size_t count) {
    double sum = 0, weights = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const double ageDays = std::max<double>(0, static_cast<double>(nowUs - contacts[i].atUs) / 86'400e6);
      const double w = std::pow(0.5, ageDays / kHalfLifeDays);
      sum += w * contacts[i].index;
      weights += w;
    }
    return weights > 0 ? sum / weights : 0.0;
  };
  out.known = true;
  out.contacts = static_cast<int>(contacts.size());
  out.average = static_cast<int>(std::lround(decayed(contacts.size())));
  out.last = contacts.back().index;
  if (contacts.size() >= 2) {
    const double before = decayed(contacts.size() - 1);
    if (out.last - before >= kTrendPoints) {
      out.trend = Direction::Better;
    } else if (before - out.last >= kTrendPoints) {
      out.trend = Direction::Worse;
    }
  }
  return out;
}

std::string signedIndex(int index) {
  return (index > 0 ? "+" : "") + std::to_string(index);
}

const char* arrowOf(Direction d) {
  switch (d) {
    case Direction::Worse:
      return "\u2193";
    case Direction::Better:
      return "\u2191";
    case Direction::Steady:
      break;
  }
  return "\u2192";
}

}  // namespace frontline::emotion
