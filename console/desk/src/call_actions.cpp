// The agent's actions on a call: answer, decline, hang up, hold, pause the recording. Each is recorded first,
// then carried out on the network (SIP 200 / 486 / BYE) through CallControl.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "desk_worker.h"
#include "store/address.h"
#include "store/contact_lookup.h"

namespace frontline::desk {

template <typename Act>
void Desk::Worker::callAction(const std::string& interactionId, store::EventKind kind, const char* payload,
                              std::initializer_list<const char*> fromStatuses, Act act) {
  const auto row = interaction(interactionId);
  if (std::find(fromStatuses.begin(), fromStatuses.end(), row.status) == fromStatuses.end()) {
    throw store::StoreError("the call is " + row.status + ", it cannot be " + std::string(store::toString(kind)));
  }
  append(interactionId, kind, payload);
  constexpr std::string_view kSip = "sip:";
  if (row.externalId.rfind(kSip, 0) == 0) {
    if (auto* control = m_desk.m_callControl.load()) act(*control, row.externalId.substr(kSip.size()));
  }
}

void Desk::Worker::handle(const AnswerCall& c, DeskSnapshot& next) {
  if (interaction(c.interactionId).direction == "out")
    throw store::StoreError("a call you placed is answered by the customer");
  if (!offeredCalls(next.agent)) throw store::StoreError("answer needs an available agent");
  callAction(c.interactionId, store::EventKind::Answered, "{}", {"offered", "ringing"},
             [](telephony::CallControl& cc, const std::string& id) { cc.answerCall(id); });
  moveAgent(AgentState::OnContact, "", next);
  if (!next.pop || next.pop->interactionId != c.interactionId) next.pop = buildPop(interaction(c.interactionId));
  refreshPop(next);
  refreshQueue(next);
}

void Desk::Worker::handle(const DeclineCall& c, DeskSnapshot& next) {
  if (interaction(c.interactionId).direction == "out")
    throw store::StoreError("hang up (F3) to stop a call you placed");
  callAction(c.interactionId, store::EventKind::Declined, R"({"reason":"agent declined"})", {"offered", "ringing"},
             [](telephony::CallControl& cc, const std::string& id) { cc.declineCall(id); });
  if (next.pop && next.pop->interactionId == c.interactionId) next.pop.reset();
  refreshQueue(next);
  choosePop(next);
  loadMissed(next);
}

void Desk::Worker::handle(const HangUpCall& c, DeskSnapshot& next) {
  const auto hangUp = [](telephony::CallControl& cc, const std::string& id) { cc.hangUpCall(id); };
  if (interaction(c.interactionId).direction == "out" && !interaction(c.interactionId).answeredUs) {
    // A call the agent placed, not answered yet: CANCEL.
    callAction(c.interactionId, store::EventKind::Cancelled, R"({"cause":"agent hung up before the answer"})",
               {"offered", "ringing"}, hangUp);
  } else {
    callAction(c.interactionId, store::EventKind::Ended, R"({"cause":"agent hung up"})", {"connected", "held"}, hangUp);
  }
  refreshPop(next);
}

// A call the agent places is recorded first, as an outbound voice interaction with the
// same pop as a call that comes in (the customer, their history), the agent on it; then
// the INVITE leaves. How it goes (ringing, answered, not reached) comes back as contact
// events (ContactRecorder::recordSip), under the Call-ID and tag chosen here.
void Desk::Worker::handle(const DialCall& c, DeskSnapshot& next) {
  requireStore();
  auto* control = m_desk.m_callControl.load();
  if (!control) throw store::StoreError("this console places no calls: its SIP listener is not running");
  if (const std::string why = control->dialError(); !why.empty()) throw store::StoreError(why);
  if (next.agent.state == AgentState::OnContact || next.agent.state == AgentState::WrapUp) {
    throw store::StoreError("finish the contact in hand before placing a call");
  }
  if (next.agent.state == AgentState::LoggedOut) throw store::StoreError("log in before placing a call");
  std::string number = c.number;
  std::erase_if(number, [](char ch) { return ch == ' ' || ch == '\t' || ch == '-' || ch == '(' || ch == ')'; });
  if (number.empty()) throw store::StoreError("there is no number to call");
  if (number.size() > 64) throw store::StoreError("the number to call is longer than 64 characters");
  const auto phone = store::normalisePhone(number, options().defaultPhoneRegion);
  std::optional<std::int64_t> customer = c.customerId;
  if (!customer && phone) customer = store::findCustomerId(*m_db, {store::ContactAddress::Kind::Phone, *phone});
  std::string name;
  if (customer) {
    store::Statement& s = m_db->cached("SELECT display_name FROM customers WHERE id = ?");
    s.bind(1, *customer);
    if (s.step()) name = s.text(0);
    s.reset();
  }
  telephony::OutboundCall call;
  call.callId = m_ids.next() + "@frontline";
  call.fromTag = m_ids.next().substr(0, 8);
  call.number = phone.value_or(number);
  call.agentName = options().agentName;
  const std::string interactionId = m_ids.next();
  nlohmann::json offered = {{"channel", "voice"},   {"direction", "out"}, {"address", call.number},
                            {"display_name", name}, {"subject", ""},      {"external_id", "sip:" + call.key()},
                            {"queue", "outbound"},  {"transport", "udp"}};
  if (customer) offered["customer_id"] = *customer;
  if (!c.callbackId.empty()) offered["callback_id"] = c.callbackId;
  append(interactionId, store::EventKind::Offered,
         offered.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  moveAgent(AgentState::OnContact, "", next);
  next.pop = buildPop(interaction(interactionId));
  refreshPop(next);
  control->dialCall(call);
}

// Hold is recorded (talk time keeps running, as handle time does in every ACD), then a SIP
// call is held on the network (a re-INVITE: the caller hears music on hold).
void Desk::Worker::handle(const HoldCall& c, DeskSnapshot& next) {
  const auto row = interaction(c.interactionId);
  if (row.channel != "voice") throw store::StoreError("only a call can be put on hold");
  if (c.hold && row.status != "connected")
    throw store::StoreError("the call is " + row.status + "; only a connected call can be held");
  if (!c.hold && row.status != "held") throw store::StoreError("the call is not on hold");
  append(c.interactionId, c.hold ? store::EventKind::Held : store::EventKind::Resumed, "{}");
  if (row.externalId.rfind("sip:", 0) == 0) {
    if (auto* control = m_desk.m_callControl.load()) control->holdCall(row.externalId.substr(4), c.hold);
  }
  refreshPop(next);
}

// A blind transfer is recorded as asked for; the network's answer (the caller reached the
// target, or could not) comes back as a contact event (ContactRecorder::recordSip). Only a
// SIP call can be transferred from here: a call the PBX reported through the CTI webhook
// is transferred on the PBX.
void Desk::Worker::handle(const TransferCall& c, DeskSnapshot& next) {
  const auto row = interaction(c.interactionId);
  if (row.externalId.rfind("sip:", 0) != 0) {
    throw store::StoreError("only a call that came to this console over SIP can be transferred from here");
  }
  if (row.status != "connected" && row.status != "held") {
    throw store::StoreError("the call is " + row.status + "; only a connected or held call can be transferred");
  }
  if (row.transferState == "requested") throw store::StoreError("a transfer of this call is already under way");
  std::string target = c.target;
  std::erase_if(target, [](char ch) { return ch == ' ' || ch == '\t'; });
  if (target.empty()) throw store::StoreError("type a number, an extension or a SIP address to transfer to");
  if (target.size() > 200) throw store::StoreError("the transfer target is longer than 200 characters");
  const std::string payload = nlohmann::json{{"to", target}, {"kind", "blind"}}.dump();
  callAction(c.interactionId, store::EventKind::TransferRequested, payload.c_str(), {"connected", "held"},
             [target](telephony::CallControl& cc, const std::string& id) { cc.transferCall(id, target); });
  refreshPop(next);
}

// The pause is recorded first, then the media thread writes silence from its next frame:
// the event's time is the start of the silence, to within a frame.
void Desk::Worker::handle(const PauseRecording& c, DeskSnapshot& next) {
  callAction(c.interactionId, c.pause ? store::EventKind::RecordingPaused : store::EventKind::RecordingResumed, "{}",
             {"connected", "held"},
             [pause = c.pause](telephony::CallControl& cc, const std::string& id) { cc.pauseRecording(id, pause); });
  refreshPop(next);
}

// Muting is recorded first, then the media thread sends silence from its next frame (the
// trainer's replay shows when the caller could not hear the agent).
void Desk::Worker::handle(const MuteCall& c, DeskSnapshot& next) {
  callAction(c.interactionId, c.mute ? store::EventKind::Muted : store::EventKind::Unmuted, "{}", {"connected", "held"},
             [mute = c.mute](telephony::CallControl& cc, const std::string& id) { cc.muteCall(id, mute); });
  refreshPop(next);
}

// Recorded with how many digits, never which (a card number keyed for a payment line).
void Desk::Worker::handle(const SendDtmf& c, DeskSnapshot&) {
  const std::string payload = "{\"digits\":" + std::to_string(c.digits.size()) + "}";
  callAction(c.interactionId, store::EventKind::DtmfSent, payload.c_str(), {"connected"},
             [digits = c.digits](telephony::CallControl& cc, const std::string& id) { cc.sendDtmf(id, digits); });
}

}  // namespace frontline::desk
