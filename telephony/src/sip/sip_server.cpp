// SIP transactions and transports; see sip_server.h. Network thread only.
//
// INVITE server transaction (RFC 3261 17.2.1): 100 Trying at once; 180 Ringing once the
// desk has recorded the contact; a final response (200 with SDP, 486, 487, 503) is
// retransmitted over UDP on timer G (T1 doubling to T2) until the ACK, given up on timer
// H (64*T1; for a 200 we then send BYE and report the call failed); after the ACK of a
// non-2xx final, timer I absorbs retransmitted ACKs. TCP needs no retransmissions.
//
// Matching (RFC 3261 17.2.3, 12): an INVITE server transaction by the top Via's branch and
// sent-by; a dialog by Call-ID and both tags, so two INVITEs sharing a Call-ID with
// different From tags (a forking proxy upstream) are two calls, and a second copy of one
// INVITE by another path (same Call-ID and From tag, no To tag) is a merged request: 482.
// Non-INVITE requests (BYE, CANCEL, OPTIONS, refusals) keep their final response for
// timer J, so a retransmitted BYE gets its 200 again instead of 481.
//
// Media (RFC 3264): each call's INVITE reserves an RTP port pair on the media thread and
// its offer is answered with one codec (PCMU or PCMA, telephone-event when offered); an
// INVITE without an offer gets ours in the 200 and its answer in the ACK. The media starts
// when the 200 goes out and ends with the dialog. A re-INVITE in a confirmed dialog (the
// caller holds or resumes, or moves its media) is answered from the same port; its 200 is
// kept like a non-INVITE final response, so a retransmitted re-INVITE gets it again (the
// peer retransmits until it has one). A re-INVITE we cannot accept gets 488 and a Warning,
// and the call goes on as it was (RFC 3261 14.2).
//
// Hold by the agent is our re-INVITE (RFC 3264 §8.4): sendonly (inactive when the caller
// holds us too), resent on timer A over UDP until a response, given up on timer B; a 2xx
// gets its ACK (again for each retransmitted 2xx while the transaction is kept), a final
// error gets the ACK of its transaction and the hold is undone. One re-INVITE of ours at a
// time: a hold asked for meanwhile is sent when it completes.
//
// Blind transfer (RFC 3515, RFC 5589 section 6) is our REFER in the dialog: a non-INVITE
// client transaction (timer E resends it over UDP, timer F gives up). After its 2xx the
// caller's phone reports how the new call goes in NOTIFYs (message/sipfrag): a final 2xx
// there means the transfer target answered, so we end our leg with BYE; a final error
// (busy, no answer) means the caller is still with us. Both outcomes go to the desk. A
// NOTIFY may overtake the 202 on UDP: its outcome counts all the same. Without a final
// NOTIFY within 64*T1 of the 202 the transfer is reported failed and the call goes on.
#include "sip/sip_server.h"

#include "sip/sip_call.h"

#include <asio/post.hpp>
#include <asio/read.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>

#include <array>
#include <chrono>
#include <random>

#include "tcp_connection.h"
#include "telephony/log_escape.h"
#include "telephony/media/sdp.h"
#include "telephony/media/voice_codec.h"
#include "telephony/sip/sip_builder.h"
#include "telephony/sip/sip_transfer.h"
#include "wall_clock.h"

namespace frontline::telephony {

using asio::ip::tcp;
using asio::ip::udp;
using namespace std::chrono_literals;

namespace {
constexpr const char* kAllow = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY\r\n";
constexpr int kUdpReceiveBuffer = 8 * 1024 * 1024;

std::int64_t steadyNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The key of the server transaction a request belongs to (17.2.3: branch, sent-by, and
// the method, an ACK or CANCEL matching its INVITE through `method`).
std::string transactionKey(const SipMessage& m, std::string_view method) {
  return m.topViaBranch() + ' ' + m.topViaSentBy() + ' ' + std::string(method);
}

// A call's key: its Call-ID, and the caller's From tag when there is one (RFC 2543 peers
// may send none). The desk records it as the interaction's external id.
std::string callKey(const SipMessage& m) {
  const std::string tag = m.fromTag();
  return tag.empty() ? m.callId() : m.callId() + ";from-tag=" + tag;
}

// A Warning header (RFC 3261 20.43) telling the peer why: code 399, text without quotes.
std::string warningHeader(std::string_view text) {
  std::string clean;
  for (char c : text.substr(0, 200)) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '\'';
    clean += c;
  }
  return "Warning: 399 frontline \"" + clean + "\"\r\n";
}

bool heldBy(media::Direction ours) {
  return ours == media::Direction::RecvOnly || ours == media::Direction::Inactive;
}

// Our direction while the agent holds the call: we send (music on hold), never receive.
media::Direction withoutReceiving(media::Direction d) {
  if (d == media::Direction::SendRecv) return media::Direction::SendOnly;
  if (d == media::Direction::RecvOnly) return media::Direction::Inactive;
  return d;
}
}  // namespace

class SipTcpConnection : public TcpConnection {
 public:
  SipTcpConnection(tcp::socket socket, asio::ip::address peer, SipServer& server)
      : TcpConnection(std::move(socket), std::move(peer), server.limiter()),
        m_idle(m_socket.get_executor()),
        m_server(server) {}

  void start() { read(); }

