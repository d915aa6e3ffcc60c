// The sync between consoles and the central store. Every case runs against the embedded
// SQLite central file; with FRONTLINE_TEST_PG_URL set (tests/integration/sync_pg_test.sh
// starts a real PostgreSQL server and sets it) the same cases run against PostgreSQL.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <random>
#include <thread>

#include "store/event_log.h"
#include "store/migrations.h"
#include "store/projections.h"
#include "sync/central_schema.h"
#include "sync/reference_pull.h"
#include "sync/sync_engine.h"
#include "sync/sync_service.h"
#include "test_support.h"

using namespace frontline;
using store::EventKind;

namespace {

constexpr std::int64_t kSecond = 1'000'000;

// The central store for one test: a fresh SQLite file, or a fresh schema on the
// PostgreSQL server named by FRONTLINE_TEST_PG_URL (its tables dropped first).
struct Central {
  test::TempDir dir;
  std::string url;
  Central() {
    const char* pg = std::getenv("FRONTLINE_TEST_PG_URL");
    if (pg && *pg) {
      url = pg;
      auto c = sync::connectCentral(url);
      c->exec(
          "DROP TABLE IF EXISTS central_schema, central_events, interactions, complaints, agent_states, customers, "
          "customer_addresses, orders, sla_policies, dispositions, not_ready_reasons, complaint_categories CASCADE");
    } else {
      url = "sqlite://" + dir.file("central.db");
    }
    auto c = sync::connectCentral(url);
    sync::initCentral(*c);
  }
  // Another handle on a central store that is already there (another login, say).
  explicit Central(std::string existing) : url(std::move(existing)) {}
  std::unique_ptr<sync::CentralConnection> connect() const { return sync::connectCentral(url); }
};

// One console: its local store, event log and sync engine.
struct Console {
  test::TempDir dir;
  std::string origin;
  store::Database db;
  store::EventLog log;
  std::unique_ptr<sync::CentralConnection> central;
  std::unique_ptr<sync::SyncEngine> engine;

  Console(std::string o, const Central& c, sync::SyncOptions options = {})
      : origin(std::move(o)), db(open(dir.file("local.db"))), log(db, origin), central(c.connect()) {
    engine = std::make_unique<sync::SyncEngine>(db, *central, origin, std::move(options));
  }
  static store::Database open(const std::string& path) {
    auto db = store::Database::open(path);
    store::migrate(db);
    return db;
  }
  void event(const std::string& interaction, std::int64_t ts, EventKind kind, const std::string& payload = "{}") {
    log.append(store::InteractionEvent{"", 0, interaction, ts, kind, origin, payload});
  }
  // A whole call: offered, answered, ended, wrapped.
  void call(const std::string& id, std::int64_t at) {
    event(id, at, EventKind::Offered,
          R"({"channel":"voice","direction":"in","address":"+442079460000","customer_id":42})");
    event(id, at + 5 * kSecond, EventKind::Answered);
    event(id, at + 65 * kSecond, EventKind::Ended);
    event(id, at + 95 * kSecond, EventKind::Wrapped, R"({"disposition":"resolved"})");
  }
  store::Projections projections() {
    auto p = store::loadProjections(db);
    p.emailMessages.clear();  // the central store keeps no email bodies yet
    return p;
  }
};

std::int64_t centralCount(sync::CentralConnection& c, const std::string& sql) {
  return sync::toInt(c.query(sql).at(0).at(0));
}

}  // namespace

TEST_CASE("two consoles sync and converge with the central store", "[sync]") {
  Central central;
  sync::SyncOptions supervisor;
  supervisor.role = "supervisor";  // takes everything, agent states included
  Console a("console-a", central, supervisor);
  Console b("console-b", central, supervisor);
  const std::int64_t t = test::kTestNowUs;
  for (int i = 0; i < 30; ++i) a.call("a-" + std::to_string(i), t + i * 100 * kSecond);
  for (int i = 0; i < 20; ++i) b.call("b-" + std::to_string(i), t + i * 100 * kSecond + 7);
  a.log.append(store::InteractionEvent{"", 0, "", t, EventKind::AgentState, "console-a", R"({"state":"available"})"});

  const auto pushedA = a.engine->syncOnce();
  CHECK(pushedA.pushed == 30 * 4 + 1);
  const auto pushedB = b.engine->syncOnce();
  CHECK(pushedB.pushed == 20 * 4);
  CHECK(pushedB.pulled == 30 * 4 + 1);  // A's events arrive at B
  const auto again = a.engine->syncOnce();
  CHECK(again.pushed == 0);
  CHECK(again.pulled == 20 * 4);

  auto c = central.connect();
  const auto centralProjections = sync::loadCentralProjections(*c);
  CHECK(centralProjections.interactions.size() == 50);
  CHECK(centralProjections == a.projections());
  CHECK(centralProjections == b.projections());
  CHECK(a.engine->pendingEvents() == 0);
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events") == 30 * 4 + 1 + 20 * 4);
}

