// The desk an agent can trust for a whole shift: code tables on a fresh store, what a
// restart closes that a crash left open, calls turned away when one already rings, a
// time-boxed wrap-up, no "Available" while calls cannot reach the console, and search by
// any word of a name.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "desk/desk.h"
#include "desk_rig.h"
#include "store/customer_search.h"
#include "store/event_log.h"
#include "store/projections.h"

using namespace frontline;
using desk::AgentState;
using test::DeskRig;

namespace {

constexpr std::int64_t kSecond = 1'000'000;

std::unique_ptr<desk::Desk> reopen(DeskRig& rig, const std::string& origin = "agent-03") {
  desk::DeskOptions o;
  o.storePath = rig.path;
  o.origin = origin;
  o.clock = [&rig] { return rig.nowUs.load(); };
  auto d = std::make_unique<desk::Desk>(o);
  d->waitFor([](const desk::DeskSnapshot& s) { return s.storeReady || !s.lastError.empty(); },
             std::chrono::seconds(10));
  return d;
}

}  // namespace

TEST_CASE("a fresh store has not-ready reasons, dispositions, complaint categories and SLA policies", "[store]") {
  auto db = test::migratedMemoryStore();
  CHECK(db.queryInt("SELECT COUNT(*) FROM not_ready_reasons") >= 3);
  CHECK(db.queryText("SELECT label FROM not_ready_reasons WHERE code = 'break'") == "Break");
  CHECK(db.queryInt("SELECT COUNT(*) FROM dispositions") >= 5);
  CHECK(db.queryText("SELECT code FROM dispositions ORDER BY sort_order LIMIT 1") == "resolved");
  CHECK(db.queryInt("SELECT COUNT(*) FROM complaint_categories") >= 5);
  CHECK(db.queryInt("SELECT COUNT(*) FROM sla_policies") == 4);
  CHECK(db.queryInt("SELECT first_response_us FROM sla_policies WHERE priority = 'urgent'") == 3600 * kSecond);
  // Editable: a site's own labels are kept, and the demo data (which writes its own) loads on top.
  db.exec("UPDATE not_ready_reasons SET label = 'Pause' WHERE code = 'break'");
  CHECK(db.queryText("SELECT label FROM not_ready_reasons WHERE code = 'break'") == "Pause");
}

TEST_CASE("an agent on a fresh store can take a break", "[desk]") {
  test::TempDir dir;
  desk::DeskOptions o;
  o.storePath = dir.file("fresh.db");
  o.origin = "agent-new";
  desk::Desk d(o);
  auto s = d.waitFor([](const desk::DeskSnapshot& x) { return x.storeReady; }, std::chrono::seconds(10));
  REQUIRE_FALSE(s->notReadyReasons.empty());
  const auto ticket = d.post(desk::SetAgentState{AgentState::NotReady, s->notReadyReasons.front().code});
  s = d.waitFor([ticket](const desk::DeskSnapshot& x) { return x.handled >= ticket; }, std::chrono::seconds(10));
  CHECK(s->agent.state == AgentState::NotReady);
  CHECK(s->lastError.empty());
}

