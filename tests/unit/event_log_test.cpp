#include <catch2/catch.hpp>

#include "store/demo_data.h"
#include "store/event_log.h"
#include "store/projections.h"
#include "test_support.h"

using namespace frontline;
using store::EventKind;
using store::InteractionEvent;

namespace {

constexpr std::int64_t kS = 1'000'000;

InteractionEvent ev(const std::string& interaction, std::int64_t ts, EventKind kind, std::string agent = "",
                    std::string payload = "{}") {
  return InteractionEvent{"", 0, interaction, ts, kind, std::move(agent), std::move(payload)};
}

// A morning at the desk: an answered call with a complaint, a missed call, an email,
// agent state changes, and a complaint responded to and resolved in a later contact.
std::vector<InteractionEvent> scriptedMorning() {
  const std::int64_t t = test::kTestNowUs;
  return {
      ev("", t, EventKind::AgentState, "agent-01", R"({"state":"available","reason":""})"),
      ev("call-1", t + 1 * kS, EventKind::Offered, "",
         R"({"channel":"voice","direction":"in","address":"+442079460958","display_name":"Ann Smith","subject":"","customer_id":7})"),
      ev("call-1", t + 2 * kS, EventKind::Ringing),
      ev("call-1", t + 9 * kS, EventKind::Answered, "agent-01"),
      ev("", t + 9 * kS, EventKind::AgentState, "agent-01", R"({"state":"on_contact","reason":""})"),
      ev("call-1", t + 30 * kS, EventKind::Note, "agent-01", R"({"text":"Parcel late"})"),
      ev("call-1", t + 40 * kS, EventKind::Note, "agent-01", R"({"text":"Parcel late; refund offered"})"),
      ev("call-1", t + 50 * kS, EventKind::ComplaintOpened, "agent-01",
         R"({"complaint_id":"c-1","customer_id":7,"category":"delivery","priority":"high","summary":"late",)"
         R"("response_due_us":)" +
             std::to_string(t + 50 * kS + 4 * 3600 * kS) + R"(,"resolution_due_us":)" +
             std::to_string(t + 50 * kS + 24 * 3600 * kS) + "}"),
      ev("call-1", t + 60 * kS, EventKind::Satisfaction, "agent-01", R"({"expected":4,"perceived":3})"),
      ev("call-1", t + 120 * kS, EventKind::Ended, "agent-01"),
      ev("call-1", t + 125 * kS, EventKind::Disposition, "agent-01", R"({"code":"complaint_logged"})"),
      ev("call-1", t + 180 * kS, EventKind::Wrapped, "agent-01"),
      ev("call-2", t + 200 * kS, EventKind::Offered, "",
         R"({"channel":"voice","direction":"in","address":"+4930123456","display_name":"","subject":""})"),
      ev("call-2", t + 230 * kS, EventKind::Missed),
      ev("mail-1", t + 300 * kS, EventKind::Offered, "",
         R"({"channel":"email","direction":"in","address":"ann@example.com","display_name":"Ann","subject":"Refund?","customer_id":7})"),
      ev("mail-1", t + 900 * kS, EventKind::Answered, "agent-02"),
      ev("mail-1", t + 905 * kS, EventKind::ComplaintResponded, "agent-02", R"({"complaint_id":"c-1"})"),
      ev("mail-1", t + 960 * kS, EventKind::Ended, "agent-02"),
      ev("mail-1", t + 990 * kS, EventKind::Wrapped, "agent-02", R"({"disposition":"resolved"})"),
      ev("call-2", t + 1000 * kS, EventKind::CustomerLinked, "agent-01", R"({"customer_id":9})"),
      ev("mail-1", t + 2000 * kS, EventKind::ComplaintResolved, "agent-02", R"({"complaint_id":"c-1"})"),
      ev("", t + 2100 * kS, EventKind::AgentState, "agent-01", R"({"state":"not_ready","reason":"lunch"})"),
  };
}

}  // namespace

TEST_CASE("appending events assigns gap-free sequence numbers per origin", "[store][events]") {
  auto db = test::migratedMemoryStore();
  store::EventLog log(db, "console-a");
  auto appended = log.append(scriptedMorning());
  REQUIRE(appended.size() == scriptedMorning().size());
  for (std::size_t i = 0; i < appended.size(); ++i) {
    CHECK(appended[i].origin == "console-a");
    CHECK(appended[i].seq == static_cast<std::int64_t>(i + 1));
  }
  store::EventLog reopened(db, "console-a");
  CHECK(reopened.lastSeq() == static_cast<std::int64_t>(appended.size()));
  store::EventLog other(db, "console-b");
  CHECK(other.lastSeq() == 0);
}

TEST_CASE("stored projections equal the fold of the whole log", "[store][events][fold]") {
  auto db = test::migratedMemoryStore();
  store::EventLog log(db, "console-a");
  for (auto& e : scriptedMorning()) log.append(std::move(e));  // one transaction each

  const store::Projections stored = store::loadProjections(db);
  const store::Projections folded = store::foldLog(db);
  CHECK(stored.interactions.size() == 3);
  CHECK(stored.complaints.size() == 1);
  CHECK(stored.agentStates.size() == 1);
  CHECK(stored == folded);
}

