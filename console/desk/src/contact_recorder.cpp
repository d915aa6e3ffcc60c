// Recording contacts from the listeners; see contact_recorder.h.
#include "desk/contact_recorder.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "desk/call_quality_event.h"
#include "store/contact_lookup.h"

namespace frontline::desk {
namespace {

using Json = nlohmann::json;
using store::EventKind;
using store::InteractionEvent;
using telephony::DeliveryResult;

InteractionEvent event(const std::string& interactionId, std::int64_t ts, EventKind kind, const Json& payload,
                       std::string agent = {}) {
  // Peer text may hold invalid UTF-8: replace it rather than refuse the contact.
  return InteractionEvent{
      "", 0, interactionId, ts, kind, std::move(agent), payload.dump(-1, ' ', false, Json::error_handler_t::replace)};
}

DeliveryResult recorded(std::string interactionId) {
  DeliveryResult r;
  r.ok = true;
  r.interactionId = std::move(interactionId);
  return r;
}

}  // namespace

bool carriesCustomerWords(const telephony::ContactEvent& event) {
  if (std::holds_alternative<telephony::ReceivedEmail>(event)) return true;
  const auto* cti = std::get_if<telephony::CtiEvent>(&event);
  return cti && cti->kind == telephony::CtiEvent::Kind::Transcript && cti->speaker == "customer";
}

ContactRecorder::ContactRecorder(store::Database& db, store::EventLog& log, std::string defaultPhoneRegion, Clock clock,
                                 bool autoAnswer, std::map<std::string, std::string> queueAliases)
    : m_db(db),
      m_log(log),
      m_region(std::move(defaultPhoneRegion)),
      m_clock(std::move(clock)),
      m_autoAnswer(autoAnswer),
      m_queueAliases(std::move(queueAliases)) {}

std::string ContactRecorder::queueFor(std::string key) const {
  std::string lower = key;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto alias = m_queueAliases.find(lower);
  return alias != m_queueAliases.end() ? alias->second : key;
}

std::string ContactRecorder::newInteractionId() {
  return m_ids.next();
}

DeliveryResult ContactRecorder::record(const telephony::ContactEvent& contact, const std::string& busyReason) {
  try {
    return std::visit(
        [this, &busyReason](const auto& e) {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, telephony::ReceivedEmail>) {
            return recordEmail(e);
          } else if constexpr (std::is_same_v<T, telephony::CtiEvent>) {
            return recordCti(e);
          } else {
            return recordSip(e, busyReason);
          }
        },
        contact);
  } catch (const std::exception& e) {
    DeliveryResult failed;
    failed.error = e.what();
    return failed;
  }
}