TEST_CASE("a restart closes what a crash left open, as events, and only this console's contacts", "[desk][recovery]") {
  DeskRig rig;
  // A call answered and left connected, a call left ringing, an email taken and never answered.
  rig.call(telephony::SipCallEvent::Kind::Offered, "crash-connected");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string connected = s->pop->interactionId;
  rig.run(desk::AnswerCall{connected});
  rig.nowUs += 30 * kSecond;
  rig.run(desk::SaveNote{connected, "half a note"});
  const std::int64_t lastKnown = rig.nowUs.load();
  rig.mail("crash-mail@example.com", "Taken, never answered");
  rig.call(telephony::SipCallEvent::Kind::Offered, "crash-ringing");  // busy: declined, not ringing
  rig.nowUs += 10 * kSecond;
  rig.d.reset();
  std::string email, ringing;
  {
    auto db = store::Database::open(rig.path);
    email = db.queryText("SELECT id FROM interactions WHERE subject = 'Taken, never answered'");
    // Another console's call, pulled into this store, still ringing there: not ours to close.
    store::EventLog other(db, "agent-99");
    other.append({"", 0, "other-console-call", rig.nowUs.load(), store::EventKind::Offered, "",
                  R"({"channel":"voice","direction":"in","address":"+447700900123"})"});
    other.append({"", 0, "other-console-call", rig.nowUs.load(), store::EventKind::Ringing, "", "{}"});
    // This console's email taken (as a crash would leave it) and a call left ringing.
    store::EventLog mine(db, "agent-03");
    mine.append({"", 0, email, rig.nowUs.load(), store::EventKind::Answered, "agent-03", "{}"});
    ringing = "this-console-ringing";
    mine.append({"", 0, ringing, rig.nowUs.load(), store::EventKind::Offered, "",
                 R"({"channel":"voice","direction":"in","address":"+447700900999"})"});
    mine.append({"", 0, ringing, rig.nowUs.load(), store::EventKind::Ringing, "", "{}"});
  }
  rig.nowUs += 60 * kSecond;
  auto again = reopen(rig);
  s = again->snapshot();
  CHECK_THAT(s->recovered, Catch::Contains("1 ringing call missed"));
  CHECK_THAT(s->recovered, Catch::Contains("1 call ended"));
  CHECK_THAT(s->recovered, Catch::Contains("1 taken email back in the queue"));
  REQUIRE(s->queue.size() == 1);
  CHECK(s->queue[0].interactionId == email);
  CHECK(s->agent.state == AgentState::Available);
  again.reset();

  auto db = store::Database::open(rig.path);
  const auto call = store::loadInteraction(db, connected);
  REQUIRE(call);
  CHECK(call->status == "wrapped");
  CHECK(call->endedUs == lastKnown);  // ended at the last known event, not at the restart
  CHECK(call->note == "half a note");
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE interaction_id = '" + connected +
                    "' AND kind = 'ended' AND json_extract(payload_json, '$.recovered') = 1") == 1);
  CHECK(store::loadInteraction(db, ringing)->outcome == "missed");
  CHECK(store::loadInteraction(db, email)->status == "offered");
  CHECK_FALSE(store::loadInteraction(db, email)->answeredUs);
  CHECK(store::loadInteraction(db, "other-console-call")->status == "ringing");
  // A second restart finds nothing left to close.
  auto third = reopen(rig);
  CHECK(third->snapshot()->recovered.empty());
}

TEST_CASE("one call rings at a time; the next gets busy and shows in missed calls", "[desk][ringing]") {
  DeskRig rig;
  const auto first = rig.call(telephony::SipCallEvent::Kind::Offered, "ring-1");
  CHECK_FALSE(first.reject);
  const auto second = rig.call(telephony::SipCallEvent::Kind::Offered, "ring-2", "+447700900555");
  CHECK(second.reject);
  CHECK(second.rejectReason == "busy");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return !x.missed.empty(); });
  REQUIRE(s->queue.size() == 1);
  REQUIRE_FALSE(s->missed.empty());
  CHECK(s->missed.front().address == "+447700900555");
  CHECK(s->missed.front().reason == "all lines ringing");
  // The same caller again: one row, two tries.
  rig.call(telephony::SipCallEvent::Kind::Offered, "ring-3", "+447700900555");
  s = rig.when([](const desk::DeskSnapshot& x) { return !x.missed.empty() && x.missed.front().tries == 2; });
  CHECK(s->missed.front().tries == 2);
}

TEST_CASE("desk.max_ringing lets more calls ring at once", "[desk][ringing]") {
  DeskRig rig([](desk::DeskOptions& o) { o.maxRinging = 2; });
  CHECK_FALSE(rig.call(telephony::SipCallEvent::Kind::Offered, "two-1").reject);
  CHECK_FALSE(rig.call(telephony::SipCallEvent::Kind::Offered, "two-2", "+447700900556").reject);
  CHECK(rig.call(telephony::SipCallEvent::Kind::Offered, "two-3", "+447700900557").reject);
}

TEST_CASE("a time-boxed wrap-up ends by itself with the default disposition, marked timed out", "[desk][wrapup]") {
  DeskRig rig([](desk::DeskOptions& o) { o.wrapUpLimitUs = 30 * kSecond; });
  rig.call(telephony::SipCallEvent::Kind::Offered, "wrap-1");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string id = s->pop->interactionId;
  rig.run(desk::AnswerCall{id});
  s = rig.run(desk::HangUpCall{id});
  REQUIRE(s->agent.state == AgentState::WrapUp);
  CHECK(s->wrapUpDeadlineUs == rig.nowUs.load() + 30 * kSecond);
  rig.nowUs += 29 * kSecond;
  s = rig.run(desk::CheckTimers{});
  CHECK(s->agent.state == AgentState::WrapUp);  // not yet
  rig.nowUs += 2 * kSecond;
  s = rig.run(desk::CheckTimers{});
  CHECK(s->agent.state == AgentState::Available);
  CHECK(s->wrapUpDeadlineUs == 0);
  rig.d.reset();
  auto db = store::Database::open(rig.path);
  const auto row = store::loadInteraction(db, id);
  CHECK(row->status == "wrapped");
  CHECK(row->disposition == "resolved");
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE interaction_id = '" + id +
                    "' AND kind = 'disposition' AND json_extract(payload_json, '$.timed_out') = 1") == 1);
}