TEST_CASE("an event rewrites only the projection columns it changes, derived ones included", "[store][events][fold]") {
  // Each append updates the stored row in place (same rowid, only the changed columns):
  // the stored tables, every column, must equal the fold's rows written afresh.
  auto db = test::migratedMemoryStore();
  store::EventLog log(db, "console-a");
  auto rowidOf = [&](const std::string& id) {
    store::Statement& s = db.cached("SELECT rowid FROM interactions WHERE id = ?");
    s.bind(1, id);
    REQUIRE(s.step());
    const std::int64_t rowid = s.int64(0);
    s.reset();
    return rowid;
  };
  std::int64_t call1 = 0;
  for (auto& e : scriptedMorning()) {
    const std::string id = e.interactionId;
    log.append(std::move(e));  // one transaction each
    if (id != "call-1") continue;
    if (!call1) call1 = rowidOf(id);
    CHECK(rowidOf(id) == call1);  // updated in place, not deleted and inserted anew
  }
  auto fresh = test::migratedMemoryStore();
  const store::Projections folded = store::foldLog(db);
  for (const auto& [id, row] : folded.interactions) store::saveInteraction(fresh, row);
  for (const auto& [id, row] : folded.complaints) store::saveComplaint(fresh, row);
  for (const auto& [id, row] : folded.agentStates) store::saveAgentState(fresh, row);
  auto dump = [](store::Database& d, const std::string& table, const std::string& key) {
    std::vector<std::string> rows;
    store::Statement& s = d.cached("SELECT * FROM " + table + " ORDER BY " + key);
    while (s.step()) {
      std::string line;
      for (int c = 0; c < s.columnCount(); ++c) line += (s.isNull(c) ? std::string("NULL") : s.text(c)) + "|";
      rows.push_back(line);
    }
    s.reset();
    return rows;
  };
  CHECK(dump(db, "interactions", "id") == dump(fresh, "interactions", "id"));
  CHECK(dump(db, "complaints", "id") == dump(fresh, "complaints", "id"));
  CHECK(dump(db, "agent_states", "agent_id") == dump(fresh, "agent_states", "agent_id"));
}

TEST_CASE("the fold records resolution times and outcomes", "[store][events][fold]") {
  auto db = test::migratedMemoryStore();
  store::EventLog log(db, "console-a");
  log.append(scriptedMorning());
  const auto p = store::loadProjections(db);

  const auto& call = p.interactions.at("call-1");
  CHECK(call.outcome == "answered");
  CHECK(call.status == "wrapped");
  CHECK(call.waitUs() == 8 * kS);
  CHECK(call.talkUs() == 111 * kS);
  CHECK(call.acwUs() == 60 * kS);
  CHECK(call.note == "Parcel late; refund offered");
  CHECK(call.disposition == "complaint_logged");
  CHECK(call.customerId == 7);
  CHECK(call.satisfactionExpected == 4);
  CHECK(call.satisfactionPerceived == 3);

  const auto& missed = p.interactions.at("call-2");
  CHECK(missed.outcome == "missed");
  CHECK_FALSE(missed.waitUs().has_value());
  CHECK(missed.customerId == 9);  // linked later by the agent

  const auto& mail = p.interactions.at("mail-1");
  CHECK(mail.disposition == "resolved");
  CHECK(mail.agentId == "agent-02");

  const auto& complaint = p.complaints.at("c-1");
  CHECK(complaint.status == "resolved");
  CHECK(complaint.firstResponseUs == test::kTestNowUs + 905 * kS);
  CHECK(complaint.resolvedUs == test::kTestNowUs + 2000 * kS);
  CHECK(complaint.priority == "high");

  const auto& agent = p.agentStates.at("agent-01");
  CHECK(agent.state == "not_ready");
  CHECK(agent.reason == "lunch");
}

TEST_CASE("a failed append writes neither event nor projection and reuses its sequence number", "[store][events]") {
  auto db = test::migratedMemoryStore();
  store::EventLog log(db, "console-a");
  auto events = scriptedMorning();
  events.resize(3);
  events.push_back(ev("", test::kTestNowUs, EventKind::Note));  // a note needs an interaction id
  CHECK_THROWS_AS(log.append(events), store::StoreError);
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events") == 0);
  CHECK(db.queryInt("SELECT COUNT(*) FROM interactions") == 0);
  CHECK(db.queryInt("SELECT COUNT(*) FROM agent_states") == 0);
  auto first = log.append(scriptedMorning().front());
  CHECK(first.seq == 1);
}

TEST_CASE("demo history's projections equal the fold of its log", "[store][events][fold][demo]") {
  auto db = test::migratedMemoryStore();
  auto report = test::writeDemoCustomers(db, 400);
  REQUIRE(report.events > 0);
  REQUIRE(report.complaints > 0);
  CHECK(store::loadProjections(db) == store::foldLog(db));
}
