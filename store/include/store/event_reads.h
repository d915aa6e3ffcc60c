// Reading events back from the log, in the order the projections fold them
// (ts_us, origin, seq): one interaction's, one complaint's, an agent's state changes, and
// the events about an interaction that are not part of it (a trainer's annotations and
// evaluations). Each uses an index (schema 7 and 8).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/event.h"

namespace frontline::store {

inline constexpr std::int64_t kEndOfTime = std::numeric_limits<std::int64_t>::max();

// The condition of interaction_events_by_complaint (schema 10), word for word: SQLite uses
// a partial index only for a query that repeats its condition.
inline constexpr const char* kComplaintEventsCondition =
    "(kind = 'complaint_opened' OR kind = 'complaint_responded' OR kind = 'complaint_resolved' "
    "OR kind = 'complaint_reassigned' OR kind = 'complaint_reprioritised' OR kind = 'complaint_escalated')";

// The interaction's events up to `untilUs` (inclusive).
std::vector<InteractionEvent> interactionEvents(Database& db, const std::string& interactionId,
                                                std::int64_t untilUs = kEndOfTime);
// The complaint's events (opened, responded, resolved, reassigned, ...) up to `untilUs`.
std::vector<InteractionEvent> complaintEvents(Database& db, const std::string& complaintId,
                                              std::int64_t untilUs = kEndOfTime);
// The agent's state changes in [fromUs, toUs], preceded by the last one before fromUs
// (the state the agent was in when the range begins).
std::vector<InteractionEvent> agentStateEvents(Database& db, const std::string& agentId, std::int64_t fromUs,
                                               std::int64_t toUs);

}  // namespace frontline::store
