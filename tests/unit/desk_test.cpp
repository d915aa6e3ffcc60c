#include <catch2/catch.hpp>

#include <mutex>
#include <set>
#include <thread>

#include "desk/desk.h"
#include "desk/format.h"
#include "store/demo_data.h"
#include "store/projections.h"
#include "test_support.h"

using namespace frontline;
using namespace std::chrono_literals;

namespace {

std::string demoStore(const test::TempDir& dir, std::int64_t customers) {
  const auto path = dir.file("desk.db");
  auto db = store::Database::open(path);
  store::migrate(db);
  test::writeDemoCustomers(db, customers);
  return path;
}

desk::DeskOptions optionsFor(const std::string& path, std::atomic<int>* publications = nullptr) {
  desk::DeskOptions o;
  o.storePath = path;
  o.clock = [] { return test::kTestNowUs; };
  if (publications) o.onPublish = [publications] { ++*publications; };
  return o;
}

}  // namespace

TEST_CASE("the desk opens the store and publishes its summary", "[desk]") {
  test::TempDir dir;
  const auto path = demoStore(dir, 50);
  std::atomic<int> publications{0};
  desk::Desk d(optionsFor(path, &publications));
  auto s = d.waitFor([](const desk::DeskSnapshot& x) { return x.summary.has_value(); }, 10s);
  REQUIRE(s->storeReady);
  REQUIRE(s->summary);
  CHECK(s->summary->customers == 50);
  CHECK(s->summary->schemaVersion == store::latestSchemaVersion());
  CHECK(s->version >= 1);
  // onPublish runs on the desk thread just after the snapshot is visible to waiters.
  for (int i = 0; i < 200 && publications == 0; ++i) std::this_thread::sleep_for(10ms);
  CHECK(publications >= 1);
}

TEST_CASE("the desk looks a customer up from a nationally written number", "[desk]") {
  test::TempDir dir;
  const auto path = demoStore(dir, 50);
  std::string phone;
  std::string name;
  {
    auto db = store::Database::open(path);
    auto& q = db.cached(
        "SELECT a.value, c.display_name FROM customer_addresses a JOIN customers c "
        "ON c.id = a.customer_id WHERE a.value LIKE '+44%' LIMIT 1");
    REQUIRE(q.step());
    phone = q.text(0);
    name = q.text(1);
  }
  desk::Desk d(optionsFor(path));
  d.post(desk::LookUpCustomer{"0" + phone.substr(3)});  // +447... written as 07...
  auto s = d.waitFor([](const desk::DeskSnapshot& x) { return x.lookup.has_value(); }, 10s);
  REQUIRE(s->lookup);
  CHECK(s->lookup->normalised == phone);
  REQUIRE(s->lookup->view);
  CHECK(s->lookup->view->profile.displayName == name);

  d.post(desk::LookUpCustomer{"no such thing"});
  s = d.waitFor([](const desk::DeskSnapshot& x) { return x.lookup && x.lookup->query == "no such thing"; }, 10s);
  CHECK_FALSE(s->lookup->error.empty());
  CHECK_FALSE(s->lookup->view);

  d.post(desk::LookUpCustomer{"stranger@example.org"});
  s = d.waitFor([](const desk::DeskSnapshot& x) { return x.lookup && x.lookup->query == "stranger@example.org"; }, 10s);
  CHECK(s->lookup->normalised == "stranger@example.org");
  CHECK_THAT(s->lookup->error, Catch::Contains("no customer matches"));
  CHECK_FALSE(s->lookup->view);  // unknown address
}

TEST_CASE("a store that cannot be opened is reported, and commands fail cleanly", "[desk]") {
  desk::Desk d(optionsFor("/nonexistent-dir/frontline.db"));
  auto s = d.waitFor([](const desk::DeskSnapshot& x) { return !x.lastError.empty(); }, 10s);
  CHECK_FALSE(s->storeReady);
  CHECK_THAT(s->lastError, Catch::Contains("/nonexistent-dir/frontline.db"));
  const auto before = s->version;
  d.post(desk::RefreshSummary{});
  s = d.waitFor([&](const desk::DeskSnapshot& x) { return x.version > before; }, 10s);
  CHECK_THAT(s->lastError, Catch::Contains("not open"));
}

TEST_CASE("a newer store schema is refused by the desk with a clear error", "[desk]") {
  test::TempDir dir;
  {
    auto db = store::Database::open(dir.file("future.db"));
    db.exec("PRAGMA user_version = 999");
  }
  desk::Desk d(optionsFor(dir.file("future.db")));
  auto s = d.waitFor([](const desk::DeskSnapshot& x) { return !x.lastError.empty(); }, 10s);
  CHECK_FALSE(s->storeReady);
  CHECK_THAT(s->lastError, Catch::Contains("newer than this program"));
  // The refused store stays closed: nothing counts it later and hides the reason.
  const auto before = s->version;
  d.post(desk::RefreshSummary{});
  s = d.waitFor([&](const desk::DeskSnapshot& x) { return x.version > before; }, 10s);
  CHECK_THAT(s->lastError, Catch::Contains("not open") && Catch::Contains("newer than this program"));
}