 private:
  void read() {
    m_idle.expires_after(m_server.settings().limits.sip.tcpIdleTimeout);
    m_idle.async_wait([self = self<SipTcpConnection>()](const asio::error_code& ec) {
      if (!ec) self->close();
    });
    m_socket.async_read_some(
        asio::buffer(m_buffer), [self = self<SipTcpConnection>()](const asio::error_code& ec, std::size_t n) {
          self->m_idle.cancel();
          if (ec) return self->close();
          const std::int64_t t0 = steadyNowNs();
          self->m_stream.append(self->m_buffer.data(), n);
          while (true) {
            auto frame = sipFrameLength(self->m_stream, self->m_server.settings().limits.sip);
            const SipRoute route{true, {}, self, self->m_peer};
            if (auto* error = std::get_if<SipParseError>(&frame)) {
              self->m_server.log()(self->m_peer, "sip tcp " + self->m_peer.to_string() + ": " + error->reason + " in " +
                                                     escapeForLog(self->m_stream));
              // Answer what can be answered, then drop the stream: its framing is lost.
              self->m_server.onMessage(self->m_stream, route, t0);
              self->m_stream.clear();
              return self->closeAfterWrites();
            }
            const std::size_t length = std::get<std::size_t>(frame);
            if (length == 0) break;
            const std::string message = self->m_stream.substr(0, length);
            self->m_stream.erase(0, length);
            if (message.find_first_not_of("\r\n") == std::string::npos) continue;  // keep-alive
            self->m_server.onMessage(message, route, t0);
          }
          self->read();
        });
  }

  void close() override {
    m_idle.cancel();
    TcpConnection::close();
  }

  asio::steady_timer m_idle;
  SipServer& m_server;
  std::array<char, 16384> m_buffer{};
  std::string m_stream;
};

SipServer::SipServer(asio::io_context& io, const ListenerEndpoint& endpoint, const ListenerSettings& settings,
                     PeerLimiter& limiter, ContactSink& sink, PeerLog& log, media::MediaEngine* media)
    : m_io(io),
      m_endpoint(endpoint),
      m_settings(settings),
      m_limiter(limiter),
      m_sink(sink),
      m_log(log),
      m_media(media),
      m_udp(io),
      m_tcp(io),
      m_responses(64 * kT1, settings.limits.sip.maxKeptResponses) {
  std::random_device rd;
  m_tagState = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

SipServer::~SipServer() = default;

void SipServer::start() {
  // UDP and TCP on one port. With port 0 the kernel picks the UDP port, which another
  // program may hold for TCP: then pick again (a few times), rather than fail to start.
  const std::uint16_t configured = m_endpoint.address.port;
  for (int attempt = 1;; ++attempt) {
    udp::endpoint uep(m_endpoint.address.host, configured);
    m_udp.open(uep.protocol());
    m_udp.set_option(udp::socket::reuse_address(true));
    m_udp.bind(uep);
    m_endpoint.address.port = m_udp.local_endpoint().port();
    try {
      listenOn(m_tcp, m_endpoint.address);
      break;
    } catch (const std::system_error& e) {
      m_udp.close();
      if (m_tcp.is_open()) m_tcp.close();
      if (configured != 0 || attempt >= 20 || e.code() != asio::error::address_in_use) throw;
    }
  }
  // A large receive queue: at 1,000 calls/s (five datagrams each) a machine busy for a
  // few hundred milliseconds would otherwise drop ACKs and BYEs in the kernel (the default
  // 208 KiB holds about 300 datagrams). The kernel caps this at net.core.rmem_max.
  asio::error_code ignored;
  m_udp.set_option(asio::socket_base::receive_buffer_size(kUdpReceiveBuffer), ignored);
  m_udpBuffer.resize(m_settings.limits.sip.maxMessageBytes + 1);
  receiveUdp();
  acceptTcp();
}

std::vector<std::string> SipServer::describe() const {
  return {"SIP udp " + m_endpoint.address.toString(), "SIP tcp " + m_endpoint.address.toString()};
}

std::string SipServer::newTag() {
  std::uint64_t z = (m_tagState += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(z ^ (z >> 31)));
  return buf;
}

std::string SipServer::contactHeader(bool tcp) const {
  return "Contact: <sip:frontline@" + m_endpoint.address.toString() + (tcp ? ";transport=tcp" : "") + ">\r\n";
}

void SipServer::receiveUdp() {
  m_udp.async_receive_from(asio::buffer(m_udpBuffer), m_udpSender, [this](const asio::error_code& ec, std::size_t n) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      const auto peer = m_udpSender.address();
      if (!allowed(m_endpoint.allow, peer) && !(m_proxy && peer == m_proxy->address())) {
        m_log(peer, "sip udp " + peer.to_string() + ": dropped, not in the allow list");
      } else if (n > m_settings.limits.sip.maxMessageBytes) {
        m_log(peer, "sip udp " + peer.to_string() + ": dropped a datagram over " +
                        std::to_string(m_settings.limits.sip.maxMessageBytes) + " bytes");
      } else {
        onMessage(std::string_view(m_udpBuffer.data(), n), SipRoute{false, m_udpSender, {}, peer}, steadyNowNs());
      }
    }
    receiveUdp();
  });
}

void SipServer::acceptTcp() {
  acceptLoop(m_tcp, {"sip tcp", m_endpoint.allow, "", ""}, m_limiter, m_log,
             [this](tcp::socket socket, asio::ip::address peer) {
               std::make_shared<SipTcpConnection>(std::move(socket), std::move(peer), *this)->start();
             });
}

void SipServer::send(const SipRoute& route, std::string bytes) {
  if (route.tcp) {
    if (auto c = route.connection.lock()) c->send(std::move(bytes));
    return;
  }
  auto buffer = std::make_shared<std::string>(std::move(bytes));
  m_udp.async_send_to(asio::buffer(*buffer), route.udpPeer, [buffer](const asio::error_code&, std::size_t) {});
}

