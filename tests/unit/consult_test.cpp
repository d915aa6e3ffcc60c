// Attended transfer on the desk: the consultation is recorded on the call being
// transferred (the caller held first), its SIP events land there, the transfer waits for
// the colleague's answer, and a consultation ends with the agent (F3), with the caller's
// call, or at a restart. The SIP side is tested against SIPp in
// tests/integration/agent_hangup_test.cpp ([attended]).
#include <catch2/catch.hpp>

#include <mutex>

#include "desk_rig.h"

using namespace frontline;
using test::DeskRig;

namespace {

// What the desk asked of the network.
struct Network : telephony::CallControl {
  mutable std::mutex mutex;
  std::vector<telephony::OutboundCall> dialled;
  std::vector<std::string> hungUp;
  std::vector<std::string> held;
  std::vector<std::string> transfers;  // "CALL -> CONSULTATION"
  void answerCall(const std::string&) override {}
  void declineCall(const std::string&) override {}
  void hangUpCall(const std::string& id) override {
    std::lock_guard lock(mutex);
    hungUp.push_back(id);
  }
  void holdCall(const std::string& id, bool hold) override {
    std::lock_guard lock(mutex);
    if (hold) held.push_back(id);
  }
  std::string dialError() const override { return {}; }
  void dialCall(const telephony::OutboundCall& call) override {
    std::lock_guard lock(mutex);
    dialled.push_back(call);
  }
  void transferToConsult(const std::string& callId, const std::string& consultCallId) override {
    std::lock_guard lock(mutex);
    transfers.push_back(callId + " -> " + consultCallId);
  }
};

telephony::SipCallEvent progress(telephony::SipCallEvent::Kind kind, const std::string& key) {
  telephony::SipCallEvent e;
  e.kind = kind;
  e.callId = key;
  return e;
}

// A caller's call answered by the agent: its interaction id.
std::string answeredCall(DeskRig& rig, const std::string& callId) {
  rig.call(telephony::SipCallEvent::Kind::Offered, callId);
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string id = s->pop->interactionId;
  rig.run(desk::AnswerCall{id});
  return id;
}

std::string kinds(const std::string& path, const std::string& id) {
  auto db = store::Database::open(path);
  return db.queryText(
      "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE "
      "interaction_id = '" +
      id + "' AND kind NOT IN ('offered', 'ringing', 'answered') ORDER BY seq)");
}

}  // namespace

TEST_CASE("a consultation: the caller held, the colleague called, answered, then the caller transferred to them",
          "[desk][call][transfer][attended]") {
  DeskRig rig;
  Network net;
  rig.d->setCallControl(&net);
  const std::string id = answeredCall(rig, "c-1");
  auto s = rig.run(desk::ConsultCall{id, "  "});
  CHECK(s->lastError == "type a number or an extension to consult");
  s = rig.run(desk::ConsultCall{id, "20 02"});
  REQUIRE(net.dialled.size() == 1);
  const auto consult = net.dialled.front();
  CHECK(consult.number == "2002");
  CHECK(net.held == std::vector<std::string>{"c-1"});  // the caller is held first
  CHECK(s->pop->status == desk::ContactStatus::Held);
  CHECK(s->pop->consultState == "calling");
  CHECK(s->pop->consultTo == "2002");
  CHECK(s->pop->consultCall == consult.key());
  CHECK(s->agent.state == desk::AgentState::OnContact);  // still on the caller's contact
  s = rig.run(desk::ConsultCall{id, "2003"});
  CHECK_THAT(s->lastError, Catch::Contains("a consultation is already under way"));
  s = rig.run(desk::CompleteTransfer{id});
  CHECK(s->lastError == "the consultation's target has not answered yet");

  // The consultation's events are the caller's call's; its ringing is not recorded.
  CHECK(rig.deliver(progress(telephony::SipCallEvent::Kind::Alerting, consult.key())).interactionId == id);
  CHECK(rig.deliver(progress(telephony::SipCallEvent::Kind::Connected, consult.key())).interactionId == id);
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->consultState == "connected"; });
  REQUIRE(s->pop->consultState == "connected");
  CHECK(s->missed.empty());  // no interaction of its own, nothing missed
  s = rig.run(desk::CompleteTransfer{id});
  CHECK(s->pop->transferState == "requested");
  CHECK(net.transfers == std::vector<std::string>{"c-1 -> " + consult.key()});

  telephony::SipCallEvent done = progress(telephony::SipCallEvent::Kind::Transferred, "c-1");
  done.transferTarget = "sip:2002@pbx.test";
  done.transferStatus = 200;
  rig.deliver(done);
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->transferState == "transferred"; });
  CHECK(s->pop->consultState == "ended");
  CHECK(s->pop->consultEnded == "transferred");
  // The colleague's BYE on the replaced consultation comes after: nothing more is recorded.
  rig.deliver(progress(telephony::SipCallEvent::Kind::Ended, consult.key()));
  rig.d->setCallControl(nullptr);
  CHECK(kinds(rig.path, id) ==
        "held consult_started consult_answered transfer_requested transferred ended consult_ended");
}