TEST_CASE("screen formats for counts, money, dates and durations", "[desk][format]") {
  CHECK(desk::formatCount(0) == "0");
  CHECK(desk::formatCount(999) == "999");
  CHECK(desk::formatCount(1000) == "1,000");
  CHECK(desk::formatCount(-1234567) == "-1,234,567");
  CHECK(desk::formatMoney(123456, "EUR") == "EUR 1,234.56");
  CHECK(desk::formatMoney(-5, "GBP") == "GBP -0.05");
  CHECK(desk::formatDate(test::kTestNowUs) == "2026-06-01");
  CHECK(desk::formatDateTime(test::kTestNowUs + 3'723'000'000LL) == "2026-06-01 01:02 UTC");
  CHECK(desk::formatDuration(std::nullopt) == "-");
  CHECK(desk::formatDuration(59'000'000) == "59s");
  CHECK(desk::formatDuration(245'000'000) == "4m 05s");
  CHECK(desk::formatDuration(7'800'000'000LL) == "2h 10m");
  CHECK(desk::formatDuration(-90'000'000) == "-1m 30s");
  CHECK(desk::formatPercent(0.8042) == "80.4 %");
}

TEST_CASE("a burst of contacts is recorded in groups, each acknowledged once, nothing twice", "[desk][contacts]") {
  test::TempDir dir;
  const auto path = demoStore(dir, 20);
  desk::Desk d(optionsFor(path));
  d.waitFor([](const desk::DeskSnapshot& s) { return s.storeReady; }, 10s);
  std::atomic<int> acknowledged{0};
  std::atomic<int> failed{0};
  std::mutex idsMutex;  // guards ids; taken by the desk thread in the callbacks
  std::set<std::string> ids;
  constexpr int kContacts = 200;
  for (int i = 0; i < kContacts; ++i) {
    telephony::ReceivedEmail e;
    e.protocol = "smtp";
    e.fromAddress = "burst" + std::to_string(i % 50) + "@example.org";
    // Every tenth message repeats the previous Message-ID: a client resending after a lost 250.
    e.messageId = "burst-" + std::to_string(i % 10 == 9 ? i - 1 : i) + "@example.org";
    e.subject = "burst";
    e.bodyText = "hello";
    d.deliver(std::move(e), [&](telephony::DeliveryResult r) {
      (r.ok ? acknowledged : failed)++;
      std::lock_guard lock(idsMutex);
      ids.insert(r.interactionId);
    });
  }
  auto s = d.waitFor([](const desk::DeskSnapshot& x) { return x.contactsRecorded == kContacts; }, 20s);
  CHECK(s->contactsRecorded == kContacts);
  // The snapshot shows a contact before its acknowledgement, which waits for the fsync.
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (acknowledged + failed < kContacts && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  CHECK(acknowledged == kContacts);
  CHECK(failed == 0);
  CHECK(ids.size() == kContacts - kContacts / 10);  // a resent message maps to its first interaction
  auto db = store::Database::open(path);
  CHECK(db.queryInt("SELECT COUNT(*) FROM email_messages WHERE message_id LIKE 'burst-%'") ==
        kContacts - kContacts / 10);
  CHECK(db.queryInt("SELECT MAX(seq) - COUNT(*) FROM interaction_events WHERE origin = 'console'") == 0);  // no gaps
  CHECK(store::loadProjections(db) == store::foldLog(db));
}

TEST_CASE("contacts queued when the desk stops are still recorded", "[desk][contacts]") {
  test::TempDir dir;
  const auto path = demoStore(dir, 10);
  std::atomic<int> acknowledged{0};
  {
    desk::Desk d(optionsFor(path));
    for (int i = 0; i < 100; ++i) {
      telephony::ReceivedEmail e;
      e.fromAddress = "late" + std::to_string(i) + "@example.org";
      e.messageId = "late-" + std::to_string(i) + "@example.org";
      d.deliver(std::move(e), [&](telephony::DeliveryResult r) { acknowledged += r.ok ? 1 : 0; });
    }
  }  // destroyed at once, with most of them still queued
  CHECK(acknowledged == 100);
  auto db = store::Database::open(path);
  CHECK(db.queryInt("SELECT COUNT(*) FROM email_messages WHERE message_id LIKE 'late-%'") == 100);
}
