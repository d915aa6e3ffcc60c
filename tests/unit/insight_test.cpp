#include <catch2/catch.hpp>

#include "store/insight.h"

using namespace frontline::store;

namespace {
constexpr std::int64_t kNow = 1'780'272'000'000'000LL;
constexpr std::int64_t kDay = kMicrosPerDay;
}  // namespace

TEST_CASE("the value x loyalty quadrant switches exactly at its thresholds", "[insight][quadrant]") {
  InsightPolicy p;
  p.highAnnualProfitMinor = 10000;
  p.longTermDays = 730;
  CHECK(classifyQuadrant(10000, 730, p) == Quadrant::TrueFriend);
  CHECK(classifyQuadrant(10000, 729, p) == Quadrant::Butterfly);
  CHECK(classifyQuadrant(9999, 730, p) == Quadrant::Barnacle);
  CHECK(classifyQuadrant(9999, 729, p) == Quadrant::Stranger);
  CHECK(classifyQuadrant(0, 0, p) == Quadrant::Stranger);
  CHECK(quadrantName(Quadrant::TrueFriend) == "True friend");
  CHECK(quadrantTreatment(Quadrant::Barnacle).find("cross-sell") != std::string_view::npos);
  CHECK(quadrantTreatment(Quadrant::Stranger).find("nothing extra") != std::string_view::npos);
}

TEST_CASE("purchase CLV is annual spend x margin x horizon and says its form", "[insight][clv]") {
  InsightPolicy p;
  p.unitMargin = 0.25;
  p.clvHorizonYears = 2.0;
  auto clv = purchaseClv(40000, p);
  CHECK(clv.valueMinor == 20000);
  CHECK(clv.form.find("purchase") != std::string_view::npos);
  CHECK(purchaseClv(0, p).valueMinor == 0);
  CHECK(purchaseClv(-500, p).valueMinor == 0);  // refunds beyond spend never make value negative
}

TEST_CASE("satisfaction index C = b / a and its bands", "[insight][satisfaction]") {
  auto equal = satisfactionIndex(4, 4);
  REQUIRE(equal);
  CHECK(equal->c == Approx(1.0));
  CHECK(equal->band == SatisfactionBand::Satisfied);
  auto low = satisfactionIndex(5, 4);
  REQUIRE(low);
  CHECK(low->c == Approx(0.8));
  CHECK(low->band == SatisfactionBand::Dissatisfied);
  auto high = satisfactionIndex(1, 5);
  REQUIRE(high);
  CHECK(high->c == Approx(5.0));
  CHECK(high->band == SatisfactionBand::Delighted);
  CHECK_FALSE(satisfactionIndex(0, 3));
  CHECK_FALSE(satisfactionIndex(3, 6));
  CHECK_FALSE(satisfactionIndex(-1, 1));
}

TEST_CASE("life-cycle stage at its boundaries", "[insight][lifecycle]") {
  InsightPolicy p;  // lapsed after 365 days, decline below 0.5x, formation above 1.2x
  PurchaseHistory h;
  CHECK(lifecycleStage(h, kNow, p) == LifecycleStage::Exploration);  // no orders

  h.orderCount = 1;
  h.lastOrderUs = kNow - 10 * kDay;
  h.revenueLast12Minor = 1000;
  CHECK(lifecycleStage(h, kNow, p) == LifecycleStage::Exploration);

  h.orderCount = 4;
  h.revenuePrevious12Minor = 1000;
  h.revenueLast12Minor = 1200;
  CHECK(lifecycleStage(h, kNow, p) == LifecycleStage::Stability);  // exactly 1.2x is not growth
  h.revenueLast12Minor = 1201;
  CHECK(lifecycleStage(h, kNow, p) == LifecycleStage::Formation);
  h.revenueLast12Minor = 500;
  CHECK(lifecycleStage(h, kNow, p) == LifecycleStage::Stability);  // exactly 0.5x is not decline
  h.revenueLast12Minor = 499;
  CHECK(lifecycleStage(h, kNow, p) == LifecycleStage::Decline);

  h.revenueLast12Minor = 1000;
  h.lastOrderUs = kNow - 364 * kDay;
  CHECK(lifecycleStage(h, kNow, p) == LifecycleStage::Stability);
  h.lastOrderUs = kNow - 365 * kDay;
  CHECK(lifecycleStage(h, kNow, p) == LifecycleStage::Decline);  // lapsed

  h.orderCount = 1;  // one old order: lapsed rather than exploring
  CHECK(lifecycleStage(h, kNow, p) == LifecycleStage::Decline);
}

