#include <catch2/catch.hpp>

#include <atomic>
#include <future>

#include "desk/agent_state.h"
#include "desk/desk.h"
#include "desk_rig.h"
#include "store/demo_data.h"
#include "store/projections.h"
#include "test_support.h"

using namespace frontline;
using namespace std::chrono_literals;
using desk::AgentState;

TEST_CASE("agent state moves the console allows", "[desk][agent]") {
  const desk::AgentStatus out{AgentState::LoggedOut, "", 0};
  auto available = desk::moveAgent(out, AgentState::Available, "", 10);
  REQUIRE(available);
  CHECK(available->sinceUs == 10);
  CHECK(desk::offeredCalls(*available));
  CHECK_FALSE(desk::moveAgent(*available, AgentState::NotReady, "", 11));  // a reason is required
  auto lunch = desk::moveAgent(*available, AgentState::NotReady, "lunch", 11);
  REQUIRE(lunch);
  CHECK(lunch->reason == "lunch");
  CHECK_FALSE(desk::offeredCalls(*lunch));
  CHECK_FALSE(desk::moveAgent(*lunch, AgentState::OnContact, "", 12));  // not ready takes no calls
  CHECK(desk::moveAgent(*lunch, AgentState::NotReady, "break", 12));    // another reason
  auto back = desk::moveAgent(*lunch, AgentState::Available, "", 13);
  auto onCall = desk::moveAgent(*back, AgentState::OnContact, "", 14);
  REQUIRE(onCall);
  CHECK_FALSE(desk::moveAgent(*onCall, AgentState::Available, "", 15));  // wrap-up comes first
  CHECK_FALSE(desk::moveAgent(*onCall, AgentState::LoggedOut, "", 15));  // not in the middle of a call
  auto wrap = desk::moveAgent(*onCall, AgentState::WrapUp, "", 15);
  REQUIRE(wrap);
  CHECK(desk::moveAgent(*wrap, AgentState::Available, "", 16));
  CHECK(desk::moveAgent(*wrap, AgentState::NotReady, "training", 16));
  CHECK(desk::agentStateFromString("wrap_up") == AgentState::WrapUp);
  CHECK_FALSE(desk::agentStateFromString("asleep"));
}

TEST_CASE("the desk logs the agent in as available and records every state change", "[desk][agent]") {
  test::DeskRig rig;
  auto s = rig.d->snapshot();
  CHECK(s->agent.state == AgentState::Available);
  CHECK_FALSE(s->notReadyReasons.empty());
  CHECK_FALSE(s->dispositions.empty());
  rig.nowUs += 5'000'000;
  rig.d->post(desk::SetAgentState{AgentState::NotReady, "lunch"});
  s = rig.d->waitFor([](const desk::DeskSnapshot& x) { return x.agent.state == AgentState::NotReady; }, 10s);
  CHECK(s->agent.reason == "lunch");
  CHECK(s->agent.sinceUs == test::kTestNowUs + 5'000'000);
  rig.d.reset();
  auto db = store::Database::open(rig.path);
  const auto p = store::loadProjections(db);
  CHECK(p.agentStates.at("agent-03").state == "not_ready");
  CHECK(p.agentStates.at("agent-03").reason == "lunch");
  // The demo store's agents (agent-03 among them) have states of their own: count this console's.
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'agent_state' AND origin = 'agent-03'") == 2);
}

TEST_CASE("an agent who is not available is not offered calls (486)", "[desk][agent]") {
  test::DeskRig rig;
  rig.d->post(desk::SetAgentState{AgentState::NotReady, "break"});
  rig.d->waitFor([](const desk::DeskSnapshot& x) { return x.agent.state == AgentState::NotReady; }, 10s);
  auto result = rig.call(telephony::SipCallEvent::Kind::Offered, "c-busy");
  CHECK(result.ok);
  CHECK(result.reject);
  CHECK(result.rejectReason == "busy");
  CHECK_FALSE(result.answerNow);
}

