// A customer's feeling over their contacts (README "Emotion index"): their scored contacts'
// indexes averaged with a 90-day half-life, the last one and an arrow (emotion/
// interaction_feeling.h), read from the interactions' emotion_index through
// interactions_feeling_by_customer (schema 15). For one customer (the card, the floor when
// a contact of theirs is scored) or all at once (the supervisor's value panel).
#pragma once

#include <cstdint>
#include <unordered_map>

#include "emotion/interaction_feeling.h"
#include "store/database.h"
#include "store/event_reads.h"

namespace frontline::store {

// The newest kFeelingContacts scored contacts of the two years before `nowUs` count: older
// ones weigh under 1/256 of today's.
inline constexpr int kFeelingContacts = 200;
inline constexpr std::int64_t kFeelingYearsUs = 730LL * 86'400'000'000;

// As of `cutoffUs` (a trainer's replay), a contact scored or corrected after it counts as
// it stood then.
emotion::CustomerFeeling customerFeeling(Database& db, std::int64_t customerId, std::int64_t nowUs,
                                         std::int64_t cutoffUs = kEndOfTime);

using FeelingMap = std::unordered_map<std::int64_t, emotion::CustomerFeeling>;
// Every customer with a scored contact in the two years before `nowUs`.
FeelingMap customerFeelings(Database& db, std::int64_t nowUs);

}  // namespace frontline::store
