// The figures of shared METRICS.md; see metrics.h.
#include "floor/metrics.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace frontline::floor {

namespace {

// Adds `o` to `c`, or takes it away (sign -1): a contact's contribution comes and goes.
QueueCounts& accumulate(QueueCounts& c, const QueueCounts& o, std::int64_t sign) {
  for (auto [field, other] : {std::pair{&c.offered, o.offered},
                              {&c.answered, o.answered},
                              {&c.abandoned, o.abandoned},
                              {&c.shortAbandoned, o.shortAbandoned},
                              {&c.missed, o.missed},
                              {&c.withinTarget, o.withinTarget},
                              {&c.waitSumUs, o.waitSumUs},
                              {&c.handled, o.handled},
                              {&c.handledTimed, o.handledTimed},
                              {&c.handleSumUs, o.handleSumUs},
                              {&c.waitingYoung, o.waitingYoung}}) {
    *field += sign * other;
  }
  return c;
}

}  // namespace

QueueCounts& QueueCounts::operator+=(const QueueCounts& o) {
  return accumulate(*this, o, 1);
}

QueueCounts& QueueCounts::operator-=(const QueueCounts& o) {
  return accumulate(*this, o, -1);
}

std::optional<std::int64_t> responseUs(const store::InteractionRow& c) {
  if (!c.answeredUs) return std::nullopt;
  if (c.channel == "email") return c.endedUs;  // the reply ends an email's handling
  return c.answeredUs;
}

std::int64_t answerTargetUs(const store::InteractionRow& c, const QueueSettings& queue) {
  return c.channel == "email" ? queue.emailAnswerWithinUs : queue.answerWithinUs;
}

bool isWaiting(const store::InteractionRow& c) {
  return c.direction != "out" && c.offeredUs > 0 && !c.answeredUs && !c.endedUs;
}

QueueCounts contributionOf(const store::InteractionRow& c, const QueueSettings& queue) {
  QueueCounts q;
  if (c.direction == "out" || c.offeredUs == 0) return q;
  q.offered = 1;
  if (c.answeredUs) {
    q.answered = 1;
    q.waitSumUs = *c.answeredUs - c.offeredUs;
  }
  if (c.outcome == "cancelled") {
    q.abandoned = 1;
    const std::int64_t gone = c.endedUs.value_or(c.lastEventUs);
    if (gone - c.offeredUs <= queue.shortAbandonUs) q.shortAbandoned = 1;
  } else if (!c.answeredUs && (c.outcome == "missed" || c.outcome == "declined" || c.outcome == "forwarded")) {
    q.missed = 1;
  }
  if (const auto r = responseUs(c); r && *r - c.offeredUs <= answerTargetUs(c, queue)) q.withinTarget = 1;
  if (c.answeredUs && c.endedUs) {
    q.handled = 1;
    // AHT counts a contact once its after-contact work is finished (talk + ACW known);
    // hold is inside talk for voice, and an email's "talk" is taken -> reply sent.
    if (c.wrappedUs) {
      q.handledTimed = 1;
      q.handleSumUs = *c.wrappedUs - *c.answeredUs;
    }
  }
  return q;
}

std::optional<double> serviceLevel(const QueueCounts& c) {
  const std::int64_t counted = c.offered - c.shortAbandoned - c.waitingYoung;
  if (counted <= 0) return std::nullopt;
  return static_cast<double>(c.withinTarget) / static_cast<double>(counted);
}

std::optional<double> asaSeconds(const QueueCounts& c) {
  if (c.answered == 0) return std::nullopt;
  return static_cast<double>(c.waitSumUs) / static_cast<double>(c.answered) / 1e6;
}

std::optional<double> ahtSeconds(const QueueCounts& c) {
  if (c.handledTimed == 0) return std::nullopt;
  return static_cast<double>(c.handleSumUs) / static_cast<double>(c.handledTimed) / 1e6;
}

std::optional<double> abandonmentRate(const QueueCounts& c) {
  const std::int64_t offered = c.offered - c.shortAbandoned;
  if (offered <= 0) return std::nullopt;
  return static_cast<double>(c.abandoned - c.shortAbandoned) / static_cast<double>(offered);
}

