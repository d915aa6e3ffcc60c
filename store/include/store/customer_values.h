// Every customer's revenue and insight in one pass over the orders, for the supervisor's
// value panel (Pareto curve, quadrant counts, win-back list; CRM_NOTES.md §2). Uses the
// same insight functions as the screen pop (insight.h), unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/insight.h"

namespace frontline::store {

struct CustomerValue {
  std::int64_t id = 0;
  std::string name;
  std::int64_t revenueMinor = 0;  // placed, shipped and delivered orders, reporting currency
  CustomerInsight insight;
};

std::vector<CustomerValue> loadCustomerValues(Database& db, std::int64_t nowUs, const InsightPolicy& policy);

}  // namespace frontline::store
