// CRM insight: the numbers the screen pop shows about how much a customer matters.
// Pure functions, named after the formulas in shared CRM_NOTES.md; no database access.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace frontline::store {

inline constexpr std::int64_t kMicrosPerDay = 86'400'000'000LL;

// Thresholds a site tunes; the defaults suit the demo data.
struct InsightPolicy {
  double unitMargin = 0.30;                     // share of revenue that is profit
  std::int64_t highAnnualProfitMinor = 15'000;  // >= this annual profit is "high" value
  std::int64_t longTermDays = 730;              // relationship >= this is "long-term"
  double clvHorizonYears = 3.0;                 // years ahead the purchase CLV counts
  std::int64_t lapsedDays = 365;                // no order for this long: lapsed
  double declineRatio = 0.5;                    // last 12 months < this x previous 12: decline
  double growthRatio = 1.2;                     // last 12 months > this x previous 12: formation
};

// Value x loyalty quadrant: profitability against length of relationship.
enum class Quadrant { TrueFriend, Butterfly, Barnacle, Stranger };
Quadrant classifyQuadrant(std::int64_t annualProfitMinor, std::int64_t relationshipDays, const InsightPolicy& p);
std::string_view quadrantName(Quadrant q);       // "True friend", ...
std::string_view quadrantTreatment(Quadrant q);  // what the agent should do

// Purchase-based customer lifetime value: CPV = annual spend with us (spending capacity x
// share of wallet) x unit margin, over the policy's horizon. The other CLV parts
// (word-of-mouth, information, knowledge, transaction value) are not computable from orders.
struct Clv {
  std::int64_t valueMinor = 0;
  std::string_view form;  // says which form is shown, for the UI
};
Clv purchaseClv(std::int64_t annualSpendMinor, const InsightPolicy& p);

// Satisfaction index C = b / a (a: expectation, b: perceived result, each 1..5).
enum class SatisfactionBand { Dissatisfied, Satisfied, Delighted };
struct SatisfactionIndex {
  double c = 1.0;
  SatisfactionBand band = SatisfactionBand::Satisfied;
};
std::optional<SatisfactionIndex> satisfactionIndex(std::int64_t expected, std::int64_t perceived);
std::string_view satisfactionBandName(SatisfactionBand b);

// Relationship life cycle: exploration, formation, stability, decline.
enum class LifecycleStage { Exploration, Formation, Stability, Decline };
struct PurchaseHistory {
  std::int64_t orderCount = 0;
  std::int64_t revenueMinor = 0;            // all time, reporting currency
  std::int64_t revenueLast12Minor = 0;      // the 12 months before now
  std::int64_t revenuePrevious12Minor = 0;  // the 12 months before those
  std::optional<std::int64_t> lastOrderUs;
  std::int64_t relationshipDays = 0;  // since the customer record was created
  std::int64_t contactCount = 0;      // interactions on any channel
};
LifecycleStage lifecycleStage(const PurchaseHistory& h, std::int64_t nowUs, const InsightPolicy& p);
std::string_view lifecycleName(LifecycleStage s);

// Loyalty ladder: suspect -> prospect -> first-time buyer -> repeat buyer -> advocate.
enum class LoyaltyStage { Suspect, Prospect, FirstTimeBuyer, RepeatBuyer, Advocate };
LoyaltyStage loyaltyStage(const PurchaseHistory& h, std::optional<SatisfactionBand> latest);
std::string_view loyaltyName(LoyaltyStage s);

// Average annual profit over the relationship (at least one year is counted).
std::int64_t annualProfitMinor(const PurchaseHistory& h, const InsightPolicy& p);

// Win-back ("customer regeneration"): a high-value customer in decline or lapsed.
bool winBackCandidate(Quadrant q, LifecycleStage s);

// Share of total revenue that comes from the top `fraction` of customers (80/20 check).
// Returns 0 for no customers or no revenue.
double topRevenueShare(std::vector<std::int64_t> revenueByCustomer, double fraction = 0.2);

struct CustomerInsight {
  Quadrant quadrant = Quadrant::Stranger;
  std::int64_t annualProfitMinor = 0;
  Clv clv;
  LifecycleStage lifecycle = LifecycleStage::Exploration;
  LoyaltyStage loyalty = LoyaltyStage::Suspect;
  std::optional<SatisfactionIndex> latestSatisfaction;
  bool winBack = false;
};
CustomerInsight computeInsight(const PurchaseHistory& h, std::optional<SatisfactionIndex> latestSatisfaction,
                               std::int64_t nowUs, const InsightPolicy& p);

}  // namespace frontline::store