void SipServer::onMessage(std::string_view bytes, const SipRoute& route, std::int64_t steadyNs) {
  auto parsed = parseSipDatagram(bytes, m_settings.limits.sip);
  if (auto* error = std::get_if<SipParseError>(&parsed)) {
    m_log(route.peerAddress, "sip " + route.peerAddress.to_string() + ": " + std::to_string(error->status) + " " +
                                 error->reason + " in " + escapeForLog(bytes));
    // Answer a request whose headers can be copied into a response; drop anything else.
    if (auto partial = parseSipHeadersOnly(bytes, m_settings.limits.sip);
        partial && partial->isRequest && partial->method != "ACK" && partial->header("Via")) {
      send(route, buildSipResponse(*partial, error->status, error->reason, newTag()));
    }
    return;
  }
  const SipMessage& m = std::get<SipMessage>(parsed);
  if (!m.isRequest) return onResponse(m);
  if (m.method == "INVITE") return onInvite(m, route, steadyNs);
  if (m.method == "ACK") return onAck(m);
  if (!route.tcp) {
    if (const std::string* sent = m_responses.find(transactionKey(m, m.method), std::chrono::steady_clock::now())) {
      return send(route, *sent);  // a retransmitted request: the same final response (timer J)
    }
  }
  if (m.method == "CANCEL") return onCancel(m, route);
  if (m.method == "BYE") return onBye(m, route);
  if (m.method == "NOTIFY") return onNotify(m, route);
  if (m.method == "OPTIONS") {
    return respond(route, m,
                   buildSipResponse(m, 200, "OK", newTag(), std::string(kAllow) + "Accept: application/sdp\r\n"));
  }
  respond(route, m, buildSipResponse(m, 405, "Method Not Allowed", newTag(), kAllow));
}

void SipServer::respond(const SipRoute& route, const SipMessage& request, std::string response) {
  if (!route.tcp)
    m_responses.remember(transactionKey(request, request.method), response, std::chrono::steady_clock::now());
  send(route, std::move(response));
}

std::shared_ptr<SipCall> SipServer::dialogOf(const SipMessage& m) const {
  if (const auto it = m_calls.find(callKey(m)); it != m_calls.end() && !it->second->dial) {
    return it->second->localTag == m.toTag() ? it->second : nullptr;
  }
  // A request from the customer in a dialog we began: our tag is in its To, theirs in From.
  const auto it = m_calls.find(m.callId() + ";from-tag=" + m.toTag());
  if (it == m_calls.end() || !it->second->dial || it->second->dial->remoteTag != m.fromTag() ||
      it->second->dial->remoteTag.empty()) {
    return nullptr;
  }
  return it->second;
}

void SipServer::onInvite(const SipMessage& m, const SipRoute& route, std::int64_t steadyNs) {
  const std::string transaction = transactionKey(m, "INVITE");
  if (auto it = m_inviteTransactions.find(transaction); it != m_inviteTransactions.end()) {
    // A retransmitted INVITE: repeat our latest response.
    const auto& call = it->second;
    return send(route, call->lastResponse.empty() ? buildSipResponse(m, 100, "Trying", "") : call->lastResponse);
  }
  if (!m.toTag().empty()) {
    if (!route.tcp) {
      if (const std::string* sent = m_responses.find(transaction, std::chrono::steady_clock::now())) {
        return send(route, *sent);  // a retransmitted re-INVITE
      }
    }
    if (auto call = dialogOf(m)) return onReinvite(call, m, route);
    return send(route, buildSipResponse(m, 481, "Call/Transaction Does Not Exist", ""));
  }
  const std::string key = callKey(m);
  if (m_calls.count(key) != 0) {
    // RFC 3261 8.2.2.2: the same request by another path (or a new INVITE reusing a
    // dialog's identity while it lasts).
    return send(route, buildSipResponse(m, 482, "Loop Detected", newTag()));
  }
  if (static_cast<int>(m_calls.size()) >= m_settings.limits.sip.maxActiveCalls) {
    return send(route, buildSipResponse(m, 503, "Service Unavailable", newTag(), "Retry-After: 5\r\n"));
  }
  auto call = std::make_shared<SipCall>(m_io);
  call->key = key;
  call->callId = m.callId();
  call->invite = m;
  call->inviteTransaction = transaction;
  call->route = route;
  call->localTag = newTag();
  call->receivedUs = nowUs();
  call->receivedSteadyNs = steadyNs;
  m_calls[key] = call;
  m_inviteTransactions[transaction] = call;
  send(route, call->lastResponse = buildSipResponse(m, 100, "Trying", ""));
  call->sdpSession = (m_tagState >> 8) & 0xffffffff;
  call->rtpPort = m_settings.media.firstPort;  // signalling only: what the configuration says
  if (m_media) {
    const auto port = m_media->reserve(key);
    if (!port) {
      m_log(route.peerAddress, "sip " + route.peerAddress.to_string() + ": call " + escapeForLog(call->callId) +
                                   " refused: every RTP port in sip.rtp_ports is in use");
      return sendFinal(call, 503, "Service Unavailable", {}, "Retry-After: 5\r\n" + warningHeader("no RTP port free"));
    }
    call->rtpReserved = true;
    call->rtpPort = *port;
  }
  Description d = describeMedia(*call, m);
  if (d.status != 200) return sendFinal(call, d.status, "Not Acceptable Here", {}, d.warning);
  call->sdpAnswer = std::move(d.sdp);
  deliver(SipCallEvent::Kind::Offered, call);
}

