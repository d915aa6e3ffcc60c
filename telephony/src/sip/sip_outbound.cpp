// Calls the agent places (click-to-dial, callbacks): the SIP server as a user agent client.
//
// The INVITE goes to sip.outbound_proxy over UDP with our offer (PCMU, PCMA,
// telephone-event), resent on timer A until a provisional response, given up on timer B
// (RFC 3261 17.1.1). A 401 or 407 gets the ACK of its transaction and the INVITE again with
// a new branch, the next CSeq and the digest answer (RFC 3261 22.2); a second challenge for
// the same realm (not "stale") means the password is wrong, and the call is not placed. A
// 180 or 183 tells the desk the customer's phone rings. A 2xx gets its ACK (a new
// transaction, to the Contact, through the Record-Route set reversed; sent again for every
// copy of the 2xx) and starts the media with the answer's codec. Any other final response
// gets its ACK and tells the desk why the customer was not reached.
//
// The agent may hang up before the answer: CANCEL, but only once a provisional response
// has come (RFC 3261 9.1); a 2xx that crosses our CANCEL is acknowledged and ended with
// BYE. After sip.ring timeout (OutboundSettings::ringTimeout) of ringing we cancel: "no
// answer". Once answered the call is like any other: hold, transfer, DTMF, the recording,
// a BYE either way (dialogRequest and dialogOf know both kinds of dialog).
#include <asio/ip/udp.hpp>

#include <algorithm>
#include <stdexcept>

#include "sip/sip_call.h"
#include "sip/sip_server.h"
#include "telephony/log_escape.h"
#include "telephony/media/voice_codec.h"
#include "telephony/sip/sip_builder.h"
#include "telephony/sip/sip_transfer.h"
#include "wall_clock.h"

namespace frontline::telephony {
namespace {

constexpr const char* kAllowHeader = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY\r\n";

struct ProxyAddress {
  std::string host;
  std::string port = "5060";
  std::string error;
};

// "pbx.example.com", "pbx.example.com:5080", "[2001:db8::1]:5060", "sip:pbx.example.com;lr".
ProxyAddress parseProxy(std::string text) {
  ProxyAddress a;
  if (text.rfind("sip:", 0) == 0) text.erase(0, 4);
  if (const auto params = text.find(';'); params != std::string::npos) {
    if (text.find("transport=tcp", params) != std::string::npos ||
        text.find("transport=tls", params) != std::string::npos) {
      a.error = "calls out go over UDP only; remove the transport parameter";
      return a;
    }
    text.erase(params);
  }
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos) {
      a.error = "an IPv6 address needs its closing ]";
      return a;
    }
    a.host = text.substr(1, close - 1);
    if (close + 1 < text.size() && text[close + 1] == ':') a.port = text.substr(close + 2);
  } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    a.host = text.substr(0, colon);
    a.port = text.substr(colon + 1);
  } else {
    a.host = text;
  }
  if (a.host.empty()) a.error = "no host";
  if (a.port.empty() || a.port.find_first_not_of("0123456789") != std::string::npos || a.port.size() > 5 ||
      std::stoi(a.port) == 0 || std::stoi(a.port) > 65535) {
    a.error = "the port must be 1-65535";
  }
  return a;
}

// The user part to dial: a number's "+" and digits (spaces, dots, dashes and brackets
// dropped), an extension, or the user of a SIP address.
std::string requestUri(const std::string& number, const std::string& domain) {
  const ReferTo uri = referToUri(number, domain);  // the same rules as a transfer's target
  return uri.error.empty() ? uri.uri : std::string();
}

}  // namespace

void SipServer::resolveOutboundProxy() {
  const OutboundSettings& o = m_settings.outbound;
  if (o.proxy.empty()) return;
  const ProxyAddress a = parseProxy(o.proxy);
  if (!a.error.empty()) throw std::runtime_error("sip.outbound_proxy '" + o.proxy + "': " + a.error);
  asio::ip::udp::resolver resolver(m_io);
  asio::error_code ec;
  const auto results = resolver.resolve(asio::ip::udp::v4(), a.host, a.port, ec);
  if (ec || results.empty()) {
    const auto any = resolver.resolve(a.host, a.port, ec);
    if (ec || any.empty()) {
      throw std::runtime_error("sip.outbound_proxy '" + o.proxy + "': cannot resolve " + a.host + ": " + ec.message());
    }
    m_proxy = any.begin()->endpoint();
    return;
  }
  m_proxy = results.begin()->endpoint();
}