TEST_CASE("loyalty ladder from suspect to advocate", "[insight][loyalty]") {
  PurchaseHistory h;
  CHECK(loyaltyStage(h, std::nullopt) == LoyaltyStage::Suspect);
  h.contactCount = 1;
  CHECK(loyaltyStage(h, std::nullopt) == LoyaltyStage::Prospect);
  h.orderCount = 1;
  CHECK(loyaltyStage(h, SatisfactionBand::Delighted) == LoyaltyStage::FirstTimeBuyer);
  h.orderCount = 2;
  CHECK(loyaltyStage(h, SatisfactionBand::Satisfied) == LoyaltyStage::RepeatBuyer);
  CHECK(loyaltyStage(h, SatisfactionBand::Delighted) == LoyaltyStage::Advocate);
}

TEST_CASE("annual profit averages over the relationship, at least one year", "[insight][value]") {
  InsightPolicy p;
  p.unitMargin = 0.5;
  PurchaseHistory h;
  h.revenueMinor = 20000;
  h.relationshipDays = 100;  // shorter than a year counts as one year
  CHECK(annualProfitMinor(h, p) == 10000);
  h.relationshipDays = 730;
  CHECK(annualProfitMinor(h, p) == 5000);
}

TEST_CASE("win-back flags high-value customers in decline only", "[insight][winback]") {
  CHECK(winBackCandidate(Quadrant::TrueFriend, LifecycleStage::Decline));
  CHECK(winBackCandidate(Quadrant::Butterfly, LifecycleStage::Decline));
  CHECK_FALSE(winBackCandidate(Quadrant::Barnacle, LifecycleStage::Decline));
  CHECK_FALSE(winBackCandidate(Quadrant::Stranger, LifecycleStage::Decline));
  CHECK_FALSE(winBackCandidate(Quadrant::TrueFriend, LifecycleStage::Stability));
}

TEST_CASE("revenue share of the top fifth of customers", "[insight][pareto]") {
  CHECK(topRevenueShare({}) == 0.0);
  CHECK(topRevenueShare({0, 0, 0}) == 0.0);
  CHECK(topRevenueShare({100, 100, 100, 100, 100}) == Approx(0.2));
  CHECK(topRevenueShare({800, 50, 50, 50, 50}) == Approx(0.8));
  CHECK(topRevenueShare({10}) == Approx(1.0));
  // Six customers: the top 20 % rounds up to two.
  CHECK(topRevenueShare({1, 1, 1, 1, 48, 48}) == Approx(0.96));
}

TEST_CASE("computeInsight puts the pieces together", "[insight]") {
  InsightPolicy p;
  PurchaseHistory h;
  h.orderCount = 6;
  h.revenueMinor = 300000;
  h.revenuePrevious12Minor = 150000;
  h.revenueLast12Minor = 10000;
  h.lastOrderUs = kNow - 200 * kDay;
  h.relationshipDays = 1095;
  auto i = computeInsight(h, satisfactionIndex(4, 2), kNow, p);
  CHECK(i.annualProfitMinor == 30000);
  CHECK(i.quadrant == Quadrant::TrueFriend);
  CHECK(i.lifecycle == LifecycleStage::Decline);
  CHECK(i.winBack);
  CHECK(i.loyalty == LoyaltyStage::RepeatBuyer);
  CHECK(i.clv.valueMinor == 90000);  // 100000 a year x 0.30 x 3 years
}
