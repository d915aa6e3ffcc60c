// Calls the agent places, on the desk: click-to-dial records an outbound interaction with
// the customer's pop before the INVITE leaves; the network's answer moves it (ringing,
// answered, not reached), a callback it makes is settled by how it went; the refusals say
// why. The SIP side is tested against SIPp in tests/integration/agent_hangup_test.cpp.
#include <catch2/catch.hpp>

#include <mutex>

#include "desk_rig.h"

using namespace frontline;
using desk::AgentState;
using test::DeskRig;

namespace {

// What the desk asked of the network.
struct DialRecorder : telephony::CallControl {
  std::string error;  // dialError()
  mutable std::mutex mutex;
  std::vector<telephony::OutboundCall> dialled;
  std::vector<std::string> hungUp;
  void answerCall(const std::string&) override {}
  void declineCall(const std::string&) override {}
  void hangUpCall(const std::string& id) override {
    std::lock_guard lock(mutex);
    hungUp.push_back(id);
  }
  std::string dialError() const override { return error; }
  void dialCall(const telephony::OutboundCall& call) override {
    std::lock_guard lock(mutex);
    dialled.push_back(call);
  }
};

telephony::SipCallEvent progress(telephony::SipCallEvent::Kind kind, const std::string& key) {
  telephony::SipCallEvent e;
  e.kind = kind;
  e.callId = key;
  return e;
}

}  // namespace

TEST_CASE("click-to-dial: the call is recorded with the customer's pop, then dialled; answered, hung up",
          "[desk][call][outbound]") {
  DeskRig rig;
  DialRecorder net;
  rig.d->setCallControl(&net);
  auto s = rig.run(desk::DialCall{"  ", std::nullopt, ""});
  CHECK(s->lastError == "there is no number to call");
  s = rig.run(desk::DialCall{rig.phone, std::nullopt, ""});
  REQUIRE(s->pop);
  CHECK(s->pop->outbound);
  CHECK(s->pop->status == desk::ContactStatus::Dialling);
  CHECK_FALSE(s->pop->alerting);
  CHECK(s->pop->view.has_value());  // found by the number: the customer's card
  CHECK(s->agent.state == AgentState::OnContact);
  REQUIRE(net.dialled.size() == 1);
  const auto call = net.dialled.front();
  CHECK(call.number == rig.phone);
  CHECK(s->pop->sipCall == call.key());
  CHECK(s->queue.empty());  // a call out is nobody's to answer

  s = rig.run(desk::AnswerCall{s->pop->interactionId});
  CHECK(s->lastError == "a call you placed is answered by the customer");
  s = rig.run(desk::DialCall{rig.phone, std::nullopt, ""});
  CHECK(s->lastError == "finish the contact in hand before placing a call");

  CHECK(rig.deliver(progress(telephony::SipCallEvent::Kind::Alerting, call.key())).ok);
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->alerting; });
  CHECK(s->pop->status == desk::ContactStatus::Dialling);
  CHECK(rig.deliver(progress(telephony::SipCallEvent::Kind::Connected, call.key())).ok);
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->status == desk::ContactStatus::Connected; });
  REQUIRE(s->pop->status == desk::ContactStatus::Connected);
  const std::string id = s->pop->interactionId;
  CHECK(rig.deliver(progress(telephony::SipCallEvent::Kind::Ended, call.key())).ok);
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->status == desk::ContactStatus::Ended; });
  CHECK(s->agent.state == AgentState::WrapUp);
  rig.d->setCallControl(nullptr);

  auto db = store::Database::open(rig.path);
  CHECK(db.queryText("SELECT group_concat(kind || ':' || agent_id, ' ') FROM (SELECT kind, agent_id FROM "
                     "interaction_events WHERE interaction_id = '" +
                     id + "' ORDER BY seq)") == "offered:agent-03 ringing: answered:agent-03 ended:");
  CHECK(db.queryText("SELECT direction || ' ' || queue || ' ' || outcome || ' ' || agent_id FROM interactions "
                     "WHERE id = '" +
                     id + "'") == "out outbound answered agent-03");
  CHECK_THAT(db.queryText("SELECT payload_json FROM interaction_events WHERE kind = 'ended'"),
             Catch::Contains("customer hung up"));
}

TEST_CASE("a callback made by calling: not reached settles it as not reached, with the PBX's reason",
          "[desk][call][outbound]") {
  DeskRig rig;
  DialRecorder net;
  rig.d->setCallControl(&net);
  // A missed call from the customer, and a callback to them.
  rig.call(telephony::SipCallEvent::Kind::Offered, "in-1");
  rig.call(telephony::SipCallEvent::Kind::Cancelled, "in-1");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return !x.missed.empty(); });
  REQUIRE(!s->missed.empty());
  s = rig.run(desk::ScheduleCallback{s->missed.front().interactionId, rig.nowUs.load() - 1, "refund", false});
  REQUIRE(s->callbacks.size() == 1);
  const auto callback = s->callbacks.front();
  s = rig.run(desk::SetAgentState{AgentState::Available, ""});
  if (s->pop) rig.run(desk::FinishWrapUp{""});

  s = rig.run(desk::DialCall{callback.address, callback.customerId, callback.id});
  REQUIRE(net.dialled.size() == 1);
  auto busy = progress(telephony::SipCallEvent::Kind::Unanswered, net.dialled.front().key());
  busy.finalStatus = 486;
  busy.finalReason = "Busy Here";
  CHECK(rig.deliver(busy).ok);
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->status == desk::ContactStatus::Ended; });
  CHECK(s->pop->outcome == "not_reached");
  CHECK(s->pop->notReached == "486 Busy Here");
  CHECK(s->agent.state == AgentState::WrapUp);
  s = rig.run(desk::RefreshCallbacks{});
  CHECK(s->callbacks.empty());   // settled by the call
  CHECK(s->missed.size() == 1);  // the call out is not a missed call
  rig.d->setCallControl(nullptr);

  auto db = store::Database::open(rig.path);
  CHECK(db.queryText("SELECT status FROM callbacks WHERE id = '" + callback.id + "'") == "not_reached");
}

TEST_CASE("a console that cannot place calls says why, and records nothing", "[desk][call][outbound]") {
  DeskRig rig;
  auto s = rig.run(desk::DialCall{"+441632960000", std::nullopt, ""});
  CHECK(s->lastError == "this console places no calls: its SIP listener is not running");
  DialRecorder net;
  net.error = "no sip.outbound_proxy is configured: calls out go through your PBX (see the README)";
  rig.d->setCallControl(&net);
  s = rig.run(desk::DialCall{"+441632960000", std::nullopt, ""});
  CHECK(s->lastError == net.error);
  CHECK_FALSE(s->pop.has_value());
  rig.d->setCallControl(nullptr);
  auto db = store::Database::open(rig.path);
  CHECK(db.queryText("SELECT count(*) FROM interactions WHERE direction = 'out'") == "0");
}