SipServer::Description SipServer::describeMedia(SipCall& call, const SipMessage& request) {
  Description d;
  const std::string& address = m_settings.media.address;
  if (request.body.find_first_not_of(" \r\n") == std::string::npos) {
    call.awaitingAnswer = true;
    d.sdp = media::buildOffer(address, call.rtpPort, call.sdpSession, ++call.sdpVersion);
    return d;
  }
  auto offer = media::parseAudioStream(request.body);
  std::optional<media::Negotiated> agreed;
  if (auto* error = std::get_if<std::string>(&offer)) {
    d.warning = "SDP: " + *error;
  } else if (!(agreed = media::negotiate(std::get<media::AudioStream>(offer), media::supportedCodecs()))) {
    d.warning = "no codec in common: Frontline takes PCMU, PCMA and Opus";
  }
  if (!agreed) {
    m_log(call.route.peerAddress, "sip " + call.route.peerAddress.to_string() + ": call " + escapeForLog(call.callId) +
                                      ": 488, " + escapeForLog(d.warning));
    d.status = 488;
    d.warning = warningHeader(d.warning);
    return d;
  }
  agreed->ptimeMs = 20;  // the frames we send
  if (call.heldByAgent) agreed->direction = withoutReceiving(agreed->direction);
  call.remoteDirection = std::get<media::AudioStream>(offer).direction;
  call.media = *agreed;
  call.awaitingAnswer = false;
  d.sdp = media::buildAnswer(*agreed, address, call.rtpPort, call.sdpSession, ++call.sdpVersion);
  return d;
}

void SipServer::connectMedia(const std::shared_ptr<SipCall>& call) {
  if (m_media && call->rtpReserved && call->media) m_media->connect(call->key, *call->media);
}

void SipServer::onReinvite(const std::shared_ptr<SipCall>& call, const SipMessage& m, const SipRoute& route) {
  if (call->state != SipCall::State::Confirmed || call->reinvite) {
    // Our 200 is not acknowledged yet, our own re-INVITE is in flight (glare), or we are
    // ending the call: RFC 3261 14.2.
    return respond(route, m, buildSipResponse(m, 491, "Request Pending", call->localTag, "Retry-After: 1\r\n"));
  }
  Description d = describeMedia(*call, m);
  if (d.status != 200)
    return respond(route, m, buildSipResponse(m, d.status, "Not Acceptable Here", call->localTag, d.warning));
  respond(route, m, buildSipResponse(m, 200, "OK", call->localTag, contactHeader(route.tcp), d.sdp, "application/sdp"));
  if (call->awaitingAnswer) return;  // the ACK brings the answer
  connectMedia(call);
  const bool held = heldBy(call->media->direction);
  if (held != call->heldByCaller) {
    call->heldByCaller = held;
    deliver(held ? SipCallEvent::Kind::Held : SipCallEvent::Kind::Resumed, call);
  }
}

SipCallEvent SipServer::eventOf(SipCallEvent::Kind kind, const SipCall& call) const {
  SipCallEvent e;
  e.kind = kind;
  e.callId = call.key;
  if (call.dial) {  // a call we placed: the customer is whom we dialled
    e.callerUser = e.calledUser = call.dial->dialled;
    e.identitySource = "dialled";
    e.transport = "udp";
    e.peer = call.route.peerAddress.to_string();
    e.receivedUs = nowUs();
    return e;
  }
  const std::string* pai = call.invite.header("P-Asserted-Identity");
  auto identity = pai ? parseNameAddr(pai->substr(0, pai->find(','))) : std::nullopt;
  e.identitySource = identity ? "P-Asserted-Identity" : "From";
  if (!identity) identity = parseNameAddr(*call.invite.header("From"));
  if (identity) {
    e.callerUser = identity->user;
    e.callerName = identity->displayName;
  }
  if (auto to = parseNameAddr(*call.invite.header("To"))) e.calledUser = to->user;
  e.transport = call.route.tcp ? "tcp" : "udp";
  e.peer = call.route.peerAddress.to_string();
  e.receivedUs = kind == SipCallEvent::Kind::Offered ? call.receivedUs : nowUs();
  e.receivedSteadyNs = call.receivedSteadyNs;
  return e;
}

void SipServer::deliver(SipCallEvent::Kind kind, const std::shared_ptr<SipCall>& call) {
  SipCallEvent e = eventOf(kind, *call);
  std::weak_ptr<SipCall> weak = call;
  m_sink.deliver(std::move(e), [this, weak, kind](DeliveryResult result) {
    if (kind != SipCallEvent::Kind::Offered) return;
    asio::post(m_io, [this, weak, result = std::move(result)] {
      auto c = weak.lock();
      if (!c || c->state != SipCall::State::Proceeding || m_calls.count(c->key) == 0) return;  // cancelled meanwhile
      if (!result.ok) return sendFinal(c, 503, "Service Unavailable");
      if (result.reject) return sendFinal(c, 486, "Busy Here");
      send(c->route,
           c->lastResponse = buildSipResponse(c->invite, 180, "Ringing", c->localTag, contactHeader(c->route.tcp)));
      if (result.answerNow) answer(c->key);
    });
  });
}

void SipServer::recorded(media::RecordingResult result) {
  SipCallEvent e;
  e.kind = SipCallEvent::Kind::Recorded;
  e.callId = result.key;
  e.receivedUs = nowUs();
  e.recording = std::move(result);
  m_sink.deliver(std::move(e), [](DeliveryResult) {});
}

void SipServer::qualityReported(media::QualityReport report) {
  SipCallEvent e;
  e.kind = SipCallEvent::Kind::Quality;
  e.callId = report.key;
  e.receivedUs = nowUs();
  e.quality = std::move(report);
  m_sink.deliver(std::move(e), [](DeliveryResult) {});
}

void SipServer::answer(const std::string& key) {
  auto it = m_calls.find(key);
  if (it == m_calls.end() || it->second->state != SipCall::State::Proceeding) return;
  sendFinal(it->second, 200, "OK", it->second->sdpAnswer);
}

void SipServer::decline(const std::string& key) {
  auto it = m_calls.find(key);
  if (it == m_calls.end() || it->second->state != SipCall::State::Proceeding) return;
  sendFinal(it->second, 486, "Busy Here");
}

