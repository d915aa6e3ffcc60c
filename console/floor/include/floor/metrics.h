// The supervisor's figures, each defined once as in shared METRICS.md and cited there by
// name. The screens (FloorModel) and `frontline report` both compute through these
// functions, so they cannot disagree.
//
// Contact figures are sums (QueueCounts) that a contact contributes to the interval it
// was offered in; adding and removing a contact's contribution is how the floor stays
// incremental. Figures that depend on "now" (a contact still waiting) are applied when a
// snapshot is taken (withWaiting).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "floor/floor_settings.h"
#include "store/projections.h"

namespace frontline::floor {

// Additive per-contact counts (METRICS.md "Contacts and queues").
struct QueueCounts {
  std::int64_t offered = 0;         // offered: entered the queue (inbound contacts)
  std::int64_t answered = 0;        // answered: taken by an agent
  std::int64_t abandoned = 0;       // abandoned: the caller hung up before an answer
  std::int64_t shortAbandoned = 0;  // short abandon: abandoned within short_abandon_s
  std::int64_t missed = 0;          // missed: not answered, not abandoned (no answer, declined, PBX gave up)
  std::int64_t withinTarget = 0;    // SL numerator: answered (emails: first reply) within T
  std::int64_t waitSumUs = 0;       // ASA: sum of (answered - offered)
  std::int64_t handled = 0;         // handled: answered and ended
  std::int64_t handledTimed = 0;    // handled with after-contact work finished (AHT's n)
  std::int64_t handleSumUs = 0;     // AHT: sum of talk + hold + after-contact work
  std::int64_t waitingYoung = 0;    // set by withWaiting(): still waiting and younger than T
  QueueCounts& operator+=(const QueueCounts& o);
  QueueCounts& operator-=(const QueueCounts& o);
  bool operator==(const QueueCounts&) const = default;
};

// What one contact adds to its queue's counts (outbound contacts add nothing).
QueueCounts contributionOf(const store::InteractionRow& contact, const QueueSettings& queue);
// Whether a contact is still waiting for an agent (offered, ringing, or an email not yet
// replied to).
bool isWaiting(const store::InteractionRow& contact);
// The moment a contact counts as answered for service level: calls when taken, emails at
// the first reply (METRICS.md SL, "emails use their own T").
std::optional<std::int64_t> responseUs(const store::InteractionRow& contact);
std::int64_t answerTargetUs(const store::InteractionRow& contact, const QueueSettings& queue);

// METRICS.md "service level": withinTarget / (offered - short abandons - waiting younger than T).
std::optional<double> serviceLevel(const QueueCounts& c);
// METRICS.md "ASA": mean(answered - offered).
std::optional<double> asaSeconds(const QueueCounts& c);
// METRICS.md "AHT": mean(talk + hold + after-contact work) over handled contacts.
std::optional<double> ahtSeconds(const QueueCounts& c);
// METRICS.md "abandonment rate": abandoned / offered, short abandons excluded from both.
std::optional<double> abandonmentRate(const QueueCounts& c);

// METRICS.md "FCR": answered contacts with a known customer after which that customer made
// no new contact on any channel within `days`; contacts younger than `days` are pending.
struct FcrCounts {
  std::int64_t resolved = 0;  // numerator
  std::int64_t known = 0;     // denominator: answered, known customer, old enough
  std::int64_t pending = 0;   // younger than the window
  std::optional<double> rate() const;
};
// `contacts`: every contact of the customers concerned from the start of the range to
// now (any queue, answered or not: any new contact counts against); `counted` selects those
// whose FCR is asked (e.g. answered in a queue in the range).
FcrCounts firstContactResolution(const std::vector<const store::InteractionRow*>& contacts, int days,
                                 std::int64_t nowUs, const std::function<bool(const store::InteractionRow&)>& counted);

// METRICS.md "percentiles": nearest rank over the values; nothing when n < 5.
std::optional<std::int64_t> percentile(std::vector<std::int64_t> values, int p);

// METRICS.md "occupancy": (talk + hold + ACW) / (staffed - not ready); nothing when the
// denominator is 0. Time is read from the agent's states.
struct AgentTime {
  std::int64_t staffedUs = 0;  // any state but logged out
  std::int64_t notReadyUs = 0;
  std::int64_t busyUs = 0;  // on a contact or in wrap-up
  std::optional<double> occupancy() const;
};
struct StateSpan {
  std::int64_t sinceUs = 0;
  std::string state;
};
// The time an agent spent in each kind of state between `fromUs` and `toUs`, from their
// state changes in time order (the state before the first one counts from `before`).
AgentTime agentTime(const std::vector<StateSpan>& changes, const std::string& before, std::int64_t fromUs,
                    std::int64_t toUs);

// METRICS.md "Prediction": Erlang C for a queue with arrival rate `perSecond`, mean
// handle time `handleSeconds` and `agents` staffed. Assumes Poisson arrivals and no
// abandonment.
struct ErlangC {
  double load = 0;          // A = lambda * h (erlangs)
  int agents = 0;           // N
  bool overloaded = false;  // N <= A: every waiting contact is at risk
  double waitProbability = 1.0;
  double meanWaitSeconds = 0;  // P(wait) * h / (N - A)
  double handleSeconds = 0;
  // SL(t) = 1 - P(wait) * e^(-(N - A) t / h): the chance to be answered within t.
  double serviceLevel(double seconds) const;
};
ErlangC erlangC(double perSecond, double handleSeconds, int agents);

}  // namespace frontline::floor
