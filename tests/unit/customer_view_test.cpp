#include <catch2/catch.hpp>

#include "store/customer_view.h"
#include "store/event_log.h"
#include "test_support.h"

using namespace frontline;
using store::ContactAddress;

namespace {

constexpr std::int64_t kDay = store::kMicrosPerDay;

// Ann Smith (id 7): two phones and an email, four orders (one cancelled, one in USD),
// three contacts, one open and one resolved complaint. Bob (id 8) shares nothing with her.
store::Database annsStore() {
  auto db = test::migratedMemoryStore();
  const std::int64_t now = test::kTestNowUs;
  db.exec("INSERT INTO exchange_rates VALUES ('EUR', 1.0), ('USD', 0.5)");
  db.exec("INSERT INTO site_settings VALUES ('reporting_currency', 'EUR')");
  db.cached(
        "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us) "
        "VALUES (7, 'Ann Smith', 'Ann Smith', 'GB', 'en-GB', ?)")
      .bind(1, now - 1000 * kDay)
      .run();
  db.cached(
        "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us) "
        "VALUES (8, '王伟', 'Wang Wei', 'CN', 'zh-CN', ?)")
      .bind(1, now - 10 * kDay)
      .run();
  db.exec(
      "INSERT INTO customer_addresses (customer_id, kind, value, label) VALUES "
      "(7, 'phone', '+442079460958', 'work'), (7, 'phone', '+447700900123', 'mobile'), "
      "(7, 'email', 'ann.smith@example.com', 'personal'), (8, 'phone', '+8613812345678', 'mobile')");
  auto order = [&](const char* number, std::int64_t ageDays, const char* status, std::int64_t total, const char* cur) {
    db.cached(
          "INSERT INTO orders (customer_id, number, ordered_us, status, items_json, total_minor, currency) "
          "VALUES (7, ?, ?, ?, ?, ?, ?)")
        .bind(1, number)
        .bind(2, now - ageDays * kDay)
        .bind(3, status)
        .bind(4, R"([{"name":"Kettle","qty":2,"unit_minor":1500}])")
        .bind(5, total)
        .bind(6, cur)
        .run();
  };
  order("FL-1", 600, "delivered", 10000, "EUR");
  order("FL-2", 200, "delivered", 20000, "USD");  // 10000 in reporting currency
  order("FL-3", 100, "cancelled", 99999, "EUR");  // not revenue
  order("FL-4", 10, "shipped", 3000, "EUR");

  store::EventLog log(db, "test");
  auto offer = [&](const char* id, std::int64_t ts, const char* channel) {
    log.append({"", 0, id, ts, store::EventKind::Offered, "",
                std::string(R"({"channel":")") + channel + R"(","direction":"in","address":"x","customer_id":7})"});
  };
  offer("old-call", now - 300 * kDay, "voice");
  offer("mail", now - 20 * kDay, "email");
  offer("new-call", now - 1 * kDay, "voice");
  log.append({"", 0, "new-call", now - kDay + 5'000'000, store::EventKind::Answered, "agent-01", "{}"});
  log.append({"", 0, "new-call", now - kDay + 65'000'000, store::EventKind::Ended, "agent-01", "{}"});
  log.append(
      {"", 0, "mail", now - 20 * kDay, store::EventKind::Satisfaction, "agent-01", R"({"expected":4,"perceived":5})"});
  auto complaint = [&](const char* id, std::int64_t openedAgo, std::int64_t dueIn) {
    log.append({"", 0, "old-call", now - openedAgo, store::EventKind::ComplaintOpened, "agent-01",
                std::string(R"({"complaint_id":")") + id + R"(","customer_id":7,"category":"delivery",)" +
                    R"("priority":"high","summary":"late","response_due_us":)" + std::to_string(now + dueIn) +
                    R"(,"resolution_due_us":)" + std::to_string(now + dueIn) + "}"});
  };
  complaint("c-open", kDay, kDay);
  complaint("c-done", 300 * kDay, -299 * kDay);
  log.append({"", 0, "old-call", now - 299 * kDay, store::EventKind::ComplaintResolved, "agent-01",
              R"({"complaint_id":"c-done"})"});
  return db;
}

std::optional<store::CustomerView> lookup(store::Database& db, std::string_view raw, std::string_view region = "GB") {
  auto address = store::normaliseAddress(raw, region);
  if (!address) return std::nullopt;
  return store::loadCustomerView(db, *address, test::kTestNowUs);
}

}  // namespace

TEST_CASE("CustomerView finds the customer by phone however the number is written", "[store][view]") {
  auto db = annsStore();
  for (const char* written : {"+442079460958", "+44 20 7946 0958", "020 7946 0958", "(020) 7946-0958",
                              "0044 20 7946 0958", "tel:+44-20-7946-0958", " +44 (0)20 7946 0958 ", "07700 900123"}) {
    INFO(written);
    auto view = lookup(db, written);
    REQUIRE(view.has_value());
    CHECK(view->profile.id == 7);
    CHECK(view->profile.displayName == "Ann Smith");
  }
}

TEST_CASE("CustomerView reads a national number in the configured default region", "[store][view]") {
  auto db = annsStore();
  auto view = lookup(db, "138 1234 5678", "CN");
  REQUIRE(view.has_value());
  CHECK(view->profile.displayName == "王伟");
  CHECK_FALSE(lookup(db, "138 1234 5678", "GB").has_value());  // in GB this is another number
}

TEST_CASE("CustomerView finds the customer by email case-insensitively", "[store][view]") {
  auto db = annsStore();
  for (const char* written :
       {"ann.smith@example.com", "Ann.Smith@Example.COM", "<ANN.SMITH@EXAMPLE.COM>", "mailto:ann.smith@example.com"}) {
    INFO(written);
    auto view = lookup(db, written);
    REQUIRE(view.has_value());
    CHECK(view->profile.id == 7);
  }
}

TEST_CASE("CustomerView of an unknown address is empty", "[store][view]") {
  auto db = annsStore();
  CHECK_FALSE(lookup(db, "+44 20 7946 0000").has_value());
  CHECK_FALSE(lookup(db, "nobody@example.com").has_value());
  CHECK_FALSE(store::loadCustomerView(db, ContactAddress{ContactAddress::Kind::Email, "+442079460958"},
                                      test::kTestNowUs)
                  .has_value());  // right value, wrong kind
}

TEST_CASE("CustomerView carries addresses, history, orders and open complaints", "[store][view]") {
  auto db = annsStore();
  auto view = lookup(db, "+442079460958");
  REQUIRE(view.has_value());
  CHECK(view->addresses.size() == 3);

  REQUIRE(view->history.size() == 3);
  CHECK(view->history[0].interactionId == "new-call");  // newest first
  CHECK(view->history[1].interactionId == "mail");
  CHECK(view->history[2].interactionId == "old-call");
  CHECK(view->history[0].talkUs == 60'000'000);
  CHECK(view->history[0].waitUs == 5'000'000);

  REQUIRE(view->orders.size() == 4);
  CHECK(view->orders[0].number == "FL-4");
  CHECK(view->orders[3].number == "FL-1");
  REQUIRE(view->orders[0].items.size() == 1);
  CHECK(view->orders[0].items[0].name == "Kettle");
  CHECK(view->orders[0].items[0].quantity == 2);

  REQUIRE(view->openComplaints.size() == 1);
  CHECK(view->openComplaints[0].id == "c-open");

  CHECK(view->purchases.orderCount == 3);                       // the cancelled order is not a purchase
  CHECK(view->purchases.revenueMinor == 10000 + 10000 + 3000);  // USD converted at 0.5
  CHECK(view->purchases.revenueLast12Minor == 13000);
  CHECK(view->purchases.revenuePrevious12Minor == 10000);
  CHECK(view->purchases.contactCount == 3);
  CHECK(view->reportingCurrency == "EUR");
  CHECK(view->purchases.relationshipDays == 1000);
  REQUIRE(view->insight.latestSatisfaction.has_value());
  CHECK(view->insight.latestSatisfaction->band == store::SatisfactionBand::Delighted);
}

TEST_CASE("CustomerView honours its history and order limits", "[store][view]") {
  auto db = annsStore();
  auto address = store::normaliseAddress("+442079460958", "GB");
  store::ViewLimits limits;
  limits.history = 1;
  limits.orders = 2;
  auto view = store::loadCustomerView(db, *address, test::kTestNowUs, {}, limits);
  REQUIRE(view.has_value());
  CHECK(view->history.size() == 1);
  CHECK(view->orders.size() == 2);
  CHECK(view->purchases.orderCount == 3);  // figures still count every order
}
