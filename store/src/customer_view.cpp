// The screen-pop query; see customer_view.h. Every statement here is prepared once per
// connection and uses an index: customer_addresses_by_value, interactions_by_customer,
// orders_by_customer, complaints_by_customer.
#include "store/customer_view.h"

#include "revenue_sql.h"

#include "store/contact_lookup.h"
#include "store/customer_feeling.h"
#include "store/event_reads.h"
#include "store/projections.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace frontline::store {
namespace {

std::vector<OrderItem> parseItems(const std::string& json) {
  std::vector<OrderItem> items;
  auto parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return items;
  for (const auto& item : parsed) {
    if (!item.is_object()) continue;
    OrderItem it;
    it.name = item.value("name", std::string());
    it.quantity = item.value("qty", std::int64_t{0});
    it.unitMinor = item.value("unit_minor", std::int64_t{0});
    items.push_back(std::move(it));
  }
  return items;
}

std::optional<SatisfactionIndex> latestSatisfaction(Database& db, std::int64_t customerId, std::int64_t cutoffUs) {
  Statement& s = db.cached(
      "SELECT satisfaction_expected, satisfaction_perceived FROM interactions "
      "WHERE customer_id = ? AND satisfaction_expected IS NOT NULL AND offered_us <= ? ORDER BY offered_us DESC "
      "LIMIT 1");
  s.bind(1, customerId).bind(2, cutoffUs);
  if (!s.step()) return std::nullopt;
  auto index = satisfactionIndex(s.int64(0), s.int64(1));
  s.reset();
  return index;
}

HistoryEntry historyEntryOf(const InteractionRow& r) {
  return {r.id,
          r.channel,
          r.direction,
          r.subject,
          r.outcome,
          r.disposition,
          r.note,
          r.agentId,
          r.offeredUs,
          r.waitUs(),
          r.talkUs(),
          r.acwUs(),
          r.transferState == "transferred" ? r.transferTo : std::string(),
          r.emotionIndex,
          r.emotionBy,
          r.emotionArousalX100};
}

// The customer's contacts, newest first. As of a past moment (a replay), a contact that
// changed after it is folded again from its events up to that moment; one linked to the
// customer only later is left out.
void loadHistory(Database& db, CustomerView& v, std::int64_t customerId, std::int64_t cutoffUs,
                 const ViewLimits& limits) {
  Statement& s = db.cached(
      "SELECT id, channel, direction, subject, outcome, disposition, note, agent_id, offered_us, wait_us, talk_us, "
      "acw_us, last_event_us, CASE transfer_state WHEN 'transferred' THEN transfer_to ELSE '' END, emotion_index, "
      "emotion_by, emotion_arousal_x100 FROM interactions "
      "WHERE customer_id = ? AND offered_us <= ? ORDER BY offered_us DESC "
      "LIMIT ?");
  s.bind(1, customerId).bind(2, cutoffUs).bind(3, limits.history);
  std::vector<std::string> changedLater;
  while (s.step()) {
    v.history.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
                         s.int64(8), s.optionalInt64(9), s.optionalInt64(10), s.optionalInt64(11), s.text(13),
                         s.optionalInt64(14), s.text(15), s.int64(16)});
    if (s.int64(12) > cutoffUs) changedLater.push_back(s.text(0));
  }
  for (const auto& id : changedLater) {
    const InteractionRow row = interactionAsOf(db, id, cutoffUs);
    auto entry =
        std::find_if(v.history.begin(), v.history.end(), [&](const HistoryEntry& h) { return h.interactionId == id; });
    if (row.customerId == customerId) {
      *entry = historyEntryOf(row);
    } else {
      v.history.erase(entry);
    }
  }
  Statement& c = db.cached("SELECT COUNT(*) FROM interactions WHERE customer_id = ? AND offered_us <= ?");
  c.bind(1, customerId).bind(2, cutoffUs);
  c.step();
  v.purchases.contactCount = c.int64(0);
  c.reset();
}

