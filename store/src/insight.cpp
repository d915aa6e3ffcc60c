// CRM insight formulas (CRM_NOTES.md sections 2 and 3); see insight.h.
#include "store/insight.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace frontline::store {

Quadrant classifyQuadrant(std::int64_t annualProfitMinor, std::int64_t relationshipDays, const InsightPolicy& p) {
  const bool high = annualProfitMinor >= p.highAnnualProfitMinor;
  const bool longTerm = relationshipDays >= p.longTermDays;
  if (high) return longTerm ? Quadrant::TrueFriend : Quadrant::Butterfly;
  return longTerm ? Quadrant::Barnacle : Quadrant::Stranger;
}

std::string_view quadrantName(Quadrant q) {
  switch (q) {
    case Quadrant::TrueFriend:
      return "True friend";
    case Quadrant::Butterfly:
      return "Butterfly";
    case Quadrant::Barnacle:
      return "Barnacle";
    case Quadrant::Stranger:
      return "Stranger";
  }
  return "";
}

std::string_view quadrantTreatment(Quadrant q) {
  switch (q) {
    case Quadrant::TrueFriend:
      return "Cherish: best service, proactive care";
    case Quadrant::Butterfly:
      return "Make the most of each purchase while they are here";
    case Quadrant::Barnacle:
      return "Look for growth: cross-sell and up-sell";
    case Quadrant::Stranger:
      return "Serve well, invest nothing extra";
  }
  return "";
}

Clv purchaseClv(std::int64_t annualSpendMinor, const InsightPolicy& p) {
  const double value =
      static_cast<double>(std::max<std::int64_t>(annualSpendMinor, 0)) * p.unitMargin * p.clvHorizonYears;
  return Clv{static_cast<std::int64_t>(std::llround(value)), "purchase CLV (CPV): annual spend x margin x horizon"};
}

std::optional<SatisfactionIndex> satisfactionIndex(std::int64_t expected, std::int64_t perceived) {
  if (expected < 1 || expected > 5 || perceived < 1 || perceived > 5) return std::nullopt;
  SatisfactionIndex s;
  s.c = static_cast<double>(perceived) / static_cast<double>(expected);
  s.band = perceived < expected    ? SatisfactionBand::Dissatisfied
           : perceived == expected ? SatisfactionBand::Satisfied
                                   : SatisfactionBand::Delighted;
  return s;
}

std::string_view satisfactionBandName(SatisfactionBand b) {
  switch (b) {
    case SatisfactionBand::Dissatisfied:
      return "dissatisfied";
    case SatisfactionBand::Satisfied:
      return "satisfied";
    case SatisfactionBand::Delighted:
      return "delighted";
  }
  return "";
}

LifecycleStage lifecycleStage(const PurchaseHistory& h, std::int64_t nowUs, const InsightPolicy& p) {
  if (h.orderCount == 0) return LifecycleStage::Exploration;
  const bool lapsed = h.lastOrderUs && (nowUs - *h.lastOrderUs) >= p.lapsedDays * kMicrosPerDay;
  const bool falling =
      h.revenuePrevious12Minor > 0 &&
      static_cast<double>(h.revenueLast12Minor) < p.declineRatio * static_cast<double>(h.revenuePrevious12Minor);
  if (lapsed || falling) return LifecycleStage::Decline;
  if (h.orderCount == 1) return LifecycleStage::Exploration;
  const bool growing =
      static_cast<double>(h.revenueLast12Minor) > p.growthRatio * static_cast<double>(h.revenuePrevious12Minor);
  return growing ? LifecycleStage::Formation : LifecycleStage::Stability;
}

std::string_view lifecycleName(LifecycleStage s) {
  switch (s) {
    case LifecycleStage::Exploration:
      return "exploration";
    case LifecycleStage::Formation:
      return "formation";
    case LifecycleStage::Stability:
      return "stability";
    case LifecycleStage::Decline:
      return "decline";
  }
  return "";
}

LoyaltyStage loyaltyStage(const PurchaseHistory& h, std::optional<SatisfactionBand> latest) {
  if (h.orderCount == 0) return h.contactCount > 0 ? LoyaltyStage::Prospect : LoyaltyStage::Suspect;
  if (h.orderCount == 1) return LoyaltyStage::FirstTimeBuyer;
  return latest == SatisfactionBand::Delighted ? LoyaltyStage::Advocate : LoyaltyStage::RepeatBuyer;
}

std::string_view loyaltyName(LoyaltyStage s) {
  switch (s) {
    case LoyaltyStage::Suspect:
      return "suspect";
    case LoyaltyStage::Prospect:
      return "prospect";
    case LoyaltyStage::FirstTimeBuyer:
      return "first-time buyer";
    case LoyaltyStage::RepeatBuyer:
      return "repeat buyer";
    case LoyaltyStage::Advocate:
      return "advocate";
  }
  return "";
}

std::int64_t annualProfitMinor(const PurchaseHistory& h, const InsightPolicy& p) {
  const double years = std::max(1.0, static_cast<double>(h.relationshipDays) / 365.0);
  return static_cast<std::int64_t>(std::llround(static_cast<double>(h.revenueMinor) * p.unitMargin / years));
}

bool winBackCandidate(Quadrant q, LifecycleStage s) {
  return (q == Quadrant::TrueFriend || q == Quadrant::Butterfly) && s == LifecycleStage::Decline;
}

double topRevenueShare(std::vector<std::int64_t> revenue, double fraction) {
  if (revenue.empty()) return 0.0;
  const std::int64_t total = std::accumulate(revenue.begin(), revenue.end(), std::int64_t{0});
  if (total <= 0) return 0.0;
  auto top = static_cast<std::size_t>(std::ceil(static_cast<double>(revenue.size()) * std::clamp(fraction, 0.0, 1.0)));
  top = std::min(top, revenue.size());
  std::nth_element(revenue.begin(), revenue.begin() + static_cast<std::ptrdiff_t>(top), revenue.end(),
                   std::greater<>());
  const std::int64_t topSum =
      std::accumulate(revenue.begin(), revenue.begin() + static_cast<std::ptrdiff_t>(top), std::int64_t{0});
  return static_cast<double>(topSum) / static_cast<double>(total);
}

CustomerInsight computeInsight(const PurchaseHistory& h, std::optional<SatisfactionIndex> latestSatisfaction,
                               std::int64_t nowUs, const InsightPolicy& p) {
  CustomerInsight i;
  i.annualProfitMinor = annualProfitMinor(h, p);
  i.quadrant = classifyQuadrant(i.annualProfitMinor, h.relationshipDays, p);
  const double years = std::max(1.0, static_cast<double>(h.relationshipDays) / 365.0);
  i.clv = purchaseClv(static_cast<std::int64_t>(std::llround(static_cast<double>(h.revenueMinor) / years)), p);
  i.lifecycle = lifecycleStage(h, nowUs, p);
  i.latestSatisfaction = latestSatisfaction;
  i.loyalty = loyaltyStage(h, latestSatisfaction ? std::optional(latestSatisfaction->band) : std::nullopt);
  i.winBack = winBackCandidate(i.quadrant, i.lifecycle);
  return i;
}

}  // namespace frontline::store