DeliveryResult ContactRecorder::recordEmail(const telephony::ReceivedEmail& email) {
  const std::int64_t now = email.receivedUs ? email.receivedUs : m_clock();
  // A message without a Message-ID gets one of ours, so that it can be threaded later.
  std::string messageId = email.messageId;
  if (messageId.empty()) messageId = newInteractionId() + "@frontline.invalid";
  if (store::emailMessageExists(m_db, messageId)) {
    auto existing = store::findInteractionByMessageIds(m_db, {messageId});
    return recorded(existing.value_or(""));  // already stored once: acknowledge again, store nothing
  }
  const std::string rawFrom = email.fromAddress.empty() ? email.envelopeFrom : email.fromAddress;
  const auto address = store::normaliseEmail(rawFrom);
  const auto customer =
      address ? store::findCustomerId(m_db, {store::ContactAddress::Kind::Email, *address}) : std::nullopt;

  std::vector<std::string> threadIds;
  if (!email.inReplyTo.empty()) threadIds.push_back(email.inReplyTo);
  threadIds.insert(threadIds.end(), email.references.rbegin(), email.references.rend());
  const auto thread = store::findInteractionByMessageIds(m_db, threadIds);
  const std::string interactionId = thread ? *thread : newInteractionId();

  Json attachments = Json::array();
  for (const auto& a : email.attachments) {
    attachments.push_back({{"name", a.name}, {"type", a.contentType}, {"size", a.sizeBytes}});
  }
  std::vector<InteractionEvent> events;
  if (!thread) {
    Json offered = {
        {"channel", "email"},
        {"direction", "in"},
        {"address", address.value_or(rawFrom)},
        {"display_name", email.fromName},
        {"subject", email.subject},
        {"queue", queueFor(email.envelopeRecipients.empty() ? (email.to.empty() ? std::string() : email.to.front())
                                                            : email.envelopeRecipients.front())}};
    if (customer) offered["customer_id"] = *customer;
    events.push_back(event(interactionId, now, EventKind::Offered, offered));
  }
  events.push_back(event(interactionId, now, EventKind::EmailReceived,
                         {{"message_id", messageId},
                          {"from", address.value_or(rawFrom)},
                          {"from_name", email.fromName},
                          {"to", email.to},
                          {"subject", email.subject},
                          {"body", email.bodyText},
                          {"body_from_html", email.bodyFromHtml},
                          {"attachments", attachments},
                          {"in_reply_to", email.inReplyTo},
                          {"references", email.references},
                          {"envelope_from", email.envelopeFrom},
                          {"envelope_to", email.envelopeRecipients},
                          {"protocol", email.protocol},
                          {"peer", email.peer},
                          {"size", email.sizeBytes}}));
  m_log.append(std::move(events));
  return recorded(interactionId);
}

DeliveryResult ContactRecorder::recordCti(const telephony::CtiEvent& cti) {
  using Kind = telephony::CtiEvent::Kind;
  const std::int64_t now = cti.receivedUs ? cti.receivedUs : m_clock();
  const std::string externalId = "cti:" + cti.callId;
  auto call = store::findCallByExternalId(m_db, externalId);
  if (!call && cti.kind == Kind::Transcript) {
    call = store::findSipCallByCallId(m_db, cti.callId);  // a call our SIP listener took
    if (!call) {
      // A line is about a call: without one it has nowhere to go. The PBX is told (404),
      // not the agent; it may post the call's newCall first and the line again.
      DeliveryResult unknown;
      unknown.unknownCall = true;
      unknown.error = "no call '" + cti.callId + "' is known here: post its newCall first";
      return unknown;
    }
  }
  const std::string agent = !cti.answeringNumber.empty() ? cti.answeringNumber
                            : cti.users.empty()          ? std::string()
                                                         : cti.users.front();
  std::vector<InteractionEvent> events;
  std::string interactionId = call ? call->interactionId : newInteractionId();
  DeliveryResult result = recorded(interactionId);

  if (!call) {
    // The first we hear of this call (usually newCall; an answer or hangup for a call we
    // never saw offered still becomes a contact, so nothing the PBX reports is lost).
    const bool outbound = cti.direction == "out";
    const std::string& party = outbound ? cti.to : cti.from;
    const auto phone = store::normalisePhone(party, m_region);
    const std::optional<std::int64_t> found =
        phone ? store::findCustomerId(m_db, {store::ContactAddress::Kind::Phone, *phone}) : std::nullopt;
    const bool known = found.has_value();
    const std::int64_t customer = found.value_or(0);
    Json offered = {{"channel", "voice"},
                    {"direction", outbound ? "out" : "in"},
                    {"address", phone.value_or(party)},
                    {"display_name", ""},
                    {"subject", ""},
                    {"external_id", externalId},
                    {"queue", queueFor(cti.queue)},
                    {"users", cti.users}};
    if (known) offered["customer_id"] = customer;
    events.push_back(event(interactionId, now, EventKind::Offered, offered));
    if (known && store::customerBlocked(m_db, customer)) {
      events.push_back(event(interactionId, now, EventKind::Declined, {{"reason", "blocked"}}));
      m_log.append(std::move(events));
      result.reject = true;
      result.rejectReason = "busy";
      return result;
    }
    if (cti.kind == Kind::NewCall) events.push_back(event(interactionId, now, EventKind::Ringing, Json::object()));
  }
  if (cti.kind == Kind::Transcript) {
    // Recorded whatever the call's state: a PBX may transcribe after the hangup.
    const std::string who = cti.speaker == "agent" && call ? call->agentId : std::string();
    events.push_back(event(interactionId, now, EventKind::TranscriptLine,
                           {{"speaker", cti.speaker}, {"text", cti.text}, {"peer", cti.peer}}, who));
    m_log.append(std::move(events));
    return result;
  }
  const bool answered = call && call->answered;
  const bool ended = call && call->ended;
  if (cti.kind == Kind::Answer && !answered && !ended) {
    events.push_back(event(interactionId, now, EventKind::Answered, Json::object(), agent));
  } else if (cti.kind == Kind::Hangup && !ended) {
    if (answered || cti.cause == "forwarded") {
      events.push_back(event(interactionId, now, EventKind::Ended, {{"cause", cti.cause}}, agent));
    } else {
      events.push_back(event(interactionId, now, EventKind::Missed, {{"cause", cti.cause}}));
    }
  }
  if (!events.empty()) m_log.append(std::move(events));
  return result;
}

