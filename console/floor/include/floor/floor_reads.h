// What the floor reads from a store (the console's local store, where a supervisor's
// console pulls every console's events): the rows a full recompute starts from, FCR over
// a range, and the value overview. Shared by the analytics worker and `frontline report`.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "floor/floor_model.h"
#include "store/customer_feeling.h"
#include "store/customer_values.h"
#include "store/database.h"

namespace frontline::floor {

// Contacts offered in [fromUs, toUs) (INT64_MAX: no end), one at a time to `each` (a
// million rows need no memory), or all at once.
void forEachContactOffered(store::Database& db, std::int64_t fromUs, std::int64_t toUs,
                           const std::function<void(const store::InteractionRow&)>& each);
std::vector<store::InteractionRow> loadContactsOffered(store::Database& db, std::int64_t fromUs, std::int64_t toUs);
// Complaints opened in [fromUs, toUs), and (with `open`) every complaint not yet resolved.
std::vector<store::ComplaintRow> loadComplaints(store::Database& db, std::int64_t fromUs, std::int64_t toUs, bool open);
// Fills a new model for the day starting at `dayStartUs`: today's contacts, 30 days of
// complaints and the open ones, agents' states and today's changes.
FloorModel loadFloorModel(store::Database& db, const FloorSettings& settings, std::int64_t dayStartUs);
// METRICS.md FCR for the contacts answered in [fromUs, toUs), by "queue\nchannel".
std::map<std::string, FcrCounts> fcrByQueueChannel(store::Database& db, std::int64_t fromUs, std::int64_t toUs,
                                                   int days, std::int64_t nowUs);
using store::FeelingMap;
// The mean feeling of each of the `days` days before `dayStartUs`, by "queue\nchannel" and
// over all (key ""), oldest first (interactions_feeling_by_time).
std::map<std::string, std::vector<FeelingDay>> feelingDays(store::Database& db, std::int64_t dayStartUs, int days);
// The Pareto curve, the quadrant counts, the win-back list (highest revenue first, at most
// `winBackLimit`) and, with `feelings`, each customer's feeling beside the curve and the
// high-value customers feeling worse.
ValueOverview valueOverview(const std::vector<store::CustomerValue>& values, std::string currency,
                            const FeelingMap* feelings = nullptr, std::size_t winBackLimit = 200);
// Who is who, from the agents table: agents' names, and the supervisors and trainers who
// are not on the floor.
struct AgentDirectory {
  std::map<std::string, std::string> names;
  std::set<std::string> notAgents;
};
AgentDirectory loadAgentDirectory(store::Database& db);

}  // namespace frontline::floor
