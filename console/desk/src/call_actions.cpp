// The agent's actions on a call: answer, decline, hang up, hold, pause the recording. Each is recorded first,
// then carried out on the network (SIP 200 / 486 / BYE) through CallControl.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "desk_worker.h"

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
  if (!offeredCalls(next.agent)) throw store::StoreError("answer needs an available agent");
  callAction(c.interactionId, store::EventKind::Answered, "{}", {"offered", "ringing"},
             [](telephony::CallControl& cc, const std::string& id) { cc.answerCall(id); });
  moveAgent(AgentState::OnContact, "", next);
  if (!next.pop || next.pop->interactionId != c.interactionId) next.pop = buildPop(interaction(c.interactionId));
  refreshPop(next);
  refreshQueue(next);
}

void Desk::Worker::handle(const DeclineCall& c, DeskSnapshot& next) {
  callAction(c.interactionId, store::EventKind::Declined, R"({"reason":"agent declined"})", {"offered", "ringing"},
             [](telephony::CallControl& cc, const std::string& id) { cc.declineCall(id); });
  if (next.pop && next.pop->interactionId == c.interactionId) next.pop.reset();
  refreshQueue(next);
  choosePop(next);
  loadMissed(next);
}

void Desk::Worker::handle(const HangUpCall& c, DeskSnapshot& next) {
  callAction(c.interactionId, store::EventKind::Ended, R"({"cause":"agent hung up"})", {"connected", "held"},
             [](telephony::CallControl& cc, const std::string& id) { cc.hangUpCall(id); });
  refreshPop(next);
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