std::optional<double> FcrCounts::rate() const {
  if (known == 0) return std::nullopt;
  return static_cast<double>(resolved) / static_cast<double>(known);
}

FcrCounts firstContactResolution(const std::vector<const store::InteractionRow*>& contacts, int days,
                                 std::int64_t nowUs, const std::function<bool(const store::InteractionRow&)>& counted) {
  const std::int64_t window = days * kDayUs;
  std::map<std::int64_t, std::vector<std::int64_t>> offeredByCustomer;
  for (const auto* c : contacts) {
    if (c->customerId && c->offeredUs > 0) offeredByCustomer[*c->customerId].push_back(c->offeredUs);
  }
  for (auto& [customer, times] : offeredByCustomer) std::sort(times.begin(), times.end());
  FcrCounts f;
  for (const auto* c : contacts) {
    if (!c->answeredUs || !c->customerId || !counted(*c)) continue;
    if (nowUs - c->offeredUs < window) {
      ++f.pending;
      continue;
    }
    ++f.known;
    const auto& times = offeredByCustomer[*c->customerId];
    const auto next = std::upper_bound(times.begin(), times.end(), c->offeredUs);
    if (next == times.end() || *next > c->offeredUs + window) ++f.resolved;
  }
  return f;
}

std::optional<std::int64_t> percentile(std::vector<std::int64_t> values, int p) {
  if (values.size() < 5) return std::nullopt;  // METRICS.md: say "n < 5" instead
  std::sort(values.begin(), values.end());
  const auto n = static_cast<double>(values.size());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * n));
  rank = std::clamp<std::size_t>(rank, 1, values.size());
  return values[rank - 1];
}

std::optional<double> AgentTime::occupancy() const {
  const std::int64_t available = staffedUs - notReadyUs;
  if (available <= 0) return std::nullopt;
  return static_cast<double>(busyUs) / static_cast<double>(available);
}

AgentTime agentTime(const std::vector<StateSpan>& changes, const std::string& before, std::int64_t fromUs,
                    std::int64_t toUs) {
  AgentTime t;
  auto add = [&](const std::string& state, std::int64_t a, std::int64_t b) {
    a = std::max(a, fromUs);
    b = std::min(b, toUs);
    if (b <= a || state == "logged_out" || state.empty()) return;
    t.staffedUs += b - a;
    if (state == "not_ready") t.notReadyUs += b - a;
    if (state == "on_contact" || state == "wrap_up") t.busyUs += b - a;
  };
  std::string state = before;
  std::int64_t since = fromUs;
  for (const auto& change : changes) {
    add(state, since, change.sinceUs);
    state = change.state;
    since = std::max(since, change.sinceUs);
  }
  add(state, since, toUs);
  return t;
}

ErlangC erlangC(double perSecond, double handleSeconds, int agents) {
  ErlangC e;
  e.agents = agents;
  e.handleSeconds = handleSeconds;
  e.load = perSecond * handleSeconds;
  if (agents <= 0 || agents <= e.load) {
    e.overloaded = true;
    e.waitProbability = 1.0;
    e.meanWaitSeconds = INFINITY;
    return e;
  }
  // METRICS.md's P(wait), computed through the Erlang B recursion B(k) = A B(k-1) / (k + A
  // B(k-1)) and C = N B / (N - A (1 - B)), which is the same quotient without A^N / N!
  // overflowing for large N.
  double b = 1.0;
  for (int k = 1; k <= agents; ++k) b = e.load * b / (k + e.load * b);
  const double n = agents;
  e.waitProbability = n * b / (n - e.load * (1.0 - b));
  e.meanWaitSeconds = e.waitProbability * handleSeconds / (n - e.load);
  return e;
}

double ErlangC::serviceLevel(double seconds) const {
  if (overloaded) return 0.0;
  if (handleSeconds <= 0) return 1.0;
  return 1.0 - waitProbability * std::exp(-(agents - load) * seconds / handleSeconds);
}

}  // namespace frontline::floor