std::string SipServer::outboundDomain() const {
  if (!m_settings.outbound.domain.empty()) return m_settings.outbound.domain;
  return parseProxy(m_settings.outbound.proxy).host;
}

void SipServer::dial(const OutboundCall& spec) {
  auto call = std::make_shared<SipCall>(m_io);
  call->key = spec.key();
  call->callId = spec.callId;
  call->localTag = spec.fromTag;
  call->receivedUs = nowUs();
  auto dial = std::make_shared<SipDial>();
  call->dial = dial;
  dial->dialled = spec.number;
  if (!m_proxy) return unanswered(call, 0, "no sip.outbound_proxy is configured");
  call->route = SipRoute{false, *m_proxy, {}, m_proxy->address()};
  if (m_calls.count(call->key) != 0) return unanswered(call, 0, "a call with this id is already under way");
  if (static_cast<int>(m_calls.size()) >= m_settings.limits.sip.maxActiveCalls) {
    return unanswered(call, 0, "too many calls at once (limits.sip.max_active_calls)");
  }
  const std::string domain = outboundDomain();
  dial->requestUri = requestUri(spec.number, domain);
  if (dial->requestUri.empty()) return unanswered(call, 0, referToUri(spec.number, domain).error);
  std::string name;
  for (char c : spec.agentName.substr(0, 80))
    name += (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) ? '\'' : c;
  dial->from = (name.empty() ? std::string() : "\"" + name + "\" ") + "<sip:" + m_settings.outbound.user + "@" +
               domain + ">;tag=" + spec.fromTag;
  dial->to = "<" + dial->requestUri + ">";
  m_calls[call->key] = call;
  call->sdpSession = (m_tagState >> 8) & 0xffffffff;
  if (m_media) {
    const auto port = m_media->reserve(call->key);
    if (!port) {
      m_calls.erase(call->key);
      return unanswered(call, 0, "every RTP port in sip.rtp_ports is in use");
    }
    call->rtpReserved = true;
    call->rtpPort = *port;
  } else {
    call->rtpPort = m_settings.media.firstPort;
  }
  call->state = SipCall::State::Calling;
  sendInvite(call);
  // Timer B: no response at all.
  call->timeoutTimer.expires_after(64 * kT1);
  std::weak_ptr<SipCall> weak = call;
  call->timeoutTimer.async_wait([this, weak](const asio::error_code& ec) {
    auto c = weak.lock();
    if (ec || !c || c->state != SipCall::State::Calling || c->dial->provisional) return;
    unanswered(c, 408, "no response from sip.outbound_proxy " + m_settings.outbound.proxy);
  });
}

void SipServer::sendInvite(const std::shared_ptr<SipCall>& call, std::string_view authorization) {
  SipDial& dial = *call->dial;
  if (!dial.branch.empty()) m_dialTransactions.erase(dial.branch);
  dial.branch = "z9hG4bK" + newTag();
  DialogForBye d;
  d.remoteTarget = dial.requestUri;
  d.localFrom = dial.from;
  d.remoteTo = dial.to;
  d.callId = call->callId;
  d.cseq = dial.cseq;
  d.via = "SIP/2.0/UDP " + m_endpoint.address.toString() + ";branch=" + dial.branch + ";rport";
  const std::string sdp =
      media::buildOffer(m_settings.media.address, call->rtpPort, call->sdpSession, ++call->sdpVersion);
  dial.request = buildDialogRequest("INVITE", d, contactHeader(false) + kAllowHeader + std::string(authorization), sdp,
                                    "application/sdp");
  if (auto parsed = parseSipDatagram(dial.request, m_settings.limits.sip); std::holds_alternative<SipMessage>(parsed)) {
    call->invite = std::get<SipMessage>(parsed);  // From and To for eventOf, transfer's domain
  }
  call->localCseq = dial.cseq;
  m_dialTransactions[dial.branch] = call;
  send(call->route, dial.request);
  call->interval = kT1;
  resendInvite(call);
}

void SipServer::resendInvite(const std::shared_ptr<SipCall>& call) {
  call->retransmitTimer.expires_after(call->interval);
  std::weak_ptr<SipCall> weak = call;
  call->retransmitTimer.async_wait([this, weak](const asio::error_code& ec) {
    auto c = weak.lock();
    if (ec || !c || c->state != SipCall::State::Calling || c->dial->provisional) return;
    send(c->route, c->dial->request);
    c->interval *= 2;  // timer A
    resendInvite(c);
  });
}