TEST_CASE("a push interrupted before or after the central commit resumes exactly once", "[sync]") {
  Central central;
  int failures = 0;
  std::string failAt;
  sync::SyncOptions options;
  options.batchSize = 50;
  options.checkpoint = [&](std::string_view stage) {
    if (stage == failAt && failures-- > 0) throw std::runtime_error("simulated crash at " + std::string(stage));
  };
  Console a("console-a", central, options);
  for (int i = 0; i < 100; ++i) a.call("x-" + std::to_string(i), test::kTestNowUs + i * kSecond * 200);
  auto c = central.connect();

  failAt = "before-central-commit";
  failures = 1;
  CHECK_THROWS_WITH(a.engine->pushBatch(), Catch::Contains("simulated crash"));
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events") == 0);  // rolled back whole
  CHECK(a.engine->pendingEvents() == 400);

  failAt = "after-central-commit";
  failures = 1;
  CHECK_THROWS(a.engine->pushBatch());
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events") == 50);  // committed
  CHECK(a.engine->pendingEvents() == 400);                               // but never acknowledged locally

  failures = 0;
  const auto done = a.engine->syncOnce();
  CHECK(done.pushed == 350);  // the committed batch is not sent again
  CHECK(a.engine->pendingEvents() == 0);
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events") == 400);
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM (SELECT DISTINCT origin, seq FROM central_events) d") == 400);
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM (SELECT DISTINCT revision FROM central_events) d") == 400);
  CHECK(sync::loadCentralProjections(*c) == a.projections());
  CHECK(a.engine->pushBatch() == 0);  // replaying stores nothing
}

TEST_CASE("a push makes what it read durable locally before the central commit", "[sync]") {
  Central central;
  std::vector<std::string> steps;
  sync::SyncOptions options;
  options.localDurable = [&] { steps.push_back("local fsync"); };
  options.checkpoint = [&](std::string_view stage) { steps.emplace_back(stage); };
  Console a("console-a", central, options);
  a.call("durable", test::kTestNowUs);
  CHECK(a.engine->pushBatch() == 4);
  CHECK(steps == std::vector<std::string>{"local fsync", "before-central-commit", "after-central-commit"});
}

TEST_CASE("offline: 1,000 contacts while the central store is away, then it catches up", "[sync]") {
  Central central;
  Console a("console-a", central);
  a.call("before", test::kTestNowUs);
  a.engine->syncOnce();
  // The central store goes away: a console pointed at it cannot connect and keeps working.
  CHECK_THROWS_AS(sync::connectCentral("sqlite:///nonexistent-dir/central.db"), sync::CentralError);
  for (int i = 0; i < 1000; ++i) a.call("offline-" + std::to_string(i), test::kTestNowUs + (i + 1) * 200 * kSecond);
  CHECK(a.engine->pendingEvents() == 4000);
  const auto caught = a.engine->syncOnce();
  CHECK(caught.pushed == 4000);
  auto c = central.connect();
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events") == 4004);
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM interactions") == 1001);
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM interactions WHERE status = 'wrapped'") == 1001);
  CHECK(sync::loadCentralProjections(*c) == a.projections());
}

TEST_CASE("two consoles updating one complaint at the same time both survive", "[sync]") {
  Central central;
  Console a("console-a", central);
  Console b("console-b", central);
  const std::int64_t t = test::kTestNowUs;
  a.call("call-a", t);
  a.event("call-a", t + 10 * kSecond, EventKind::ComplaintOpened,
          R"({"complaint_id":"k-1","category":"billing","priority":"high","summary":"Charged twice",)"
          R"("response_due_us":)" +
              std::to_string(t + 3600 * kSecond) + R"(,"resolution_due_us":)" + std::to_string(t + 86400 * kSecond) +
              "}");
  a.engine->syncOnce();
  b.engine->syncOnce();  // B sees the complaint
  // Neither console hears of the other's change before pushing its own.
  b.call("call-b", t + 500 * kSecond);
  b.event("call-b", t + 510 * kSecond, EventKind::ComplaintResponded, R"({"complaint_id":"k-1"})");
  a.event("call-a", t + 900 * kSecond, EventKind::ComplaintResolved, R"({"complaint_id":"k-1"})");
  a.engine->syncOnce();
  b.engine->syncOnce();
  a.engine->syncOnce();

  auto c = central.connect();
  const auto p = sync::loadCentralProjections(*c);
  const auto& k = p.complaints.at("k-1");
  CHECK(k.status == "resolved");
  CHECK(k.firstResponseUs == t + 510 * kSecond);  // B's response
  CHECK(k.resolvedUs == t + 900 * kSecond);       // A's resolution
  CHECK(p == a.projections());
  CHECK(p == b.projections());
}