DeliveryResult ContactRecorder::recordSip(const telephony::SipCallEvent& sip, const std::string& busyReason) {
  using Kind = telephony::SipCallEvent::Kind;
  const std::int64_t now = sip.receivedUs ? sip.receivedUs : m_clock();
  const std::string externalId = "sip:" + sip.callId;
  const auto call = store::findCallByExternalId(m_db, externalId);
  if (!call) {
    if (auto consult = m_consults.find(sip.callId); consult != m_consults.end()) {
      // A copy: recordConsult erases the entry when the consultation ends.
      const std::string interactionId = consult->second;
      return recordConsult(sip, interactionId);
    }
  }
  std::vector<InteractionEvent> events;
  if (sip.kind == Kind::Recorded && sip.recording) {
    if (!call) return recorded(std::string());
    const auto& r = *sip.recording;
    Json payload = {{"path", r.path},
                    {"started_us", r.startedUs},
                    {"duration_ms", r.durationMs},
                    {"paused_ms", r.pausedMs},
                    {"bytes", r.bytes},
                    {"sha256", r.sha256},
                    {"format", "ogg/opus"},
                    {"channels", "customer left, agent right"}};
    if (!r.error.empty()) payload["error"] = r.error;
    // How the call sounded, for the supervisor and the trainer (RFC 3550 figures).
    Json quality = {{"codec", r.quality.codec},
                    {"packets_sent", r.quality.packetsSent},
                    {"packets_received", r.quality.packetsReceived},
                    {"packets_lost", r.quality.packetsLost},
                    {"late", r.quality.framesLate},
                    {"concealed", r.quality.framesConcealed},
                    {"jitter_ms", r.quality.jitterMs},
                    {"buffer_ms", r.quality.bufferMs}};
    if (r.quality.remoteLossPercent) quality["remote_loss_percent"] = *r.quality.remoteLossPercent;
    if (r.quality.roundTripMs) quality["round_trip_ms"] = *r.quality.roundTripMs;
    payload["quality"] = quality;
    events.push_back(event(call->interactionId, now, EventKind::Recorded, payload));
    m_log.append(std::move(events));
    return recorded(call->interactionId);
  }
  if (sip.kind == Kind::Quality && sip.quality) {
    if (!call) return recorded(std::string());
    events.push_back(InteractionEvent{"", 0, call->interactionId, now, EventKind::CallQuality, "",
                                      callQualityPayload(*sip.quality)});
    m_log.append(std::move(events));
    return recorded(call->interactionId);
  }
  if (sip.kind == Kind::Transferred || sip.kind == Kind::TransferFailed) {
    if (!call || call->ended) return recorded(call ? call->interactionId : std::string());
    if (sip.kind == Kind::Transferred) {
      events.push_back(event(call->interactionId, now, EventKind::Transferred,
                             {{"to", sip.transferTarget}, {"status", sip.transferStatus}}));
      // Our BYE ends the agent's leg; the call itself goes on with the target. After an
      // attended transfer our consultation with the target ends too (the target replaced it).
      events.push_back(
          event(call->interactionId, now, EventKind::Ended, {{"cause", "transferred"}, {"to", sip.transferTarget}}));
      if (const std::string consult = consultOf(call->interactionId); !consult.empty()) {
        events.push_back(event(call->interactionId, now, EventKind::ConsultEnded, {{"cause", "transferred"}}));
        m_consults.erase(consult);
      }
    } else {
      events.push_back(
          event(call->interactionId, now, EventKind::TransferFailed,
                {{"to", sip.transferTarget}, {"status", sip.transferStatus}, {"reason", sip.transferReason}}));
    }
    m_log.append(std::move(events));
    return recorded(call->interactionId);
  }
  if (sip.kind == Kind::Alerting || sip.kind == Kind::Connected || sip.kind == Kind::Unanswered) {
    // A call the agent placed (DialCall recorded its offer): how it went.
    if (!call || call->ended) return recorded(call ? call->interactionId : std::string());
    if (sip.kind == Kind::Alerting) {
      events.push_back(event(call->interactionId, now, EventKind::Ringing, Json::object()));
    } else if (sip.kind == Kind::Connected) {
      events.push_back(event(call->interactionId, now, EventKind::Answered, {{"by", "customer"}}, call->agentId));
      completeCallback(*call, "called", now, events);
    } else {
      events.push_back(event(call->interactionId, now, EventKind::NotReached,
                             {{"status", sip.finalStatus}, {"reason", sip.finalReason}}));
      completeCallback(*call, "not_reached", now, events);
    }
    m_log.append(std::move(events));
    return recorded(call->interactionId);
  }
  if (sip.kind != Kind::Offered) {
    if (!call || call->ended) return recorded(call ? call->interactionId : std::string());
    if (sip.kind == Kind::Cancelled) {
      events.push_back(event(call->interactionId, now, EventKind::Cancelled, {{"cause", "caller cancelled"}}));
    } else if (sip.kind == Kind::Held || sip.kind == Kind::Resumed) {
      if (!call->answered) return recorded(call->interactionId);
      events.push_back(event(call->interactionId, now, sip.kind == Kind::Held ? EventKind::Held : EventKind::Resumed,
                             {{"by", "caller"}}));
    } else {
      const char* cause = sip.kind != Kind::Ended ? "no ACK for our answer"
                          : call->outbound        ? "customer hung up"
                                                  : "caller hung up";
      events.push_back(event(call->interactionId, now, EventKind::Ended, {{"cause", cause}}));
    }
    m_log.append(std::move(events));
    return recorded(call->interactionId);
  }
  if (call) return recorded(call->interactionId);  // the same INVITE again (e.g. after a restart)

  const std::string interactionId = newInteractionId();
  const bool anonymous = sip.callerUser.empty() || sip.callerUser == "anonymous";
  const auto phone = anonymous ? std::nullopt : store::normalisePhone(sip.callerUser, m_region);
  bool known = false;
  std::int64_t customer = 0;
  if (phone) {
    if (const auto id = store::findCustomerId(m_db, {store::ContactAddress::Kind::Phone, *phone})) {
      known = true;
      customer = *id;
    }
  }
  Json offered = {{"channel", "voice"},
                  {"direction", "in"},
                  {"address", anonymous ? std::string("anonymous") : phone.value_or(sip.callerUser)},
                  {"display_name", sip.callerName},
                  {"subject", ""},
                  {"external_id", externalId},
                  {"identity_source", sip.identitySource},
                  {"called", sip.calledUser},
                  {"queue", queueFor(sip.calledUser)},
                  {"transport", sip.transport},
                  {"peer", sip.peer}};
  if (known) offered["customer_id"] = customer;
  events.push_back(event(interactionId, now, EventKind::Offered, offered));
  DeliveryResult result = recorded(interactionId);
  if (known && store::customerBlocked(m_db, customer)) {
    events.push_back(event(interactionId, now, EventKind::Declined, {{"reason", "blocked"}}));
    result.reject = true;
    result.rejectReason = "busy";
  } else if (!m_autoAnswer && !busyReason.empty()) {
    events.push_back(event(interactionId, now, EventKind::Declined, {{"reason", busyReason}}));
    result.reject = true;
    result.rejectReason = "busy";
  } else {
    events.push_back(event(interactionId, now, EventKind::Ringing, Json::object()));
    if (m_autoAnswer) {
      events.push_back(event(interactionId, m_clock(), EventKind::Answered, Json::object(), "auto-answer"));
      result.answerNow = true;
    }
  }
  m_log.append(std::move(events));
  return result;
}

