// CustomerView: everything the screen pop shows about the customer behind a contact
// address, loaded with one call on the desk thread. Indexed lookups only, so it stays
// fast on a 1,000,000-customer store (see tests/bench/store_bench).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emotion/interaction_feeling.h"
#include "store/address.h"
#include "store/database.h"
#include "store/insight.h"

namespace frontline::store {

struct CustomerProfile {
  std::int64_t id = 0;
  std::string displayName;
  std::string sortName;
  std::string country;
  std::string language;
  std::int64_t customerSinceUs = 0;
  bool blocked = false;
  std::string notes;
};

struct CustomerAddressRow {
  ContactAddress address;
  std::string label;
};

struct HistoryEntry {
  std::string interactionId;
  std::string channel;
  std::string direction;
  std::string subject;
  std::string outcome;
  std::string disposition;
  std::string note;
  std::string agentId;
  std::int64_t offeredUs = 0;
  std::optional<std::int64_t> waitUs, talkUs, acwUs;
  std::string transferredTo;  // a call transferred (blind) to this number or address
  // How the customer felt (README "Emotion index"): -100..+100, none without enough words;
  // emotionBy "estimate" (the scorer) or "trainer" (corrected).
  std::optional<std::int64_t> emotionIndex;
  std::string emotionBy;
  std::int64_t emotionArousalX100 = 0;  // a recorded call's voice: 60 and over is agitated
};

struct OrderItem {
  std::string name;
  std::int64_t quantity = 0;
  std::int64_t unitMinor = 0;
};

struct OrderEntry {
  std::int64_t id = 0;
  std::string number;
  std::int64_t orderedUs = 0;
  std::string status;
  std::vector<OrderItem> items;
  std::int64_t totalMinor = 0;
  std::string currency;
};

struct OpenComplaint {
  std::string id;
  std::string interactionId;
  std::string category;
  std::string priority;
  std::string summary;
  std::string status;
  std::string ownerAgentId;
  std::int64_t openedUs = 0;
  std::optional<std::int64_t> firstResponseUs;
  std::int64_t responseDueUs = 0;
  std::int64_t resolutionDueUs = 0;
  std::optional<std::int64_t> resolvedUs;
  double atRiskFraction = 0.75;  // from the priority's SLA policy
};

struct CustomerView {
  CustomerProfile profile;
  std::vector<CustomerAddressRow> addresses;
  std::vector<HistoryEntry> history;              // newest first, at most ViewLimits::history
  std::vector<OrderEntry> orders;                 // newest first, at most ViewLimits::orders
  std::vector<OpenComplaint> openComplaints;      // open and responded, soonest resolution due first
  std::vector<OpenComplaint> resolvedComplaints;  // resolved in the last 90 days, newest first (at most 10)
  PurchaseHistory purchases;                      // all orders, reporting currency (not limited)
  std::string reportingCurrency;                  // currency of purchases and insight money
  CustomerInsight insight;
  emotion::CustomerFeeling feeling;  // over their contacts, an estimate (store/customer_feeling.h)
};

struct ViewLimits {
  int history = 50;
  int orders = 1000;
};

// site_settings.reporting_currency, or "EUR" when the store does not set one.
std::string reportingCurrency(Database& db);

// The customer whose normalised address is `address`, or nullopt for an unknown address.
// When several customers share an address, the lowest customer id wins.
std::optional<CustomerView> loadCustomerView(Database& db, const ContactAddress& address, std::int64_t nowUs,
                                             const InsightPolicy& policy = {}, const ViewLimits& limits = {});
// The same by customer id (after an agent links a contact).
std::optional<CustomerView> loadCustomerViewById(Database& db, std::int64_t customerId, std::int64_t nowUs,
                                                 const InsightPolicy& policy = {}, const ViewLimits& limits = {});

// The customer as they were at `asOfUs` (a trainer's replay): orders placed by then,
// complaints and contacts folded from their events up to then, figures computed then.
// Orders are reference data without history: their status is today's.
std::optional<CustomerView> loadCustomerViewAsOf(Database& db, std::int64_t customerId, std::int64_t asOfUs,
                                                 const InsightPolicy& policy = {}, const ViewLimits& limits = {});

}  // namespace frontline::store
