// Service levels for complaints: the policy per priority (first response and resolution
// budgets, and the share of a budget after which a complaint is "at risk"), and where a
// complaint stands against a due time right now.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace frontline::store {

struct SlaPolicy {
  std::string priority;  // low, normal, high, urgent
  std::int64_t firstResponseUs = 0;
  std::int64_t resolutionUs = 0;
  double atRiskFraction = 0.75;
};

// Every policy, most urgent first (by resolution budget).
std::vector<SlaPolicy> loadSlaPolicies(Database& db);
std::optional<SlaPolicy> loadSlaPolicy(Database& db, const std::string& priority);

enum class SlaState {
  OnTrack,   // less than the at-risk share of the budget used
  AtRisk,    // past the at-risk share, not yet due
  Breached,  // past due and not met
  Met,       // done (responded / resolved) by the due time
  Missed,    // done, but after the due time
};
std::string_view slaStateName(SlaState state);

// `doneUs`: when the response or resolution happened, if it has.
SlaState slaState(std::int64_t startUs, std::int64_t dueUs, double atRiskFraction, std::int64_t nowUs,
                  std::optional<std::int64_t> doneUs = std::nullopt);

}  // namespace frontline::store
