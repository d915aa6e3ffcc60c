// Every customer's value; see customer_values.h.
#include "store/customer_values.h"

#include <algorithm>
#include <string>

#include "revenue_sql.h"

namespace frontline::store {

std::vector<CustomerValue> loadCustomerValues(Database& db, std::int64_t nowUs, const InsightPolicy& policy) {
  // Revenue counts placed, shipped and delivered orders, as the screen pop does
  // (customer_view.cpp), converted to the reporting currency.
  const std::int64_t year = 365 * kMicrosPerDay;
  Statement& s =
      db.cached(std::string("SELECT c.id, c.display_name, c.customer_since_us, COUNT(o.id), ") + sql::kRevenueColumns +
                "FROM customers c "
                "LEFT JOIN orders o ON o.customer_id = c.id AND o.status IN ('placed', 'shipped', 'delivered') "
                "LEFT JOIN exchange_rates r ON r.currency = o.currency "
                "WHERE ?1 = ?1 GROUP BY c.id");
  s.bind(1, nowUs).bind(2, nowUs - year).bind(3, nowUs - 2 * year);
  std::vector<CustomerValue> values;
  while (s.step()) {
    PurchaseHistory h;
    h.orderCount = s.int64(3);
    h.revenueMinor = s.int64(4);
    h.revenueLast12Minor = s.int64(5);
    h.revenuePrevious12Minor = s.int64(6);
    h.lastOrderUs = s.optionalInt64(7);
    h.relationshipDays = std::max<std::int64_t>(0, (nowUs - s.int64(2)) / kMicrosPerDay);
    values.push_back({s.int64(0), s.text(1), h.revenueMinor, computeInsight(h, std::nullopt, nowUs, policy)});
  }
  s.reset();
  return values;
}

}  // namespace frontline::store