void SipServer::sendFinal(const std::shared_ptr<SipCall>& call, int status, std::string_view reason,
                          std::string_view body, std::string_view extraHeaders) {
  call->state = status < 300 ? SipCall::State::Answered : SipCall::State::Rejected;
  std::string extra = status < 300 ? contactHeader(call->route.tcp) : std::string();
  extra += extraHeaders;
  call->lastResponse = buildSipResponse(call->invite, status, reason, call->localTag, extra, body,
                                        body.empty() ? "" : "application/sdp");
  send(call->route, call->lastResponse);
  if (status < 300) connectMedia(call);
  call->interval = kT1;
  if (!call->route.tcp) retransmit(call);
  call->timeoutTimer.expires_after(64 * kT1);  // timer H
  std::weak_ptr<SipCall> weak = call;
  call->timeoutTimer.async_wait([this, weak](const asio::error_code& ec) {
    auto c = weak.lock();
    if (ec || !c) return;
    c->retransmitTimer.cancel();
    m_log(c->route.peerAddress,
          "sip " + c->route.peerAddress.to_string() + ": no ACK for call " + escapeForLog(c->callId));
    if (c->state == SipCall::State::Answered) {
      deliver(SipCallEvent::Kind::Failed, c);
      sendBye(c);
    } else {
      finish(c);
    }
  });
}

void SipServer::retransmit(const std::shared_ptr<SipCall>& call) {
  call->retransmitTimer.expires_after(call->interval);
  std::weak_ptr<SipCall> weak = call;
  call->retransmitTimer.async_wait([this, weak](const asio::error_code& ec) {
    auto c = weak.lock();
    if (ec || !c) return;
    if (c->state == SipCall::State::Answered || c->state == SipCall::State::Rejected) {
      send(c->route, c->lastResponse);
      c->interval = std::min(c->interval * 2, std::chrono::milliseconds(kT2));  // timer G
      retransmit(c);
    } else if (c->state == SipCall::State::Ending && !c->bye.empty()) {
      send(c->route, c->bye);
      c->interval = std::min(c->interval * 2, std::chrono::milliseconds(kT2));  // timer E
      retransmit(c);
    }
  });
}

void SipServer::onAck(const SipMessage& m) {
  // The ACK of a non-2xx final response belongs to the INVITE's transaction; the ACK of a
  // 200 is a request of its own within the dialog (RFC 3261 17.1.1.3, 13.2.2.4).
  std::shared_ptr<SipCall> call;
  if (auto it = m_inviteTransactions.find(transactionKey(m, "INVITE")); it != m_inviteTransactions.end()) {
    call = it->second;
  } else {
    call = dialogOf(m);
  }
  if (!call) return;
  if ((call->state == SipCall::State::Answered || call->state == SipCall::State::Confirmed) && call->awaitingAnswer) {
    // The answer to the offer our 200 carried.
    Description d = describeMedia(*call, m);
    if (d.status != 200 || call->awaitingAnswer) {
      m_log(call->route.peerAddress, "sip " + call->route.peerAddress.to_string() + ": call " +
                                         escapeForLog(call->callId) + ": the ACK has no usable answer to our offer");
    } else {
      connectMedia(call);
    }
  }
  if (call->state == SipCall::State::Answered) {
    call->state = SipCall::State::Confirmed;
    call->retransmitTimer.cancel();
    call->timeoutTimer.cancel();
  } else if (call->state == SipCall::State::Rejected) {
    call->retransmitTimer.cancel();
    call->timeoutTimer.expires_after(call->route.tcp ? 0s : std::chrono::seconds(kT4));  // timer I
    std::weak_ptr<SipCall> weak = call;
    call->timeoutTimer.async_wait([this, weak](const asio::error_code& ec) {
      if (auto c = weak.lock(); c && !ec) finish(c);
    });
  }
}

void SipServer::onCancel(const SipMessage& m, const SipRoute& route) {
  auto it = m_inviteTransactions.find(transactionKey(m, "INVITE"));
  if (it == m_inviteTransactions.end()) {
    return respond(route, m, buildSipResponse(m, 481, "Call/Transaction Does Not Exist", ""));
  }
  const auto call = it->second;
  respond(route, m, buildSipResponse(m, 200, "OK", call->localTag));
  if (call->state != SipCall::State::Proceeding) return;  // a final response already went out
  sendFinal(call, 487, "Request Terminated");
  deliver(SipCallEvent::Kind::Cancelled, call);
}

void SipServer::onBye(const SipMessage& m, const SipRoute& route) {
  const auto call = dialogOf(m);
  if (!call) return respond(route, m, buildSipResponse(m, 481, "Call/Transaction Does Not Exist", ""));
  respond(route, m, buildSipResponse(m, 200, "OK", call->localTag));
  if (call->state == SipCall::State::Answered || call->state == SipCall::State::Confirmed) {
    deliver(SipCallEvent::Kind::Ended, call);
  }
  finish(call);
}

void SipServer::hangUp(const std::string& key) {
  auto it = m_calls.find(key);
  if (it == m_calls.end()) return;
  if (it->second->state == SipCall::State::Proceeding) return decline(key);
  if (it->second->state == SipCall::State::Calling) return sendCancel(it->second);
  if (it->second->state == SipCall::State::Answered || it->second->state == SipCall::State::Confirmed) {
    const auto call = it->second;
    if (call->reinvite && !call->reinvite->answered) {
      // Our hold or resume is in flight: its answer is acknowledged first, then the BYE goes
      // (a peer may take a BYE before the ACK of its 2xx as the dialog going wrong). A peer
      // that does not answer within 2 s gets the BYE anyway.
      if (call->byeWanted) return;
      call->byeWanted = true;
      call->retransmitTimer.expires_after(4 * kT1);
      std::weak_ptr<SipCall> weak = call;
      call->retransmitTimer.async_wait([this, weak](const asio::error_code& ec) {
        if (auto c = weak.lock(); c && !ec) byeOnceWanted(c);
      });
      return;
    }
    sendBye(call);
  }
}

