// A supervisor's actions recorded as events, and an agent's console carrying out a request
// addressed to it once it arrives (as the sync's pull brings it).
#include <catch2/catch.hpp>

#include "desk/desk.h"
#include "desk_rig.h"
#include "store/event_log.h"
#include "store/projections.h"
#include "store/sla.h"

using namespace frontline;
using test::DeskRig;

namespace {

// A complaint opened at another console, as a pull would bring it.
std::string aComplaint(const std::string& path, std::int64_t at) {
  auto db = store::Database::open(path);
  store::EventLog log(db, "agent-05");
  log.append(store::InteractionEvent{"", 0, "i-1", at, store::EventKind::Offered, "",
                                     R"({"channel":"voice","direction":"in","address":"+441","queue":"sales"})"});
  log.append(store::InteractionEvent{"", 0, "i-1", at, store::EventKind::ComplaintOpened, "agent-05",
                                     R"({"complaint_id":"k-1","category":"delivery","priority":"normal",)"
                                     R"("summary":"Parcel lost","response_due_us":1,"resolution_due_us":2})"});
  return "k-1";
}

}  // namespace

TEST_CASE("a supervisor reassigns, reprioritises and escalates a complaint; each is an event", "[desk][supervisor]") {
  DeskRig rig([](desk::DeskOptions& o) {
    o.origin = "sup-1";
    o.agentName = "Sam";
    o.takesContacts = false;
  });
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.storeReady; });
  CHECK(s->agent.state == desk::AgentState::LoggedOut);  // a supervisor is not logged in as an agent
  const std::string id = aComplaint(rig.path, rig.nowUs - 3'600'000'000);

  s = rig.run(desk::ReassignComplaint{id, "agent-09"});
  CHECK(s->lastError.empty());
  s = rig.run(desk::ReprioritiseComplaint{id, "no-such"});
  CHECK_THAT(s->lastError, Catch::Contains("no SLA policy"));
  s = rig.run(desk::ReprioritiseComplaint{id, "urgent"});
  s = rig.run(desk::EscalateComplaint{id, "  "});
  CHECK_THAT(s->lastError, Catch::Contains("say why"));
  s = rig.run(desk::EscalateComplaint{id, "Customer threatens to leave"});
  s = rig.run(desk::RequestAgentState{"agent-03", desk::AgentState::NotReady, "Coaching"});
  s = rig.run(desk::AcknowledgeAlert{"sl:sales:voice:1", "Sales under target"});
  rig.d.reset();

  auto db = store::Database::open(rig.path, {.readOnly = true});
  const auto row = store::loadComplaint(db, id);
  REQUIRE(row);
  CHECK(row->ownerAgentId == "agent-09");
  CHECK(row->priority == "urgent");
  const auto urgent = store::loadSlaPolicy(db, "urgent");
  CHECK(row->responseDueUs == row->openedUs + urgent->firstResponseUs);  // from when it was opened
  CHECK(row->resolutionDueUs == row->openedUs + urgent->resolutionUs);
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE origin = 'sup-1' AND kind IN "
                    "('complaint_reassigned', 'complaint_reprioritised', 'complaint_escalated', "
                    "'agent_state_requested', 'alert_acknowledged')") == 5);
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE origin = 'sup-1' AND kind = 'agent_state'") == 0);
  // The complaint's history keeps the change: previous priority and who made it.
  CHECK(db.queryText("SELECT json_extract(payload_json, '$.previous') || ' by ' || json_extract(payload_json, "
                     "'$.by_name') FROM interaction_events WHERE kind = 'complaint_reprioritised'") != " by ");
}

TEST_CASE("an agent's console obeys a supervisor's request at its next pull, after the contact in hand",
          "[desk][supervisor]") {
  DeskRig rig;
  auto pull = [&](std::int64_t seq, const std::string& state) {
    // What the sync's pull does: another console's event lands in the local store.
    {
      auto db = store::Database::open(rig.path);
      store::insertEventRow(
          db, store::InteractionEvent{
                  "sup-1", seq, "", rig.nowUs, store::EventKind::AgentStateRequested, "sup-1",
                  R"({"agent":"agent-03","state":")" + state + R"(","reason":"Coaching","by_name":"Sam"})"});
    }
    return rig.run(desk::RefreshCallbacks{});
  };
  rig.call(telephony::SipCallEvent::Kind::Offered, "r-1");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string call = s->pop->interactionId;
  rig.run(desk::AnswerCall{call});
  s = pull(1, "not_ready");
  INFO(s->lastError);
  CHECK(s->agent.state == desk::AgentState::OnContact);  // never in the middle of a call
  CHECK_THAT(s->pendingRequest, Catch::Contains("requested by Sam"));
  rig.run(desk::HangUpCall{call});
  s = rig.run(desk::FinishWrapUp{s->dispositions.front().code});
  CHECK(s->agent.state == desk::AgentState::NotReady);
  CHECK(s->agent.reason == "Coaching, requested by Sam");
  CHECK(s->pendingRequest.empty());
  // Carried out once: the agent may become available again, and a restart does not repeat it.
  s = rig.run(desk::SetAgentState{desk::AgentState::Available, ""});
  s = rig.run(desk::RefreshCallbacks{});
  CHECK(s->agent.state == desk::AgentState::Available);
  rig.d.reset();
  rig.d = std::make_unique<desk::Desk>([&] {
    desk::DeskOptions o;
    o.storePath = rig.path;
    o.origin = "agent-03";
    o.clock = [&rig] { return rig.nowUs.load(); };
    return o;
  }());
  s = rig.when([](const desk::DeskSnapshot& x) { return x.storeReady; });
  CHECK(s->agent.state == desk::AgentState::Available);
  // A new request: logged out at once (no contact in hand).
  s = pull(2, "logged_out");
  CHECK(s->agent.state == desk::AgentState::LoggedOut);
  CHECK_THAT(s->lastRequestNotice, Catch::Contains("requested by Sam"));
}