void SipServer::onDialResponse(const std::shared_ptr<SipCall>& call, const SipMessage& m) {
  SipDial& dial = *call->dial;
  const auto cseq = m.cseq();
  if (!cseq || cseq->second != "INVITE" || cseq->first != dial.cseq) return;  // our CANCEL's 200, or stale
  if (m.status < 200) {
    if (call->state != SipCall::State::Calling) return;
    if (!dial.provisional) {
      dial.provisional = true;
      call->retransmitTimer.cancel();
      // No answer within the ring timeout: cancel, and say so.
      call->timeoutTimer.expires_after(m_settings.outbound.ringTimeout);
      std::weak_ptr<SipCall> weak = call;
      call->timeoutTimer.async_wait([this, weak](const asio::error_code& ec) {
        auto c = weak.lock();
        if (ec || !c || c->state != SipCall::State::Calling) return;
        const std::string why = "no answer in " + std::to_string(m_settings.outbound.ringTimeout.count()) + " s";
        sendCancel(c);
        unanswered(c, 0, why);
      });
    }
    if (dial.cancelWanted) return sendCancel(call);
    if ((m.status == 180 || m.status == 183) && !dial.ringing) {
      dial.ringing = true;
      deliver(SipCallEvent::Kind::Alerting, call);
    }
    return;
  }
  if (m.status < 300) return onDialAnswered(call, m);
  if (call->state != SipCall::State::Calling) {
    ackFinalError(*call, m);  // a retransmitted final error
    return;
  }
  ackFinalError(*call, m);
  if ((m.status == 401 || m.status == 407) && !dial.cancelWanted && dial.cancel.empty()) {
    if (answerChallenge(call, m)) return;
    return;  // answerChallenge reported why not
  }
  if (!dial.cancel.empty() && m.status == 487) {
    // Our CANCEL took: the desk recorded the agent's hang-up already.
    return unanswered(call, 487, "the agent hung up before the answer");
  }
  unanswered(call, m.status, m.reason);
}

// The ACK of a final error belongs to the INVITE's transaction: its branch, CSeq and
// Request-URI, the response's To (RFC 3261 17.1.1.3).
void SipServer::ackFinalError(SipCall& call, const SipMessage& m) {
  SipDial& dial = *call.dial;
  DialogForBye d;
  d.remoteTarget = dial.requestUri;
  d.localFrom = dial.from;
  d.remoteTo = m.header("To") ? *m.header("To") : dial.to;
  d.callId = call.callId;
  d.cseq = dial.cseq;
  d.via = "SIP/2.0/UDP " + m_endpoint.address.toString() + ";branch=" + m.topViaBranch() + ";rport";
  send(call.route, buildDialogRequest("ACK", d));
}

bool SipServer::answerChallenge(const std::shared_ptr<SipCall>& call, const SipMessage& m) {
  SipDial& dial = *call->dial;
  const bool proxy = m.status == 407;
  const std::string* header = m.header(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
  if (!header) {
    unanswered(call, m.status, m.reason + " without a challenge");
    return false;
  }
  auto parsed = parseDigestChallenge(*header);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    unanswered(call, m.status, *error);
    return false;
  }
  const DigestChallenge& challenge = std::get<DigestChallenge>(parsed);
  if (dial.challenges >= 1 && !challenge.stale) {
    unanswered(call, m.status, "the PBX refused our password for realm " + challenge.realm + " (sip.password_file)");
    return false;
  }
  if (dial.challenges >= 3) {
    unanswered(call, m.status, "the PBX keeps challenging our INVITE");
    return false;
  }
  const SipCredential* account = m_settings.outbound.credentials.forRealm(challenge.realm);
  if (!account) {
    unanswered(call, m.status,
               "the PBX asks for a password for realm " + challenge.realm + " and sip.password_file has none");
    return false;
  }
  ++dial.challenges;
  ++dial.cseq;
  const std::string answer = digestAuthorization(challenge, account->user, account->password, "INVITE", dial.requestUri,
                                                 newTag(), ++dial.nonceCount);
  dial.provisional = false;
  sendInvite(call, std::string(proxy ? "Proxy-Authorization: " : "Authorization: ") + answer + "\r\n");
  return true;
}