OpenComplaint openComplaintOf(const ComplaintRow& r, double atRiskFraction) {
  return {r.id,           r.interactionId, r.category,        r.priority,      r.summary,         r.status,
          r.ownerAgentId, r.openedUs,      r.firstResponseUs, r.responseDueUs, r.resolutionDueUs, r.resolvedUs,
          atRiskFraction};
}

// Open and responded complaints (soonest resolution due first) and those resolved in the
// last 90 days. As of a past moment, each complaint is folded from its events up to then.
void loadComplaints(Database& db, CustomerView& v, std::int64_t customerId, std::int64_t nowUs, std::int64_t cutoffUs) {
  if (cutoffUs == kEndOfTime) {
    Statement& s = db.cached(
        "SELECT c.id, c.interaction_id, c.category, c.priority, c.summary, c.status, c.owner_agent_id, c.opened_us, "
        "c.first_response_us, c.response_due_us, c.resolution_due_us, c.resolved_us, "
        "COALESCE(p.at_risk_fraction, 0.75) FROM complaints c LEFT JOIN sla_policies p ON p.priority = c.priority "
        "WHERE c.customer_id = ?1 AND (c.status IN ('open', 'responded') OR c.resolved_us >= ?2) "
        "ORDER BY c.resolution_due_us");
    s.bind(1, customerId).bind(2, nowUs - 90 * kMicrosPerDay);
    while (s.step()) {
      OpenComplaint c{s.text(0),   s.text(1),           s.text(2),  s.text(3),          s.text(4),
                      s.text(5),   s.text(6),           s.int64(7), s.optionalInt64(8), s.int64(9),
                      s.int64(10), s.optionalInt64(11), s.real(12)};
      (c.resolvedUs ? v.resolvedComplaints : v.openComplaints).push_back(std::move(c));
    }
  } else {
    Statement& s = db.cached(
        "SELECT c.id, COALESCE(p.at_risk_fraction, 0.75) FROM complaints c "
        "LEFT JOIN sla_policies p ON p.priority = c.priority WHERE c.customer_id = ?1 AND c.opened_us <= ?2");
    s.bind(1, customerId).bind(2, cutoffUs);
    std::vector<std::pair<std::string, double>> ids;
    while (s.step()) ids.emplace_back(s.text(0), s.real(1));
    for (const auto& [id, atRisk] : ids) {
      ComplaintRow row;
      for (const auto& e : complaintEvents(db, id, cutoffUs)) applyToComplaint(row, e);
      if (row.id.empty() || row.customerId != customerId) continue;
      if (row.resolvedUs && *row.resolvedUs < nowUs - 90 * kMicrosPerDay) continue;
      (row.resolvedUs ? v.resolvedComplaints : v.openComplaints).push_back(openComplaintOf(row, atRisk));
    }
    std::sort(v.openComplaints.begin(), v.openComplaints.end(),
              [](const OpenComplaint& a, const OpenComplaint& b) { return a.resolutionDueUs < b.resolutionDueUs; });
  }
  std::sort(v.resolvedComplaints.begin(), v.resolvedComplaints.end(),
            [](const OpenComplaint& a, const OpenComplaint& b) { return *a.resolvedUs > *b.resolvedUs; });
  if (v.resolvedComplaints.size() > 10) v.resolvedComplaints.resize(10);
}

}  // namespace

std::string reportingCurrency(Database& db) {
  Statement& s = db.cached("SELECT value FROM site_settings WHERE key = 'reporting_currency'");
  std::string currency = s.step() ? s.text(0) : std::string("EUR");
  s.reset();
  return currency;
}

std::optional<CustomerView> loadCustomerView(Database& db, const ContactAddress& address, std::int64_t nowUs,
                                             const InsightPolicy& policy, const ViewLimits& limits) {
  const auto id = findCustomerId(db, address);
  if (!id) return std::nullopt;
  return loadCustomerViewById(db, *id, nowUs, policy, limits);
}