void SipServer::byeOnceWanted(const std::shared_ptr<SipCall>& call) {
  if (!call->byeWanted || call->state != SipCall::State::Confirmed) return;
  call->byeWanted = false;
  call->holdWanted.reset();
  sendBye(call);
}

void SipServer::sendBye(const std::shared_ptr<SipCall>& call) {
  call->byeBranch = "z9hG4bK" + newTag();
  m_byeTransactions[call->byeBranch] = call;
  call->bye = buildBye(dialogRequest(*call, call->byeBranch));
  call->state = SipCall::State::Ending;
  call->retransmitTimer.cancel();
  send(call->route, call->bye);
  call->interval = kT1;
  if (!call->route.tcp) retransmit(call);
  call->timeoutTimer.expires_after(64 * kT1);  // timer F
  std::weak_ptr<SipCall> weak = call;
  call->timeoutTimer.async_wait([this, weak](const asio::error_code& ec) {
    if (auto c = weak.lock(); c && !ec) finish(c);
  });
}

DialogForBye SipServer::dialogRequest(SipCall& call, const std::string& branch, std::optional<std::uint32_t> cseq) {
  if (call.dial) {
    DialogForBye d;
    d.remoteTarget = call.dial->remoteTarget.empty() ? call.dial->requestUri : call.dial->remoteTarget;
    d.localFrom = call.dial->from;
    d.remoteTo = call.dial->to;
    d.route = call.dial->routeSet;
    d.callId = call.callId;
    d.cseq = cseq ? *cseq : ++call.localCseq;
    d.via = "SIP/2.0/UDP " + m_endpoint.address.toString() + ";branch=" + branch;
    return d;
  }
  const SipMessage& inv = call.invite;
  const std::string* contact = inv.header("Contact");
  auto target = contact ? parseNameAddr(*contact) : std::nullopt;
  if (!target) target = parseNameAddr(*inv.header("From"));
  DialogForBye d;
  d.remoteTarget = target ? target->uri : inv.uri;
  d.localFrom = *inv.header("To") + ";tag=" + call.localTag;
  d.remoteTo = *inv.header("From");
  d.callId = call.callId;
  d.cseq = cseq ? *cseq : ++call.localCseq;
  d.via = std::string("SIP/2.0/") + (call.route.tcp ? "TCP " : "UDP ") + m_endpoint.address.toString() +
          ";branch=" + branch;
  return d;
}

void SipServer::hold(const std::string& key, bool hold) {
  auto it = m_calls.find(key);
  if (it == m_calls.end() || it->second->state != SipCall::State::Confirmed || !it->second->media) return;
  const auto call = it->second;
  if (call->reinvite) {
    call->holdWanted = hold;  // after the one in flight
    return;
  }
  if (call->heldByAgent == hold) return;
  call->heldByAgent = hold;
  sendReinvite(call);
}

void SipServer::sendReinvite(const std::shared_ptr<SipCall>& call) {
  media::Negotiated offer = *call->media;
  // Our side as the caller last described theirs, without receiving while held.
  offer.direction = media::answerTo(call->remoteDirection);
  if (call->heldByAgent) offer.direction = withoutReceiving(offer.direction);
  auto r = std::make_shared<SipReinvite>(m_io);
  r->call = call;
  r->hold = call->heldByAgent;
  r->branch = "z9hG4bK" + newTag();
  const DialogForBye d = dialogRequest(*call, r->branch);
  r->cseq = d.cseq;
  const std::string sdp =
      media::buildAnswer(offer, m_settings.media.address, call->rtpPort, call->sdpSession, ++call->sdpVersion);
  r->request = buildDialogRequest("INVITE", d, contactHeader(call->route.tcp) + kAllow, sdp, "application/sdp");
  call->reinvite = r;
  m_reinviteTransactions[r->branch] = r;
  send(call->route, r->request);
  if (!call->route.tcp) retransmitReinvite(r);
  r->timeout.expires_after(64 * kT1);  // timer B (and, once answered, how long the ACK is kept)
  std::weak_ptr<SipReinvite> weak = r;
  r->timeout.async_wait([this, weak](const asio::error_code& ec) {
    auto re = weak.lock();
    if (ec || !re) return;
    re->timer.cancel();
    m_reinviteTransactions.erase(re->branch);
    auto c = re->call.lock();
    if (!c || re->answered) return;
    m_log(c->route.peerAddress, "sip " + c->route.peerAddress.to_string() + ": no answer to our re-INVITE for call " +
                                    escapeForLog(c->callId) + "; the hold is undone");
    c->heldByAgent = !re->hold;
    c->reinvite.reset();
  });
}

void SipServer::retransmitReinvite(const std::shared_ptr<SipReinvite>& r) {
  r->timer.expires_after(r->interval);
  std::weak_ptr<SipReinvite> weak = r;
  r->timer.async_wait([this, weak](const asio::error_code& ec) {
    auto re = weak.lock();
    if (ec || !re || re->provisional || re->answered) return;
    if (auto c = re->call.lock()) send(c->route, re->request);
    re->interval *= 2;  // timer A doubles without a cap (RFC 3261 17.1.1.2)
    retransmitReinvite(re);
  });
}