void SipServer::onDialAnswered(const std::shared_ptr<SipCall>& call, const SipMessage& m) {
  SipDial& dial = *call->dial;
  if (dial.ack.empty()) {
    dial.remoteTag = m.toTag();
    if (const std::string* to = m.header("To")) dial.to = *to;
    const std::string* contact = m.header("Contact");
    auto target = contact ? parseNameAddr(*contact) : std::nullopt;
    dial.remoteTarget = target ? target->uri : dial.requestUri;
    dial.routeSet = m.all("Record-Route");
    std::reverse(dial.routeSet.begin(), dial.routeSet.end());
    const DialogForBye d = dialogRequest(*call, "z9hG4bK" + newTag(), dial.cseq);
    dial.ack = buildDialogRequest("ACK", d);
  }
  send(call->route, dial.ack);  // for every copy of the 2xx
  if (call->state != SipCall::State::Calling) return;
  call->retransmitTimer.cancel();
  call->timeoutTimer.cancel();
  call->state = SipCall::State::Confirmed;
  if (dial.cancelWanted || !dial.cancel.empty()) {
    // The answer crossed the agent's hang-up: end it at once.
    return sendBye(call);
  }
  auto answer = media::parseAudioStream(m.body);
  std::optional<media::Negotiated> agreed;
  if (auto* stream = std::get_if<media::AudioStream>(&answer))
    agreed = media::negotiate(*stream, media::supportedCodecs());
  if (!agreed) {
    const std::string why = std::holds_alternative<std::string>(answer)
                                ? "SDP: " + std::get<std::string>(answer)
                                : std::string("no codec in common in the answer");
    m_log(call->route.peerAddress, "sip " + call->route.peerAddress.to_string() + ": call " +
                                       escapeForLog(call->callId) + " we placed: " + escapeForLog(why));
    sendBye(call);
    return unanswered(call, 488, why);
  }
  agreed->ptimeMs = 20;
  call->remoteDirection = std::get<media::AudioStream>(answer).direction;
  call->media = *agreed;
  connectMedia(call);
  deliver(SipCallEvent::Kind::Connected, call);
}

void SipServer::sendCancel(const std::shared_ptr<SipCall>& call) {
  SipDial& dial = *call->dial;
  if (!dial.provisional) {
    dial.cancelWanted = true;  // RFC 3261 9.1: only once a provisional response came
    return;
  }
  if (!dial.cancel.empty()) return;
  DialogForBye d;
  d.remoteTarget = dial.requestUri;
  d.localFrom = dial.from;
  d.remoteTo = "<" + dial.requestUri + ">";
  d.callId = call->callId;
  d.cseq = dial.cseq;
  d.via = "SIP/2.0/UDP " + m_endpoint.address.toString() + ";branch=" + dial.branch + ";rport";
  dial.cancel = buildDialogRequest("CANCEL", d);
  send(call->route, dial.cancel);
  // Its 200 and the INVITE's 487 come back on the INVITE's branch. Without them, give up
  // after timer B: the call is over for us either way.
  call->timeoutTimer.expires_after(64 * kT1);
  std::weak_ptr<SipCall> weak = call;
  call->timeoutTimer.async_wait([this, weak](const asio::error_code& ec) {
    auto c = weak.lock();
    if (!ec && c && c->state == SipCall::State::Calling) finish(c);
  });
}

void SipServer::unanswered(const std::shared_ptr<SipCall>& call, int status, const std::string& reason) {
  SipCallEvent e;
  e.kind = SipCallEvent::Kind::Unanswered;
  e.callId = call->key;
  e.receivedUs = nowUs();
  e.calledUser = call->dial ? call->dial->dialled : std::string();
  e.finalStatus = status;
  e.finalReason = reason;
  if (status != 487) {
    m_log(call->route.peerAddress, "sip: call " + escapeForLog(call->callId) + " to " +
                                       escapeForLog(call->dial ? call->dial->dialled : std::string()) +
                                       " not placed or not answered: " + (status ? std::to_string(status) + " " : "") +
                                       escapeForLog(reason));
  }
  m_sink.deliver(std::move(e), [](DeliveryResult) {});
  if (call->state == SipCall::State::Calling) {
    // A CANCEL in flight keeps the call until its 487 (sendCancel's timer ends it).
    if (call->dial && !call->dial->cancel.empty() && status != 487 && status < 300) return;
    finish(call);
  }
}

}  // namespace frontline::telephony
