// Attended transfer from the agent's desk: the consultation (the caller on hold, the agent
// calling the target), then the transfer to the target or the end of the consultation.
// Each step is recorded on the call being transferred before it goes to the network; how
// the consultation goes (answered, ended) comes back as SIP events the ContactRecorder
// records there too (consult_* events), and the transfer's outcome as for a blind one.
#include <nlohmann/json.hpp>

#include "desk_worker.h"

namespace frontline::desk {

namespace {

constexpr std::string_view kSip = "sip:";

}  // namespace

void Desk::Worker::handle(const ConsultCall& c, DeskSnapshot& next) {
  const auto row = interaction(c.interactionId);
  if (row.externalId.rfind(kSip, 0) != 0) {
    throw store::StoreError("only a call that came to this console over SIP can be transferred from here");
  }
  if (row.status != "connected" && row.status != "held") {
    throw store::StoreError("the call is " + row.status + "; only a connected or held call can be transferred");
  }
  if (row.transferState == "requested") throw store::StoreError("a transfer of this call is already under way");
  if (!m_recorder->consultOf(c.interactionId).empty()) {
    throw store::StoreError("a consultation is already under way: end it before calling someone else");
  }
  auto* control = m_desk.m_callControl.load();
  if (!control) throw store::StoreError("this console places no calls: its SIP listener is not running");
  if (const std::string why = control->dialError(); !why.empty()) throw store::StoreError(why);
  std::string target = c.target;
  std::erase_if(target, [](char ch) { return ch == ' ' || ch == '\t' || ch == '-' || ch == '(' || ch == ')'; });
  if (target.empty()) throw store::StoreError("type a number or an extension to consult");
  if (target.size() > 64) throw store::StoreError("the number to consult is longer than 64 characters");
  const std::string callKey = row.externalId.substr(kSip.size());
  // The caller is held first (music on hold), as on every agent desktop.
  if (row.status == "connected") {
    append(c.interactionId, store::EventKind::Held, "{}");
    control->holdCall(callKey, true);
  }
  telephony::OutboundCall consult;
  consult.callId = m_ids.next() + "@frontline";
  consult.fromTag = m_ids.next().substr(0, 8);
  consult.number = target;
  consult.agentName = options().agentName;
  append(c.interactionId, store::EventKind::ConsultStarted,
         nlohmann::json{{"to", target}, {"call", consult.key()}}.dump());
  m_recorder->addConsult(consult.key(), c.interactionId);
  control->dialCall(consult);
  refreshPop(next);
}

void Desk::Worker::handle(const CompleteTransfer& c, DeskSnapshot& next) {
  const auto row = interaction(c.interactionId);
  const std::string consultKey = m_recorder->consultOf(c.interactionId);
  if (consultKey.empty()) throw store::StoreError("there is no consultation to transfer the caller to");
  if (!next.pop || next.pop->interactionId != c.interactionId || next.pop->consultState != "connected") {
    throw store::StoreError("the consultation's target has not answered yet");
  }
  if (row.status != "connected" && row.status != "held") {
    throw store::StoreError("the call is " + row.status + "; only a connected or held call can be transferred");
  }
  if (row.transferState == "requested") throw store::StoreError("a transfer of this call is already under way");
  append(c.interactionId, store::EventKind::TransferRequested,
         nlohmann::json{{"to", next.pop->consultTo}, {"kind", "attended"}}.dump());
  if (auto* control = m_desk.m_callControl.load()) {
    control->transferToConsult(row.externalId.substr(kSip.size()), consultKey);
  }
  refreshPop(next);
}

void Desk::Worker::handle(const EndConsult& c, DeskSnapshot& next) {
  const std::string consultKey = m_recorder->consultOf(c.interactionId);
  if (consultKey.empty()) throw store::StoreError("there is no consultation to end");
  append(c.interactionId, store::EventKind::ConsultEnded, R"({"cause":"agent ended it"})");
  m_recorder->dropConsult(consultKey);
  if (auto* control = m_desk.m_callControl.load()) control->hangUpCall(consultKey);  // BYE, or CANCEL while calling
  refreshPop(next);
}

}  // namespace frontline::desk