TEST_CASE("a call from ringing to wrapped: answer, caller hangs up, wrap-up needs a disposition", "[desk][agent]") {
  test::DeskRig rig;
  auto offered = rig.call(telephony::SipCallEvent::Kind::Offered, "c-1");
  REQUIRE(offered.ok);
  REQUIRE_FALSE(offered.reject);
  auto s = rig.d->waitFor([](const desk::DeskSnapshot& x) { return x.pop.has_value(); }, 10s);
  REQUIRE(s->pop);
  CHECK(s->pop->status == desk::ContactStatus::Ringing);
  CHECK(s->pop->view.has_value());  // the caller is a known customer

  rig.nowUs += 7'000'000;  // it rings for 7 s
  rig.d->post(desk::AnswerCall{s->pop->interactionId});
  s = rig.d->waitFor([](const desk::DeskSnapshot& x) { return x.agent.state == AgentState::OnContact; }, 10s);
  CHECK(s->agent.state == AgentState::OnContact);
  CHECK(s->pop->status == desk::ContactStatus::Connected);

  rig.nowUs += 95'000'000;  // they talk for 95 s, then the caller hangs up
  rig.call(telephony::SipCallEvent::Kind::Ended, "c-1");
  s = rig.d->waitFor([](const desk::DeskSnapshot& x) { return x.agent.state == AgentState::WrapUp; }, 10s);
  CHECK(s->pop->status == desk::ContactStatus::Ended);

  rig.d->post(desk::FinishWrapUp{""});  // no disposition: refused
  s = rig.d->waitFor([](const desk::DeskSnapshot& x) { return !x.lastError.empty(); }, 10s);
  CHECK(s->agent.state == AgentState::WrapUp);
  CHECK_THAT(s->lastError, Catch::Contains("disposition"));

  rig.nowUs += 30'000'000;  // 30 s of after-contact work
  const std::string code = s->dispositions.front().code;
  const std::string id = s->pop->interactionId;
  rig.d->post(desk::FinishWrapUp{code});
  s = rig.d->waitFor([](const desk::DeskSnapshot& x) { return x.agent.state == AgentState::Available; }, 10s);
  CHECK_FALSE(s->pop);
  rig.d.reset();

  auto db = store::Database::open(rig.path);
  const auto row = store::loadInteraction(db, id);
  REQUIRE(row);
  CHECK(row->waitUs() == 7'000'000);
  CHECK(row->talkUs() == 95'000'000);
  CHECK(row->acwUs() == 30'000'000);
  CHECK(row->disposition == code);
  CHECK(row->status == "wrapped");
  CHECK(row->agentId == "agent-03");
}

TEST_CASE("a call the caller cancels while it rings never takes the agent off available", "[desk][agent]") {
  test::DeskRig rig;
  rig.call(telephony::SipCallEvent::Kind::Offered, "c-2");
  rig.nowUs += 4'000'000;
  rig.call(telephony::SipCallEvent::Kind::Cancelled, "c-2");
  auto s = rig.d->waitFor([](const desk::DeskSnapshot& x) { return x.pop && x.pop->outcome == "cancelled"; }, 10s);
  CHECK(s->agent.state == AgentState::Available);
  rig.d->post(desk::AnswerCall{s->pop->interactionId});  // too late
  s = rig.d->waitFor([](const desk::DeskSnapshot& x) { return !x.lastError.empty(); }, 10s);
  CHECK_THAT(s->lastError, Catch::Contains("cannot be answered"));
  CHECK(s->agent.state == AgentState::Available);
}

TEST_CASE("notes are saved as events while typing, the latest text wins", "[desk][agent]") {
  test::DeskRig rig;
  rig.call(telephony::SipCallEvent::Kind::Offered, "c-3");
  auto s = rig.d->waitFor([](const desk::DeskSnapshot& x) { return x.pop.has_value(); }, 10s);
  const std::string id = s->pop->interactionId;
  rig.d->post(desk::SaveNote{id, "Parcel"});
  rig.d->post(desk::SaveNote{id, "Parcel late"});
  rig.d->post(desk::SaveNote{id, "Parcel late"});  // unchanged: nothing recorded
  s = rig.d->waitFor([](const desk::DeskSnapshot& x) { return x.pop && x.pop->note == "Parcel late"; }, 10s);
  CHECK(s->pop->note == "Parcel late");
  rig.d.reset();
  auto db = store::Database::open(rig.path);
  CHECK(store::loadInteraction(db, id)->note == "Parcel late");
  auto& q = db.cached("SELECT COUNT(*) FROM interaction_events WHERE kind = 'note' AND interaction_id = ?");
  q.bind(1, id);
  q.step();
  CHECK(q.int64(0) == 2);
  q.reset();
}