namespace {

std::optional<CustomerView> loadView(Database& db, std::int64_t customerId, std::int64_t nowUs, std::int64_t cutoffUs,
                                     const InsightPolicy& policy, const ViewLimits& limits) {
  CustomerView v;
  {
    Statement& s = db.cached(
        "SELECT id, display_name, sort_name, country, language, customer_since_us, blocked, notes "
        "FROM customers WHERE id = ?");
    s.bind(1, customerId);
    if (!s.step()) return std::nullopt;
    v.profile = {s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.int64(5), s.int64(6) != 0, s.text(7)};
    s.reset();
  }
  {
    Statement& s = db.cached("SELECT kind, value, label FROM customer_addresses WHERE customer_id = ? ORDER BY id");
    s.bind(1, customerId);
    while (s.step()) {
      auto kind = s.text(0) == "email" ? ContactAddress::Kind::Email : ContactAddress::Kind::Phone;
      v.addresses.push_back({ContactAddress{kind, s.text(1)}, s.text(2)});
    }
  }
  loadHistory(db, v, customerId, cutoffUs, limits);
  {
    Statement& s = db.cached(
        "SELECT id, number, ordered_us, status, items_json, total_minor, currency FROM orders "
        "WHERE customer_id = ? AND ordered_us <= ? ORDER BY ordered_us DESC LIMIT ?");
    s.bind(1, customerId).bind(2, cutoffUs).bind(3, limits.orders);
    while (s.step()) {
      v.orders.push_back({s.int64(0), s.text(1), s.int64(2), s.text(3), parseItems(s.text(4)), s.int64(5), s.text(6)});
    }
  }
  {
    // Revenue counts placed, shipped and delivered orders, converted to the reporting currency.
    const std::int64_t year = 365 * kMicrosPerDay;
    Statement& s =
        db.cached(std::string("SELECT COUNT(*), ") + sql::kRevenueColumns +
                  "FROM orders o LEFT JOIN exchange_rates r ON r.currency = o.currency "
                  "WHERE o.customer_id = ?1 AND o.status IN ('placed', 'shipped', 'delivered') AND o.ordered_us <= ?4");
    s.bind(1, customerId).bind(2, nowUs - year).bind(3, nowUs - 2 * year).bind(4, cutoffUs);
    s.step();
    v.purchases.orderCount = s.int64(0);
    v.purchases.revenueMinor = s.int64(1);
    v.purchases.revenueLast12Minor = s.int64(2);
    v.purchases.revenuePrevious12Minor = s.int64(3);
    v.purchases.lastOrderUs = s.optionalInt64(4);
    s.reset();
    v.purchases.relationshipDays = std::max<std::int64_t>(0, (nowUs - v.profile.customerSinceUs) / kMicrosPerDay);
  }
  loadComplaints(db, v, customerId, nowUs, cutoffUs);
  v.feeling = customerFeeling(db, customerId, nowUs, cutoffUs);
  v.reportingCurrency = reportingCurrency(db);
  v.insight = computeInsight(v.purchases, latestSatisfaction(db, customerId, cutoffUs), nowUs, policy);
  return v;
}

}  // namespace

std::optional<CustomerView> loadCustomerViewById(Database& db, std::int64_t customerId, std::int64_t nowUs,
                                                 const InsightPolicy& policy, const ViewLimits& limits) {
  return loadView(db, customerId, nowUs, kEndOfTime, policy, limits);
}

std::optional<CustomerView> loadCustomerViewAsOf(Database& db, std::int64_t customerId, std::int64_t asOfUs,
                                                 const InsightPolicy& policy, const ViewLimits& limits) {
  return loadView(db, customerId, asOfUs, asOfUs, policy, limits);
}

}  // namespace frontline::store