TEST_CASE("a consultation ends: the agent's F3, the colleague busy, the caller hanging up",
          "[desk][call][transfer][attended]") {
  DeskRig rig;
  Network net;
  rig.d->setCallControl(&net);
  const std::string id = answeredCall(rig, "c-2");

  // The agent ends it (F3): the colleague's call is hung up, the caller stays held.
  auto s = rig.run(desk::ConsultCall{id, "2002"});
  const auto first = net.dialled.at(0);
  s = rig.run(desk::EndConsult{id});
  CHECK(s->pop->consultState == "ended");
  CHECK(s->pop->consultEnded == "agent ended it");
  CHECK(s->pop->status == desk::ContactStatus::Held);
  CHECK(net.hungUp == std::vector<std::string>{first.key()});
  s = rig.run(desk::EndConsult{id});
  CHECK(s->lastError == "there is no consultation to end");

  // The colleague is busy: not reached, with the PBX's reason.
  s = rig.run(desk::ConsultCall{id, "2003"});
  CHECK(net.held.size() == 1);  // already held: not again
  const auto second = net.dialled.at(1);
  telephony::SipCallEvent busy = progress(telephony::SipCallEvent::Kind::Unanswered, second.key());
  busy.finalStatus = 486;
  busy.finalReason = "Busy Here";
  rig.deliver(busy);
  // Until the PBX's answer is folded in: the snapshot of the new consultation (ended "") may
  // still be the current one when the delivery is acknowledged.
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->consultEnded.rfind("not reached", 0) == 0; });
  CHECK(s->pop->consultEnded == "not reached: 486 Busy Here");

  // The caller hangs up while the agent talks to a colleague: the consultation ends with it.
  rig.run(desk::ConsultCall{id, "2004"});
  const auto third = net.dialled.at(2);
  rig.deliver(progress(telephony::SipCallEvent::Kind::Connected, third.key()));
  rig.call(telephony::SipCallEvent::Kind::Ended, "c-2");
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->status == desk::ContactStatus::Ended; });
  CHECK(s->pop->consultState == "ended");
  CHECK(s->pop->consultEnded == "the caller's call ended");
  CHECK(net.hungUp.back() == third.key());
  rig.d->setCallControl(nullptr);
  CHECK(kinds(rig.path, id) ==
        "held consult_started consult_ended consult_started consult_ended consult_started consult_answered ended "
        "consult_ended");
}

TEST_CASE("a consultation left under way by a console that stopped is closed with the call at the restart",
          "[desk][call][transfer][attended]") {
  DeskRig rig;
  Network net;
  rig.d->setCallControl(&net);
  const std::string id = answeredCall(rig, "c-3");
  rig.run(desk::ConsultCall{id, "2002"});
  rig.d->setCallControl(nullptr);
  rig.d.reset();
  // A new desk on the same store (the console restarted): the call and its consultation
  // are closed as events.
  desk::DeskOptions o;
  o.storePath = rig.path;
  o.origin = "agent-03";
  o.clock = [&rig] { return rig.nowUs.load(); };
  rig.d = std::make_unique<desk::Desk>(o);
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.storeReady && !x.recovered.empty(); });
  CHECK_THAT(s->recovered, Catch::Contains("1 call ended"));
  s = rig.run(desk::CompleteTransfer{id});
  CHECK(s->lastError == "there is no consultation to transfer the caller to");
  CHECK(kinds(rig.path, id) == "held consult_started ended consult_ended wrapped");
}