void SipServer::onReinviteResponse(const std::shared_ptr<SipReinvite>& r, const SipMessage& m) {
  auto call = r->call.lock();
  if (!call) return;
  if (m.status < 200) {
    r->provisional = true;
    return;
  }
  if (m.status >= 300) {
    if (r->answered) return;
    r->answered = true;
    // The ACK of a final error belongs to our INVITE's transaction: its branch and CSeq.
    DialogForBye d = dialogRequest(*call, r->branch, r->cseq);
    if (const std::string* to = m.header("To")) d.remoteTo = *to;
    send(call->route, buildDialogRequest("ACK", d));
    m_log(call->route.peerAddress, "sip " + call->route.peerAddress.to_string() + ": our re-INVITE for call " +
                                       escapeForLog(call->callId) + " got " + std::to_string(m.status) +
                                       "; the hold is undone");
    call->heldByAgent = !r->hold;
  } else {
    if (r->ack.empty()) {
      // An ACK takes its INVITE's CSeq number.
      const DialogForBye d = dialogRequest(*call, "z9hG4bK" + newTag(), r->cseq);
      r->ack = buildDialogRequest("ACK", d);
    }
    send(call->route, r->ack);  // for every copy of the 2xx
    if (r->answered) return;
    r->answered = true;
    auto answer = media::parseAudioStream(m.body);
    std::optional<media::Negotiated> agreed;
    // (remoteDirection stays as the caller's own offers set it: an answer to our hold says
    // recvonly because of the hold, not because the caller wants it.)
    if (auto* stream = std::get_if<media::AudioStream>(&answer))
      agreed = media::negotiate(*stream, media::supportedCodecs());
    if (agreed) {
      agreed->ptimeMs = 20;
      if (call->heldByAgent) agreed->direction = withoutReceiving(agreed->direction);
      call->media = *agreed;
      connectMedia(call);
    } else {
      m_log(call->route.peerAddress, "sip " + call->route.peerAddress.to_string() +
                                         ": the answer to our re-INVITE for call " + escapeForLog(call->callId) +
                                         " is not usable; the media stays as it was");
    }
  }
  r->timer.cancel();
  call->reinvite.reset();
  if (call->byeWanted) return byeOnceWanted(call);
  if (call->holdWanted) {
    const bool wanted = *call->holdWanted;
    call->holdWanted.reset();
    if (wanted != call->heldByAgent) {
      call->heldByAgent = wanted;
      sendReinvite(call);
    }
  }
}

void SipServer::onResponse(const SipMessage& m) {
  if (auto dial = m_dialTransactions.find(m.topViaBranch()); dial != m_dialTransactions.end()) {
    const auto call = dial->second;  // a copy: a challenge's answer replaces the map's entry
    return onDialResponse(call, m);
  }
  if (auto re = m_reinviteTransactions.find(m.topViaBranch()); re != m_reinviteTransactions.end()) {
    return onReinviteResponse(re->second, m);
  }
  if (auto refer = m_referTransactions.find(m.topViaBranch()); refer != m_referTransactions.end()) {
    return onReferResponse(refer->second, m);
  }
  auto it = m_byeTransactions.find(m.topViaBranch());
  if (it == m_byeTransactions.end()) return;
  const auto call = it->second;
  if (call->state == SipCall::State::Ending && m.status >= 200) finish(call);
}

void SipServer::finish(const std::shared_ptr<SipCall>& call) {
  call->retransmitTimer.cancel();
  call->timeoutTimer.cancel();
  if (auto it = m_calls.find(call->key); it != m_calls.end() && it->second == call) m_calls.erase(it);
  if (auto it = m_inviteTransactions.find(call->inviteTransaction);
      it != m_inviteTransactions.end() && it->second == call) {
    m_inviteTransactions.erase(it);
  }
  if (!call->byeBranch.empty()) m_byeTransactions.erase(call->byeBranch);
  if (call->dial) m_dialTransactions.erase(call->dial->branch);
  if (call->refer) endRefer(*call);
  if (m_media && call->rtpReserved) {
    call->rtpReserved = false;
    m_media->release(call->key);
  }
}

// --- Blind transfer ----------------------------------------------------------------------

void SipServer::transfer(const std::string& key, const std::string& target) {
  auto it = m_calls.find(key);
  if (it == m_calls.end() || it->second->state != SipCall::State::Confirmed) {
    return transferFailed(key, target, 0, "the call is no longer connected");
  }
  const auto call = it->second;
  if (call->refer) return transferFailed(key, target, 0, "a transfer of this call is already under way");
  std::string domain = m_settings.sipTransferDomain;
  if (domain.empty()) {
    if (auto from = parseNameAddr(*call->invite.header("From"))) domain = uriHost(from->uri);
  }
  const ReferTo referTo = referToUri(target, domain);
  if (!referTo.error.empty()) return transferFailed(key, target, 0, referTo.error);
  sendRefer(call, referTo.uri, referTo.uri, {});
}

// Attended transfer (RFC 5589 section 7): the agent has the caller on hold and the target
// on the consultation call they placed. The REFER goes to the caller's phone with the
// target's URI and a Replaces of our dialog with the target: the caller's phone calls the
// target, which swaps our consultation for it. Once the caller's phone reports the target
// answered, both of our legs end.
void SipServer::transferToConsult(const std::string& key, const std::string& consultKey) {
  auto it = m_calls.find(key);
  auto consult = m_calls.find(consultKey);
  const std::string shown = consult != m_calls.end() && consult->second->dial ? consult->second->dial->requestUri
                                                                              : std::string("the consultation");
  if (it == m_calls.end() || it->second->state != SipCall::State::Confirmed) {
    return transferFailed(key, shown, 0, "the call is no longer connected");
  }
  if (consult == m_calls.end() || consult->second->state != SipCall::State::Confirmed || !consult->second->dial) {
    return transferFailed(key, shown, 0, "the consultation call is no longer connected");
  }
  if (it->second->refer) return transferFailed(key, shown, 0, "a transfer of this call is already under way");
  const SipCall& c = *consult->second;
  sendRefer(it->second, shown, referToWithReplaces(c.dial->requestUri, c.callId, c.dial->remoteTag, c.localTag),
            consultKey);
}