// A call placed from a callback settles the callback: made when the customer answered, not
// reached otherwise (the agent may schedule another). The callback's id is in the call's
// offer; it is settled on the callback's own interaction, where the callbacks projection
// looks for it.
void ContactRecorder::addConsult(const std::string& sipKey, const std::string& interactionId) {
  m_consults[sipKey] = interactionId;
}

std::string ContactRecorder::consultOf(const std::string& interactionId) const {
  for (const auto& [key, id] : m_consults) {
    if (id == interactionId) return key;
  }
  return {};
}

void ContactRecorder::dropConsult(const std::string& sipKey) {
  m_consults.erase(sipKey);
}

// The consultation's SIP events, on the call being transferred: answered, or ended (the
// target hung up, or never answered). Its ringing and its recording are not recorded (the
// consultation is the agent's word with a colleague, not the customer's call).
DeliveryResult ContactRecorder::recordConsult(const telephony::SipCallEvent& sip, const std::string& interactionId) {
  using Kind = telephony::SipCallEvent::Kind;
  const std::int64_t now = sip.receivedUs ? sip.receivedUs : m_clock();
  std::vector<InteractionEvent> events;
  if (sip.kind == Kind::Connected) {
    events.push_back(event(interactionId, now, EventKind::ConsultAnswered, Json::object()));
  } else if (sip.kind == Kind::Unanswered) {
    events.push_back(event(interactionId, now, EventKind::ConsultEnded,
                           {{"cause", "not reached"}, {"status", sip.finalStatus}, {"reason", sip.finalReason}}));
    m_consults.erase(sip.callId);
  } else if (sip.kind == Kind::Ended || sip.kind == Kind::Failed || sip.kind == Kind::Cancelled) {
    events.push_back(event(interactionId, now, EventKind::ConsultEnded, {{"cause", "target hung up"}}));
    m_consults.erase(sip.callId);
  }
  if (!events.empty()) m_log.append(std::move(events));
  return recorded(interactionId);
}

void ContactRecorder::completeCallback(const store::CallRef& call, const char* outcome, std::int64_t now,
                                       std::vector<InteractionEvent>& events) {
  store::Statement& s = m_db.cached(
      "SELECT json_extract(o.payload_json, '$.callback_id'), c.interaction_id FROM interaction_events o "
      "JOIN callbacks c ON c.id = json_extract(o.payload_json, '$.callback_id') "
      "WHERE o.interaction_id = ? AND o.kind = 'offered' AND c.status = 'open' LIMIT 1");
  s.bind(1, call.interactionId);
  if (s.step()) {
    events.push_back(event(s.text(1), now, EventKind::CallbackDone, {{"callback_id", s.text(0)}, {"outcome", outcome}},
                           call.agentId));
  }
  s.reset();
}

}  // namespace frontline::desk