TEST_CASE("with the listeners down the agent is not ready and cannot become available", "[desk][lines]") {
  DeskRig rig;
  auto s = rig.run(desk::LinesDown{"the SIP listener cannot listen on 127.0.0.1:5060 (sip.listen): in use"});
  CHECK(s->agent.state == AgentState::NotReady);
  CHECK(s->agent.reason == desk::kLinesDownReason);
  CHECK_THAT(s->linesDown, Catch::Contains("sip.listen"));
  s = rig.run(desk::SetAgentState{AgentState::Available, ""});
  CHECK(s->agent.state == AgentState::NotReady);
  CHECK_THAT(s->lastError, Catch::Contains("you cannot become available"));
}

TEST_CASE("customer search finds any word of the name: surname, given name, transcription", "[store][search]") {
  auto db = test::migratedMemoryStore();
  db.exec(
      "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us) VALUES "
      "(1, 'Hugo Jansen', 'Hugo Jansen', 'NL', 'nl', 0), (2, 'Hugo Martin', 'Hugo Martin', 'FR', 'fr', 0), "
      "(3, '郭建华', 'Guo Jianhua', 'CN', 'zh', 0), (4, 'Zoë Müller-Jansen', 'Zoe Muller-Jansen', 'DE', 'de', 0)");
  db.exec(
      "INSERT INTO customer_addresses (customer_id, kind, value, label) VALUES "
      "(1, 'phone', '+31612345678', 'mobile'), (1, 'email', 'hugo@example.nl', 'personal'), "
      "(2, 'phone', '+33612345678', 'mobile')");
  auto ids = [&](const std::string& text) {
    std::vector<std::int64_t> out;
    for (const auto& m : store::searchCustomers(db, text, "GB")) out.push_back(m.customerId);
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(ids("jansen") == std::vector<std::int64_t>{1, 4});
  CHECK(ids("JANS") == std::vector<std::int64_t>{1, 4});
  CHECK(ids("hugo") == std::vector<std::int64_t>{1, 2});
  CHECK(ids("hugo jan") == std::vector<std::int64_t>{1});
  CHECK(ids("jianhua") == std::vector<std::int64_t>{3});
  CHECK(ids("郭") == std::vector<std::int64_t>{3});
  CHECK(ids("muller") == std::vector<std::int64_t>{4});
  CHECK(ids("zoe") == std::vector<std::int64_t>{4});  // diacritics removed
  CHECK(ids("\"*)(").empty());                        // query syntax is only text
  // Namesakes are told apart by a phone and an email.
  const auto hugos = store::searchCustomers(db, "hugo", "GB");
  REQUIRE(hugos.size() == 2);
  for (const auto& m : hugos) {
    CHECK_FALSE(m.phone.empty());
    if (m.customerId == 1) CHECK(m.email == "hugo@example.nl");
  }
  // A renamed customer is found by the new name only.
  db.exec("UPDATE customers SET display_name = 'Hugo de Vries', sort_name = 'Hugo de Vries' WHERE id = 1");
  CHECK(ids("jansen") == std::vector<std::int64_t>{4});
  CHECK(ids("vries") == std::vector<std::int64_t>{1});
}

TEST_CASE("a new store and its WAL file are readable by their owner only", "[store]") {
  namespace fs = std::filesystem;
  test::TempDir dir;
  const std::string path = dir.file("private.db");
  {
    auto db = store::Database::open(path);
    store::migrate(db);
    db.exec("INSERT INTO site_settings (key, value) VALUES ('k', 'v')");
    REQUIRE(fs::exists(path + "-wal"));
    for (const auto& file : {path, path + "-wal"}) {
      INFO(file);
      const auto perms = fs::status(file).permissions();
      CHECK((perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
      CHECK((perms & fs::perms::owner_read) != fs::perms::none);
    }
  }
}

TEST_CASE("a callback to a missed caller: scheduled, listed for its agent or anyone, made", "[desk][callback]") {
  DeskRig rig;
  rig.call(telephony::SipCallEvent::Kind::Offered, "cb-ring");
  rig.call(telephony::SipCallEvent::Kind::Offered, "cb-busy", "+447700900777");  // turned away: one rings
  auto s = rig.when([](const desk::DeskSnapshot& x) { return !x.missed.empty(); });
  const std::string missed = s->missed.front().interactionId;
  const std::int64_t due = rig.nowUs.load() + 3600 * kSecond;
  s = rig.run(desk::ScheduleCallback{missed, due, "refund date", false});
  REQUIRE(s->lastError.empty());
  REQUIRE(s->callbacks.size() == 1);
  CHECK(s->callbacks[0].address == "+447700900777");
  CHECK(s->callbacks[0].dueUs == due);
  CHECK(s->callbacks[0].note == "refund date");
  CHECK(s->callbacks[0].assignee == "agent-03");
  const std::string mine = s->callbacks[0].id;
  s = rig.run(desk::ScheduleCallback{missed, 0, "", false});
  CHECK_THAT(s->lastError, Catch::Contains("needs a date and time"));

  // Another console's callback for anyone arrives as the sync pulls it; one for a third
  // agent does not concern this one.
  {
    auto db = store::Database::open(rig.path);
    store::EventLog other(db, "agent-99");
    other.append(
        {"", 0, missed, rig.nowUs.load(), store::EventKind::CallbackScheduled, "agent-99",
         R"({"callback_id":"cb-anyone","address":"+447700900777","name":"X","due_us":1,"note":"","assignee":""})"});
    other.append(
        {"", 0, missed, rig.nowUs.load(), store::EventKind::CallbackScheduled, "agent-99",
         R"({"callback_id":"cb-other","address":"+447700900777","name":"X","due_us":1,"note":"","assignee":"agent-42"})"});
  }
  s = rig.run(desk::RefreshCallbacks{});
  REQUIRE(s->callbacks.size() == 2);
  CHECK(s->callbacks[0].id == "cb-anyone");  // soonest due first
  CHECK(s->callbacks[1].id == mine);

  s = rig.run(desk::CompleteCallback{"cb-anyone", "called"});
  REQUIRE(s->callbacks.size() == 1);
  s = rig.run(desk::CompleteCallback{"cb-anyone", "called"});
  CHECK_THAT(s->lastError, Catch::Contains("already called"));
  s = rig.run(desk::CompleteCallback{mine, "maybe"});
  CHECK_THAT(s->lastError, Catch::Contains("called, not_reached or cancelled"));
  s = rig.run(desk::CompleteCallback{mine, "not_reached"});
  CHECK(s->callbacks.empty());
  rig.d.reset();
  auto db = store::Database::open(rig.path);
  CHECK(db.queryText("SELECT status || '/' || done_by FROM callbacks WHERE id = '" + mine + "'") ==
        "not_reached/agent-03");
  CHECK(db.queryInt(
            "SELECT COUNT(*) FROM interaction_events WHERE kind = 'callback_scheduled' AND origin = 'agent-03'") == 1);
}

TEST_CASE("callback events already in the log get their projection when the store is upgraded", "[store][callback]") {
  auto db = store::Database::open(":memory:");
  std::vector<store::Migration> upToFive;
  for (const auto& m : store::builtInMigrations()) {
    if (m.version <= 5) upToFive.push_back(m);
  }
  store::migrate(db, upToFive);
  db.exec(
      "INSERT INTO interaction_events (origin, seq, interaction_id, ts_us, kind, agent_id, payload_json) VALUES "
      "('a', 1, 'i1', 10, 'callback_scheduled', 'a', '{\"callback_id\":\"c1\",\"address\":\"+447700900001\","
      "\"due_us\":50,\"assignee\":\"\"}'), "
      "('a', 2, 'i2', 11, 'callback_scheduled', 'a', '{\"callback_id\":\"c2\",\"address\":\"+447700900002\","
      "\"due_us\":60,\"assignee\":\"\"}'), "
      "('b', 1, 'i1', 20, 'callback_done', 'b', '{\"callback_id\":\"c1\",\"outcome\":\"called\"}')");
  store::migrate(db);
  CHECK(db.queryText("SELECT status || '/' || done_by FROM callbacks WHERE id = 'c1'") == "called/b");
  const auto open = store::loadOpenCallbacks(db, "anyone-here");
  REQUIRE(open.size() == 1);
  CHECK(open[0].id == "c2");
  CHECK(open[0].dueUs == 60);
}

TEST_CASE("the store's status and channel strings become the desk's types at one boundary", "[desk]") {
  using desk::ContactStatus;
  CHECK(desk::fromStoreStatus("offered") == ContactStatus::Ringing);
  CHECK(desk::fromStoreStatus("ringing") == ContactStatus::Ringing);
  CHECK(desk::fromStoreStatus("connected") == ContactStatus::Connected);
  CHECK(desk::fromStoreStatus("held") == ContactStatus::Held);
  CHECK(desk::fromStoreStatus("ended") == ContactStatus::Ended);
  CHECK(desk::fromStoreStatus("wrapped") == ContactStatus::Wrapped);
  for (auto s : {ContactStatus::Connected, ContactStatus::Held, ContactStatus::Ended, ContactStatus::Wrapped}) {
    CHECK(desk::fromStoreStatus(desk::toString(s)) == s);
  }
  CHECK(desk::fromStoreChannel("email") == desk::Channel::Email);
  CHECK(desk::fromStoreChannel("voice") == desk::Channel::Voice);
  CHECK(desk::toString(desk::Channel::Email) == "email");
}