TEST_CASE("pushes fold onto the stored projections exactly as a fold of every event, late and tied ones included",
          "[sync]") {
  // Three consoles write to the same four interactions, two complaints and two agents, with
  // timestamps drawn from 8 seconds: events arrive late and share timestamps, so the push
  // takes both paths (new events on top of the stored row; a full recompute).
  Central central;
  std::vector<std::unique_ptr<Console>> consoles;
  for (const char* o : {"console-a", "console-b", "console-c"})
    consoles.push_back(std::make_unique<Console>(o, central));
  std::mt19937 rng(20261201);
  const std::int64_t t = test::kTestNowUs;
  int n = 0;
  for (int round = 0; round < 150; ++round) {
    Console& c = *consoles[rng() % consoles.size()];
    // Every 30th push is a backlog of 100 events: sent by COPY, folded while the server
    // stores them (the small ones go in one INSERT).
    const int events = round % 30 == 29 ? 100 : 1 + static_cast<int>(rng() % 6);
    for (int j = 0; j < events; ++j, ++n) {
      const std::int64_t ts = t + static_cast<std::int64_t>(rng() % 8) * kSecond;
      const std::string interaction = "i-" + std::to_string(rng() % 4);
      const std::string complaint = R"({"complaint_id":"k-)" + std::to_string(rng() % 2);
      switch (rng() % 9) {
        case 0:
          c.event(interaction, ts, EventKind::Offered,
                  R"({"channel":"voice","direction":"in","address":"+44207946)" + std::to_string(n) + R"("})");
          break;
        case 1:
          c.event(interaction, ts, EventKind::Answered);
          break;
        case 2:
          c.event(interaction, ts, EventKind::Note, R"({"text":"note )" + std::to_string(n) + R"("})");
          break;
        case 3:
          c.event(interaction, ts, EventKind::Ended);
          break;
        case 4:
          c.event(interaction, ts, EventKind::Wrapped, R"({"disposition":"d)" + std::to_string(n) + R"("})");
          break;
        case 5:
          c.event(interaction, ts, EventKind::ComplaintOpened,
                  complaint + R"(","category":"billing","priority":"p)" + std::to_string(n) + R"("})");
          break;
        case 6:
          c.event(interaction, ts, EventKind::ComplaintResponded, complaint + R"("})");
          break;
        case 7:
          c.event(interaction, ts, EventKind::ComplaintReassigned,
                  complaint + R"(","owner":"o)" + std::to_string(n) + R"("})");
          break;
        default:
          c.log.append(store::InteractionEvent{"", 0, "", ts, EventKind::AgentState,
                                               "agent-" + std::to_string(rng() % 2),
                                               R"({"state":"s)" + std::to_string(n) + R"("})"});
      }
    }
    while (c.engine->pushBatch() > 0) {
    }
  }
  // A tie that the order decides: console-b's note is stored first, console-a's arrives with
  // the same timestamp later; in (ts_us, origin, seq) order a's comes first, so b's stays.
  const std::int64_t tie = t + 100 * kSecond;
  consoles[1]->event("i-0", tie, EventKind::Note, R"({"text":"b's word"})");
  consoles[1]->engine->pushBatch();
  consoles[0]->event("i-0", tie, EventKind::Note, R"({"text":"a's word"})");
  consoles[0]->engine->pushBatch();
  n += 2;
  // The reference: every central event folded from scratch in (ts_us, origin, seq) order.
  auto c = central.connect();
  store::Projections expected;
  for (const auto& r :
       c->query("SELECT origin, seq, interaction_id, ts_us, kind, agent_id, payload_json FROM central_events "
                "ORDER BY ts_us, origin, seq")) {
    store::foldInto(expected, store::InteractionEvent{*r[0], sync::toInt(r[1]), *r[2], sync::toInt(r[3]),
                                                      *store::eventKindFromString(*r[4]), *r[5], *r[6]});
  }
  expected.emailMessages.clear();
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events") == n);
  CHECK(expected.interactions.size() == 4);
  CHECK(expected.complaints.size() == 2);
  CHECK(expected.agentStates.size() == 2);
  CHECK(expected.interactions.at("i-0").note == "b's word");
  CHECK(sync::loadCentralProjections(*c) == expected);
}

TEST_CASE("sync refuses a central store that was never initialised, naming the command", "[sync]") {
  test::TempDir dir;
  auto central = sync::connectCentral("sqlite://" + dir.file("empty.db"));
  auto db = store::Database::open(dir.file("local.db"));
  store::migrate(db);
  sync::SyncEngine engine(db, *central, "console-a");
  CHECK_THROWS_WITH(engine.pushBatch(), Catch::Contains("frontline central init"));
  CHECK(sync::initCentral(*central) == sync::centralMigrations().back().version);
  CHECK(sync::initCentral(*central) == sync::centralMigrations().back().version);  // again: nothing to do
  CHECK_THROWS_WITH(sync::connectCentral("mysql://x"), Catch::Contains("sqlite:// or postgresql://"));
}

TEST_CASE("the sync thread goes offline, backs off, and catches up by itself", "[sync][service]") {
  // SQLite: the central file's directory does not exist yet (offline) until the test makes
  // it. PostgreSQL: sync_pg_test.sh passes commands that stop and start the real server.
  const char* stopServer = std::getenv("FRONTLINE_TEST_PG_STOP");
  const char* startServer = std::getenv("FRONTLINE_TEST_PG_START");
  const bool pg = stopServer && startServer && std::getenv("FRONTLINE_TEST_PG_URL");
  test::TempDir dir;
  std::string url = "sqlite://" + dir.file("later/central.db");
  std::unique_ptr<Central> pgCentral;
  if (pg) {
    pgCentral = std::make_unique<Central>();
    url = pgCentral->url;
  }
  const std::string localPath = dir.file("local.db");
  auto db = Console::open(localPath);
  store::EventLog log(db, "console-s");
  auto contacts = [&](int n, const std::string& prefix) {
    for (int i = 0; i < n; ++i) {
      const std::string id = prefix + std::to_string(i);
      log.append({store::InteractionEvent{"", 0, id, test::kTestNowUs + i, EventKind::Offered, "console-s",
                                          R"({"channel":"voice"})"},
                  store::InteractionEvent{"", 0, id, test::kTestNowUs + i + 1, EventKind::Missed, "console-s", "{}"}});
    }
  };
  std::atomic<int> changes{0};
  sync::SyncServiceOptions o;
  o.localPath = localPath;
  o.centralUrl = url;
  o.origin = "console-s";
  o.intervalMs = 50;
  o.maxBackoffMs = 400;
  auto waitFor = [](const std::function<bool()>& ready) {
    for (int i = 0; i < 600 && !ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return ready();
  };
  if (pg) {
    contacts(10, "before-");
    sync::SyncService service(o, [&] { ++changes; });
    REQUIRE(waitFor([&] { return service.status().connected && service.status().pending == 0; }));
    REQUIRE(std::system(stopServer) == 0);
    contacts(1000, "offline-");
    // Retries keep failing, and each reports what is waiting.
    CHECK(waitFor([&] { return !service.status().connected && service.status().pending == 2000; }));
    CHECK_FALSE(service.status().lastError.empty());
    REQUIRE(std::system(startServer) == 0);
    REQUIRE(waitFor([&] { return service.status().connected && service.status().pending == 0; }));
  } else {
    contacts(1000, "offline-");
    sync::SyncService service(o, [&] { ++changes; });
    CHECK(waitFor([&] { return !service.status().lastError.empty(); }));
    CHECK_FALSE(service.status().connected);
    CHECK(service.status().pending == 2000);
    std::filesystem::create_directories(dir.path() / "later");
    sync::initCentral(*sync::connectCentral(url));
    REQUIRE(waitFor([&] { return service.status().connected && service.status().pending == 0; }));
    CHECK(service.status().pushedTotal == 2000);
  }
  CHECK(changes > 0);
  auto c = sync::connectCentral(url);
  const std::int64_t expected = pg ? 2020 : 2000;
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events WHERE origin = 'console-s'") == expected);
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM interactions WHERE outcome = 'missed'") == expected / 2);
}

TEST_CASE("offline, a busy desk's commits do not start rounds: the backoff decides", "[sync][service]") {
  // A desk at 500 calls/s nudges the sync thread after every commit; with the central
  // store away each nudge was a connection attempt and a count of every pending event.
  test::TempDir dir;
  const std::string localPath = dir.file("local.db");
  auto db = Console::open(localPath);
  sync::SyncServiceOptions o;
  o.localPath = localPath;
  o.centralUrl = "sqlite://" + dir.file("missing/central.db");
  o.origin = "console-n";
  o.intervalMs = 600000;  // the first retry is ten minutes away
  o.maxBackoffMs = 600000;
  o.debounceMs = 1;
  sync::SyncService service(o);
  auto waitFor = [](const std::function<bool()>& ready) {
    for (int i = 0; i < 600 && !ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return ready();
  };
  REQUIRE(waitFor([&] { return !service.status().lastError.empty(); }));
  REQUIRE(service.rounds() == 1);
  // Commits paced 5 ms apart for a second (each nudge, were it heeded, would start a round
  // within the 1 ms debounce): none starts one.
  for (int i = 0; i < 200; ++i) {
    service.wakeSoon();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(service.rounds() == 1);
  service.wake();  // "sync now" still tries at once
  REQUIRE(waitFor([&] { return service.rounds() >= 2; }));
}

TEST_CASE("an agent's role writes only its own origin's events and cannot change reference data", "[.][sync-pg]") {
  // Hidden from the plain unit run: tests/integration/sync_pg_test.sh runs it on its server.
  const char* pg = std::getenv("FRONTLINE_TEST_PG_URL");
  REQUIRE((pg && *pg));
  Central central;  // schema and roles, as the owner
  auto owner = central.connect();
  owner->exec("DROP ROLE IF EXISTS \"console-r\"");
  owner->exec("CREATE ROLE \"console-r\" LOGIN IN ROLE frontline_agent");
  owner->exec(
      "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us) "
      "VALUES (1, 'Ada Lovelace', 'Lovelace Ada', 'GB', 'en-GB', 0)");
  std::string url = central.url;
  url.replace(url.find("://") + 3, url.find('@') - url.find("://") - 3, "console-r");
  Central asAgent(url);  // the same store, as the console's role

  Console r("console-r", asAgent);
  r.call("own-call", test::kTestNowUs);
  CHECK(r.engine->syncOnce().pushed == 4);  // its own events: allowed

  auto agent = sync::connectCentral(url);
  CHECK_THROWS_WITH(
      agent->query("INSERT INTO central_events (revision, origin, seq, interaction_id, complaint_id, ts_us, kind, "
                   "agent_id, payload_json) VALUES (999, 'console-x', 1, 'forged', '', 0, 'offered', 'x', '{}')"),
      Catch::Contains("row-level security"));
  CHECK_THROWS_WITH(agent->query("UPDATE customers SET display_name = 'Changed' WHERE id = 1"),
                    Catch::Contains("permission denied"));
  CHECK_THROWS_WITH(agent->query("DELETE FROM central_events"), Catch::Contains("permission denied"));
  CHECK(centralCount(*owner, "SELECT COUNT(*) FROM customers WHERE display_name = 'Ada Lovelace'") == 1);
  CHECK(centralCount(*owner, "SELECT COUNT(*) FROM central_events WHERE origin = 'console-x'") == 0);
}

TEST_CASE("reference data comes down from the central store in pages, changes included", "[sync][reference]") {
  Central central;
  auto owner = central.connect();
  owner->beginExclusive();
  for (int id = 1; id <= 120; ++id) {
    const std::string n = std::to_string(id);
    owner->query(
        "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us, revision) "
        "VALUES ($1, $2, $3, 'GB', 'en-GB', 0, 1)",
        {sync::field(std::int64_t{id}), sync::field("Customer " + n), sync::field("Customer " + n)});
    owner->query(
        "INSERT INTO customer_addresses (id, customer_id, kind, value, label, revision) "
        "VALUES ($1, $2, 'phone', $3, 'mobile', 1)",
        {sync::field(std::int64_t{id}), sync::field(std::int64_t{id}), sync::field("+4420794600" + n)});
    owner->query(
        "INSERT INTO orders (id, customer_id, number, ordered_us, status, items_json, total_minor, currency, "
        "revision) VALUES ($1, $2, $3, 0, 'delivered', '[]', 1000, 'GBP', 1)",
        {sync::field(std::int64_t{id}), sync::field(std::int64_t{id}), sync::field("SO-" + n)});
  }
  owner->query(
      "INSERT INTO sla_policies (priority, first_response_us, resolution_us, revision) "
      "VALUES ('high', 3600000000, 86400000000, 1)");
  owner->commit();

  Console a("console-a", central);
  CHECK(sync::pullReferenceData(a.db, *a.central, 50) == 361);  // pages of 50
  CHECK(a.db.queryInt("SELECT COUNT(*) FROM customers") == 120);
  CHECK(a.db.queryInt("SELECT COUNT(*) FROM customer_addresses") == 120);
  CHECK(a.db.queryInt("SELECT COUNT(*) FROM orders") == 120);
  CHECK(a.db.queryText("SELECT priority FROM sla_policies") == "high");
  CHECK(sync::pullReferenceData(a.db, *a.central, 50) == 0);  // up to date

  owner->query("UPDATE customers SET display_name = 'Renamed', blocked = 1, revision = 2 WHERE id = 7");
  CHECK(sync::pullReferenceData(a.db, *a.central, 50) == 1);
  CHECK(a.db.queryText("SELECT display_name FROM customers WHERE id = 7") == "Renamed");
  CHECK(a.db.queryInt("SELECT blocked FROM customers WHERE id = 7") == 1);
  // An update is not a delete: the customer's address and order stay.
  CHECK(a.db.queryInt("SELECT COUNT(*) FROM customer_addresses WHERE customer_id = 7") == 1);
  CHECK(a.db.queryInt("SELECT COUNT(*) FROM orders WHERE customer_id = 7") == 1);
}

TEST_CASE("an agent's console pulls complaints and customers' contacts; a supervisor's pulls all", "[sync]") {
  Central central;
  Console a("console-a", central);
  const std::int64_t t = test::kTestNowUs;
  a.call("known", t);
  a.event("unknown", t, EventKind::Offered, R"({"channel":"voice","direction":"in","address":"+447700900123"})");
  a.event("unknown", t + 1, EventKind::Missed);
  a.event("unknown", t + 2, EventKind::ComplaintOpened,
          R"({"complaint_id":"k-9","category":"service","priority":"low","summary":"No answer",)"
          R"("response_due_us":1,"resolution_due_us":2})");
  a.log.append(store::InteractionEvent{"", 0, "", t, EventKind::AgentState, "console-a", R"({"state":"available"})"});
  a.engine->syncOnce();

  Console agent("console-b", central);
  agent.engine->syncOnce();
  const auto got = agent.projections();
  CHECK(got.interactions.count("known") == 1);
  CHECK(got.interactions.count("unknown") == 0);  // an unknown caller's contact stays central
  CHECK(got.complaints.count("k-9") == 1);        // complaints always come
  CHECK(got.agentStates.count("console-a") == 0);

  sync::SyncOptions supervisor;
  supervisor.role = "supervisor";
  Console sup("sup-1", central, supervisor);
  sup.engine->syncOnce();
  const auto all = sup.projections();
  CHECK(all.interactions.count("unknown") == 1);
  CHECK(all.agentStates.count("console-a") == 1);
}

namespace {
// Polls `ready` every 2 ms for up to 30 s (a condition, not a fixed sleep).
bool eventually(const std::function<bool()>& ready) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!ready()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}
// The central URL with another login (a console's own role on PostgreSQL).
std::string loginUrl(std::string url, const char* login) {
  url.replace(url.find("://") + 3, url.find('@') - url.find("://") - 3, login);
  return url;
}
}  // namespace

TEST_CASE("supervisors' actions: a supervisor's role writes them, an agent's role is refused", "[.][sync-pg]") {
  const char* pg = std::getenv("FRONTLINE_TEST_PG_URL");
  REQUIRE((pg && *pg));
  Central central;
  auto owner = central.connect();
  for (const char* role : {"console-a", "boss-1"}) owner->exec(std::string("DROP ROLE IF EXISTS \"") + role + "\"");
  owner->exec("CREATE ROLE \"console-a\" LOGIN IN ROLE frontline_agent");
  owner->exec("CREATE ROLE \"boss-1\" LOGIN IN ROLE frontline_supervisor");
  auto as = [&](const char* login) { return loginUrl(central.url, login); };
  Central asAgent(as("console-a")), asSupervisor(as("boss-1"));
  const std::string opened =
      R"({"complaint_id":"k-1","category":"delivery","priority":"normal","summary":"Lost","response_due_us":1,"resolution_due_us":2})";
  const std::string reprioritised =
      R"({"complaint_id":"k-1","priority":"urgent","response_due_us":5,"resolution_due_us":6})";

  Console agent("console-a", asAgent);
  agent.call("c-1", test::kTestNowUs);
  agent.event("c-1", test::kTestNowUs + kSecond, EventKind::ComplaintOpened, opened);
  CHECK(agent.engine->syncOnce().pushed == 5);
  // The agent's own console forging a supervisor's action: refused by the server.
  agent.event("c-1", test::kTestNowUs + 2 * kSecond, EventKind::ComplaintReprioritised, reprioritised);
  CHECK_THROWS_WITH(agent.engine->pushBatch(), Catch::Contains("row-level security"));

  sync::SyncOptions supervisor;
  supervisor.role = "supervisor";
  Console boss("boss-1", asSupervisor, supervisor);
  boss.engine->syncOnce();  // pulls the complaint
  boss.event("c-1", test::kTestNowUs + 3 * kSecond, EventKind::ComplaintReprioritised, reprioritised);
  boss.log.append(store::InteractionEvent{"", 0, "", test::kTestNowUs + 3 * kSecond, EventKind::AgentStateRequested,
                                          "boss-1", R"({"agent":"console-a","state":"not_ready","by_name":"Boss"})"});
  // A drill-down's replay: the supervisor may annotate it too.
  boss.event("c-1", test::kTestNowUs + 4 * kSecond, EventKind::Annotated, R"({"text":"see me","at_us":1})");
  CHECK(boss.engine->syncOnce().pushed == 3);
  CHECK(centralCount(*owner, "SELECT COUNT(*) FROM complaints WHERE id = 'k-1' AND priority = 'urgent'") == 1);
  // A supervisor's role writes nothing else: not a contact of its own.
  boss.call("c-2", test::kTestNowUs);
  CHECK_THROWS_WITH(boss.engine->pushBatch(), Catch::Contains("row-level security"));
}

TEST_CASE("trainers' work: a trainer's role writes it, an agent's role is refused; agents pull their own evaluations",
          "[.][sync-pg]") {
  const char* pg = std::getenv("FRONTLINE_TEST_PG_URL");
  REQUIRE((pg && *pg));
  Central central;
  auto owner = central.connect();
  for (const char* role : {"console-t", "console-u", "tess-1"}) {
    owner->exec(std::string("DROP ROLE IF EXISTS \"") + role + "\"");
  }
  owner->exec("CREATE ROLE \"console-t\" LOGIN IN ROLE frontline_agent");
  owner->exec("CREATE ROLE \"console-u\" LOGIN IN ROLE frontline_agent");
  owner->exec("CREATE ROLE \"tess-1\" LOGIN IN ROLE frontline_trainer");
  auto as = [&](const char* login) { return loginUrl(central.url, login); };
  Central asAgent(as("console-t")), asOther(as("console-u")), asTrainer(as("tess-1"));
  Console agent("console-t", asAgent);
  agent.call("t-1", test::kTestNowUs);
  agent.engine->syncOnce();
  // An agent's console forging an evaluation of itself: refused by the server.
  agent.event("t-1", test::kTestNowUs + kSecond, EventKind::Evaluated,
              R"({"evaluation_id":"forged","agent":"console-t","form":{},"score":100})");
  CHECK_THROWS_WITH(agent.engine->pushBatch(), Catch::Contains("row-level security"));

  sync::SyncOptions trainerOptions;
  trainerOptions.role = "trainer";
  Console trainer("tess-1", asTrainer, trainerOptions);
  trainer.engine->syncOnce();  // pulls the call
  trainer.event("t-1", test::kTestNowUs + 2 * kSecond, EventKind::Annotated,
                R"({"text":"good","at_us":1,"category":"good_practice"})");
  trainer.event("t-1", test::kTestNowUs + 2 * kSecond, EventKind::Unmasked, R"({"by_name":"Tess"})");
  trainer.event("t-1", test::kTestNowUs + 3 * kSecond, EventKind::Evaluated,
                R"({"evaluation_id":"ev-1","agent":"console-t","form":{"id":"f","version":1},"score":90})");
  trainer.event("t-1", test::kTestNowUs + 3 * kSecond, EventKind::Evaluated,
                R"({"evaluation_id":"ev-2","agent":"console-u","form":{"id":"f","version":1},"score":50})");
  CHECK(trainer.engine->syncOnce().pushed == 4);
  // A trainer's role writes nothing else: not a contact of its own.
  trainer.call("t-2", test::kTestNowUs);
  CHECK_THROWS_WITH(trainer.engine->pushBatch(), Catch::Contains("row-level security"));

  // The other agent's console pulls its own evaluation, not the first agent's, and may
  // acknowledge it.
  Console other("console-u", asOther);
  other.engine->syncOnce();
  CHECK(other.db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'evaluated'") == 1);
  CHECK(other.db.queryText("SELECT json_extract(payload_json, '$.evaluation_id') FROM interaction_events "
                           "WHERE kind = 'evaluated'") == "ev-2");
  other.event("t-1", test::kTestNowUs + 4 * kSecond, EventKind::EvaluationAcknowledged, R"({"evaluation_id":"ev-2"})");
  CHECK(other.engine->syncOnce().pushed == 1);
  CHECK(centralCount(*owner, "SELECT COUNT(*) FROM central_events WHERE kind = 'evaluation_acknowledged'") == 1);
}

TEST_CASE("a supervisor's console on PostgreSQL pulls as soon as a push is committed (LISTEN/NOTIFY)", "[.][sync-pg]") {
  const char* pg = std::getenv("FRONTLINE_TEST_PG_URL");
  REQUIRE((pg && *pg));
  Central central;
  test::TempDir dir;
  const std::string local = dir.file("supervisor.db");
  {
    auto db = store::Database::open(local);
    store::migrate(db);
  }
  sync::SyncServiceOptions options;
  options.localPath = local;
  options.centralUrl = central.url;
  options.origin = "supervisor-1";
  options.role = "supervisor";
  options.intervalMs = 600'000;  // only a notification can bring the event within the test
  sync::SyncService service(options);
  REQUIRE(eventually([&] { return service.status().everSynced; }));
  Console agent("console-n", central);
  // Each round: one push, then how long until the supervisor's store has it.
  std::vector<double> ms;
  for (int i = 0; i < 20; ++i) {
    agent.call("n-" + std::to_string(i), test::kTestNowUs + i * kSecond);
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(agent.engine->pushBatch() == 4);
    auto db = store::Database::open(local, {.readOnly = true});
    const std::string sql =
        "SELECT COUNT(*) FROM interaction_events WHERE origin = 'console-n' AND interaction_id = 'n-" +
        std::to_string(i) + "'";
    INFO("waited 30 s for the supervisor's console to pull n-" << i << " after its push");
    REQUIRE(eventually([&] { return db.queryInt(sql) == 4; }));
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  // A figure for the log, not an assertion: the machine is shared.
  WARN("push -> supervisor's store over LISTEN/NOTIFY: p50 " << ms[ms.size() / 2] << " ms, max " << ms.back() << " ms");
}

TEST_CASE("consoles pushing at once on PostgreSQL: every event once, pulled once, complaints folded in order",
          "[.][sync-pg]") {
  // No global lock: eight consoles push small batches from their own threads, all touching
  // one complaint, while a supervisor's console pulls the whole time. The pull cursor must
  // not step over a row that commits after one with a larger revision.
  const char* pg = std::getenv("FRONTLINE_TEST_PG_URL");
  REQUIRE((pg && *pg));
  Central central;
  constexpr int kConsoles = 8;
  constexpr int kRounds = 40;
  std::vector<std::unique_ptr<Console>> consoles;
  for (int i = 0; i < kConsoles; ++i)
    consoles.push_back(std::make_unique<Console>("rush-" + std::to_string(i), central));
  const std::int64_t t = test::kTestNowUs;
  consoles[0]->event("opening", t, EventKind::ComplaintOpened,
                     R"({"complaint_id":"k-rush","category":"billing","priority":"high"})");
  consoles[0]->engine->pushBatch();
  sync::SyncOptions all;
  all.role = "supervisor";
  Console supervisor("supervisor-rush", central, all);
  // One push stays open (its rows written, not committed) while the others commit after
  // it: the case where a cursor on revisions alone would step over its rows.
  std::promise<void> held, release;
  auto released = release.get_future().share();
  sync::SyncOptions holding;
  holding.checkpoint = [&, once = true](std::string_view stage) mutable {
    if (stage != "before-central-commit" || !once) return;
    once = false;
    held.set_value();
    released.wait();
  };
  Console slow("rush-slow", central, holding);
  slow.call("slow-call", t + kSecond / 2);
  std::thread slowPush([&] { slow.engine->pushBatch(); });
  held.get_future().wait();
  std::atomic<int> pushing{kConsoles};
  std::vector<std::thread> threads;
  std::vector<std::string> errors(kConsoles);
  for (int i = 0; i < kConsoles; ++i) {
    threads.emplace_back([&, i] {
      try {
        Console& c = *consoles[static_cast<std::size_t>(i)];
        for (int r = 0; r < kRounds; ++r) {
          const std::string id = c.origin + "-" + std::to_string(r);
          const std::int64_t at = t + (1 + r * kConsoles + i) * kSecond;
          c.event(id, at, EventKind::Offered, R"({"channel":"voice","direction":"in","address":"+1"})");
          c.event(id, at, EventKind::ComplaintReassigned,
                  R"({"complaint_id":"k-rush","owner":")" + c.origin + "/" + std::to_string(r) + R"("})");
          c.engine->pushBatch();
        }
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(i)] = e.what();
      }
      --pushing;
    });
  }
  std::int64_t pulledWhilePushing = 0;
  while (pushing > 0) pulledWhilePushing += supervisor.engine->pullBatch();
  for (auto& th : threads) th.join();
  pulledWhilePushing += supervisor.engine->pullBatch();
  release.set_value();
  slowPush.join();
  for (const auto& e : errors) CHECK(e.empty());
  while (supervisor.engine->pullBatch() > 0) {
  }
  auto c = central.connect();
  const std::int64_t total = 1 + 4 + kConsoles * kRounds * 2;
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events") == total);
  CHECK(centralCount(*c, "SELECT COUNT(DISTINCT revision) FROM central_events") == total);
  // The supervisor has every event exactly once (none stepped over by its cursor).
  CHECK(supervisor.db.queryInt("SELECT COUNT(*) FROM interaction_events") == total);
  CHECK(pulledWhilePushing > 0);
  // The complaint's owner is the reassignment with the latest timestamp: the last round of
  // the last console, whatever order the pushes committed in.
  const auto p = sync::loadCentralProjections(*c);
  CHECK(p.complaints.at("k-rush").ownerAgentId ==
        "rush-" + std::to_string(kConsoles - 1) + "/" + std::to_string(kRounds - 1));
  CHECK(p.interactions.size() == static_cast<std::size_t>(kConsoles * kRounds) + 1);
  CHECK(p == supervisor.projections());
}

TEST_CASE("a push refused at its COPY or at its commit on PostgreSQL loses nothing and resumes exactly once",
          "[.][sync-pg]") {
  // The push sends its COPY and its COMMIT without waiting and reads the next batch while
  // the server works: a refusal arrives later than the statement that caused it, and must
  // still roll the batch back whole, name the statement, and leave the next push to resume.
  const char* pg = std::getenv("FRONTLINE_TEST_PG_URL");
  REQUIRE((pg && *pg));
  Central central;
  sync::SyncOptions options;
  options.batchSize = 100;
  Console a("console-a", central, options);
  for (int i = 0; i < 75; ++i) a.call("r-" + std::to_string(i), test::kTestNowUs + i * kSecond * 200);
  auto c = central.connect();
  c->exec(
      "CREATE FUNCTION refuse_seq() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.seq = TG_ARGV[0]::bigint "
      "THEN RAISE EXCEPTION 'refused seq %', NEW.seq; END IF; RETURN NEW; END $$");
  // At the commit: a deferred constraint trigger fires only then.
  c->exec(
      "CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON central_events DEFERRABLE INITIALLY DEFERRED FOR "
      "EACH ROW EXECUTE FUNCTION refuse_seq(150)");
  CHECK(a.engine->pushBatch() == 100);
  CHECK_THROWS_WITH(a.engine->pushBatch(), Catch::Contains("refused seq 150") && Catch::Contains("in: COMMIT"));
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events") == 100);
  CHECK(a.engine->pendingEvents() == 200);
  // During the COPY: the refusal is read when the projections are sent.
  c->exec("DROP TRIGGER refuse_at_commit ON central_events");
  c->exec(
      "CREATE TRIGGER refuse_in_copy BEFORE INSERT ON central_events FOR EACH ROW EXECUTE FUNCTION refuse_seq(250)");
  CHECK(a.engine->pushBatch() == 100);
  CHECK_THROWS_WITH(a.engine->pushBatch(),
                    Catch::Contains("refused seq 250") && Catch::Contains("in: COPY central_events"));
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events") == 200);
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM interactions") == 50);
  c->exec("DROP TRIGGER refuse_in_copy ON central_events");
  c->exec("DROP FUNCTION refuse_seq");
  CHECK(a.engine->syncOnce().pushed == 100);
  CHECK(a.engine->pendingEvents() == 0);
  CHECK(centralCount(*c, "SELECT COUNT(DISTINCT (origin, seq)) FROM central_events") == 300);
  CHECK(sync::loadCentralProjections(*c) == a.projections());
}

TEST_CASE("a batch read ahead is set aside when another process pushed this origin meanwhile", "[sync]") {
  // The console's sync thread and a `frontline sync` run on the same local store: each
  // push asks the central store where this origin ends, and a batch read ahead from an
  // older end is not sent (it would be sent twice).
  Central central;
  sync::SyncOptions options;
  options.batchSize = 40;
  Console a("console-a", central, options);
  for (int i = 0; i < 30; ++i) a.call("s-" + std::to_string(i), test::kTestNowUs + i * kSecond * 200);
  auto sameStore = store::Database::open(a.dir.file("local.db"));
  auto otherConnection = central.connect();
  sync::SyncEngine other(sameStore, *otherConnection, "console-a", options);
  CHECK(a.engine->pushBatch() == 40);  // seq 1-40; on PostgreSQL 41-80 read ahead
  CHECK(other.pushBatch() == 40);      // seq 41-80
  CHECK(a.engine->pushBatch() == 40);  // seq 81-120, not 41-80 again
  while (a.engine->pushBatch() > 0) {
  }
  auto c = central.connect();
  CHECK(centralCount(*c, "SELECT COUNT(*) FROM central_events") == 120);
  CHECK(centralCount(*c, "SELECT MAX(seq) FROM central_events") == 120);
  CHECK(sync::loadCentralProjections(*c) == a.projections());
}
