// Store overview counts; see store_summary.h.
#include "store/store_summary.h"

#include <vector>

#include "store/insight.h"
#include "store/migrations.h"

namespace frontline::store {

StoreSummary loadStoreSummary(Database& db, std::int64_t nowUs) {
  StoreSummary s;
  s.path = db.path();
  s.schemaVersion = schemaVersion(db);
  s.customers = db.queryInt("SELECT COUNT(*) FROM customers");
  s.addresses = db.queryInt("SELECT COUNT(*) FROM customer_addresses");
  s.orders = db.queryInt("SELECT COUNT(*) FROM orders");
  s.interactions = db.queryInt("SELECT COUNT(*) FROM interactions");
  s.events = db.queryInt("SELECT COUNT(*) FROM interaction_events");
  s.agents = db.queryInt("SELECT COUNT(*) FROM agents");
  s.openComplaints = db.queryInt("SELECT COUNT(*) FROM complaints WHERE status IN ('open', 'responded')");
  Statement& breached =
      db.cached("SELECT COUNT(*) FROM complaints WHERE status IN ('open', 'responded') AND resolution_due_us < ?");
  breached.bind(1, nowUs);
  breached.step();
  s.breachedComplaints = breached.int64(0);
  breached.reset();

  std::vector<std::int64_t> revenue;
  revenue.reserve(static_cast<std::size_t>(s.customers));
  Statement& r = db.cached(
      "SELECT CAST(SUM(o.total_minor * COALESCE(x.to_reporting, 1.0)) AS INTEGER) FROM orders o "
      "LEFT JOIN exchange_rates x ON x.currency = o.currency "
      "WHERE o.status IN ('placed', 'shipped', 'delivered') GROUP BY o.customer_id");
  while (r.step()) revenue.push_back(r.int64(0));
  // Customers without orders count in the population with zero revenue.
  revenue.resize(std::max<std::size_t>(revenue.size(), static_cast<std::size_t>(s.customers)), 0);
  s.topFifthRevenueShare = topRevenueShare(std::move(revenue), 0.2);
  return s;
}

}  // namespace frontline::store