void SipServer::sendRefer(const std::shared_ptr<SipCall>& call, const std::string& target, const std::string& referTo,
                          const std::string& consultKey) {
  auto r = std::make_shared<SipRefer>(m_io);
  r->call = call;
  r->target = target;
  r->consultKey = consultKey;
  r->branch = "z9hG4bK" + newTag();
  const DialogForBye d = dialogRequest(*call, r->branch);
  r->request = buildDialogRequest("REFER", d,
                                  "Refer-To: <" + referTo + ">\r\nReferred-By: <sip:frontline@" +
                                      m_endpoint.address.toString() + ">\r\n" + contactHeader(call->route.tcp));
  call->refer = r;
  m_referTransactions[r->branch] = r;
  send(call->route, r->request);
  if (!call->route.tcp) resendRefer(r);
  r->timeout.expires_after(64 * kT1);  // timer F, then the wait for the final NOTIFY
  std::weak_ptr<SipRefer> weak = r;
  r->timeout.async_wait([this, weak](const asio::error_code& ec) {
    auto re = weak.lock();
    if (ec || !re) return;
    auto c = re->call.lock();
    if (!c || c->refer != re) return;
    referOutcome(c, 0,
                 re->accepted ? "the caller's phone never said whether the transfer target answered"
                              : "no answer to the transfer request (REFER)");
  });
}

void SipServer::resendRefer(const std::shared_ptr<SipRefer>& r) {
  r->timer.expires_after(r->interval);
  std::weak_ptr<SipRefer> weak = r;
  r->timer.async_wait([this, weak](const asio::error_code& ec) {
    auto re = weak.lock();
    if (ec || !re || re->answered) return;
    if (auto c = re->call.lock()) send(c->route, re->request);
    re->interval = std::min(re->interval * 2, std::chrono::milliseconds(kT2));  // timer E
    resendRefer(re);
  });
}

void SipServer::onReferResponse(const std::shared_ptr<SipRefer>& r, const SipMessage& m) {
  auto call = r->call.lock();
  if (!call || m.status < 200 || r->answered) return;
  r->answered = true;
  r->timer.cancel();
  m_referTransactions.erase(r->branch);
  if (call->refer != r) return;  // the outcome came first, in a NOTIFY that overtook this
  if (m.status >= 300) {
    return referOutcome(call, m.status, m.reason.empty() ? "the transfer was refused" : m.reason);
  }
  r->accepted = true;
}

void SipServer::onNotify(const SipMessage& m, const SipRoute& route) {
  const auto call = dialogOf(m);
  if (!call) return respond(route, m, buildSipResponse(m, 481, "Call/Transaction Does Not Exist", ""));
  const std::string* event = m.header("Event");
  std::string package = event ? event->substr(0, event->find(';')) : std::string();
  while (!package.empty() && package.back() == ' ') package.pop_back();
  if (package != "refer") {
    return respond(route, m, buildSipResponse(m, 489, "Bad Event", call->localTag, "Allow-Events: refer\r\n"));
  }
  respond(route, m, buildSipResponse(m, 200, "OK", call->localTag));
  if (!call->refer) return;  // a report on a transfer already settled
  const std::string* state = m.header("Subscription-State");
  const bool terminated = state && state->rfind("terminated", 0) == 0;
  const auto frag = parseSipFrag(m.body);
  if (frag && frag->status >= 200) return referOutcome(call, frag->status, frag->reason);
  if (terminated) referOutcome(call, 0, "the caller's phone ended its report without an outcome");
}

void SipServer::referOutcome(const std::shared_ptr<SipCall>& call, int status, const std::string& reason) {
  const std::string target = call->refer->target;
  const std::string consultKey = call->refer->consultKey;
  endRefer(*call);
  if (status >= 200 && status < 300) {
    SipCallEvent e = eventOf(SipCallEvent::Kind::Transferred, *call);
    e.transferTarget = target;
    e.transferStatus = status;
    e.transferReason = reason;
    m_sink.deliver(std::move(e), [](DeliveryResult) {});
    // RFC 5589 6.1: the transferor ends its own leg once the transfer succeeded; after an
    // attended one, the consultation too, unless the target already ended it (7.1: the
    // target, having accepted the Replaces, sends its own BYE; a crossing one is harmless).
    if (call->state == SipCall::State::Confirmed) sendBye(call);
    if (auto consult = m_calls.find(consultKey);
        !consultKey.empty() && consult != m_calls.end() && consult->second->state == SipCall::State::Confirmed) {
      sendBye(consult->second);
    }
    return;
  }
  m_log(call->route.peerAddress, "sip " + call->route.peerAddress.to_string() + ": call " + escapeForLog(call->callId) +
                                     ": transfer to " + escapeForLog(target) +
                                     " failed: " + (status ? std::to_string(status) + " " : "") + escapeForLog(reason));
  transferFailed(call->key, target, status, reason);
}

void SipServer::endRefer(SipCall& call) {
  call.refer->timer.cancel();
  call.refer->timeout.cancel();
  if (!call.refer->answered) m_referTransactions.erase(call.refer->branch);
  call.refer.reset();
}

void SipServer::transferFailed(const std::string& key, const std::string& target, int status,
                               const std::string& reason) {
  SipCallEvent e;
  e.kind = SipCallEvent::Kind::TransferFailed;
  e.callId = key;
  e.receivedUs = nowUs();
  e.transferTarget = target;
  e.transferStatus = status;
  e.transferReason = reason;
  m_sink.deliver(std::move(e), [](DeliveryResult) {});
}

}  // namespace frontline::telephony
