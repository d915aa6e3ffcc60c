// SIP user agent server over UDP and TCP on one address. Internal to telephony.
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ip/udp.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "peer_limiter.h"
#include "peer_log.h"
#include "sip/sip_response_cache.h"
#include "telephony/listeners.h"
#include "telephony/media/media_engine.h"
#include "telephony/sip/sip_message.h"

namespace frontline::telephony {

class TcpConnection;
struct SipCall;
struct SipReinvite;
struct SipRefer;
struct DialogForBye;

// Where the responses to a message go back to.
struct SipRoute {
  bool tcp = false;
  asio::ip::udp::endpoint udpPeer;
  std::weak_ptr<TcpConnection> connection;
  asio::ip::address peerAddress;
};

class SipServer {
 public:
  SipServer(asio::io_context& io, const ListenerEndpoint& endpoint, const ListenerSettings& settings,
            PeerLimiter& limiter, ContactSink& sink, PeerLog& log, media::MediaEngine* media);
  ~SipServer();
  void start();
  const ListenAddress& address() const { return m_endpoint.address; }
  std::vector<std::string> describe() const;

  // Agent actions on a ringing or connected call (network thread), by the call's key
  // (SipCallEvent::callId: the Call-ID, with the caller's From tag when there is one).
  void answer(const std::string& key);
  void decline(const std::string& key);
  void hangUp(const std::string& key);
  // Puts the call on hold (a re-INVITE offering sendonly: the caller hears music on hold,
  // nothing of the agent) or takes it off hold (sendrecv).
  void hold(const std::string& key, bool hold);
  // Blind transfer (a REFER to `target`: a number, an extension or a SIP address): the
  // outcome comes to the desk as Transferred (and our BYE) or TransferFailed.
  void transfer(const std::string& key, const std::string& target);
  // Attended transfer: the call `key` (held) to the target of the consultation call
  // `consultKey` (one we placed, answered): REFER with Replaces. The outcome comes back as
  // for a blind transfer; on success both calls end.
  void transferToConsult(const std::string& key, const std::string& consultKey);
  // Places a call through sip.outbound_proxy (sip_outbound.cpp); its progress comes to the
  // desk as Alerting, Connected or Unanswered, then as any call's events.
  void dial(const OutboundCall& call);
  // Resolves sip.outbound_proxy (at start; throws naming the key and why).
  void resolveOutboundProxy();
  // A call's recording closed by the media thread: delivered as a Recorded event.
  void recorded(media::RecordingResult result);
  // A call's quality grade changed or its media ended: a Quality event for the desk.
  void qualityReported(media::QualityReport report);

  // From the transports: one complete message (a datagram or a TCP frame).
  void onMessage(std::string_view bytes, const SipRoute& route, std::int64_t steadyNs);
  void send(const SipRoute& route, std::string bytes);
  PeerLog& log() { return m_log; }
  const ListenerSettings& settings() const { return m_settings; }
  PeerLimiter& limiter() { return m_limiter; }

 private:
  void receiveUdp();
  // Calls we place (sip_outbound.cpp).
  std::string outboundDomain() const;
  void sendInvite(const std::shared_ptr<SipCall>& call, std::string_view authorization = {});
  void resendInvite(const std::shared_ptr<SipCall>& call);
  void onDialResponse(const std::shared_ptr<SipCall>& call, const SipMessage& m);
  void onDialAnswered(const std::shared_ptr<SipCall>& call, const SipMessage& m);
  void ackFinalError(SipCall& call, const SipMessage& m);
  bool answerChallenge(const std::shared_ptr<SipCall>& call, const SipMessage& m);
  void sendCancel(const std::shared_ptr<SipCall>& call);
  void unanswered(const std::shared_ptr<SipCall>& call, int status, const std::string& reason);
  void acceptTcp();
  void onInvite(const SipMessage& m, const SipRoute& route, std::int64_t steadyNs);
  void onReinvite(const std::shared_ptr<SipCall>& call, const SipMessage& m, const SipRoute& route);
  // Our SDP for a 200 to `request` (the answer to its offer, or our offer when it has
  // none); on failure the status (488) and a Warning header saying why, the call's media
  // as it was.
  struct Description {
    std::string sdp;
    int status = 200;
    std::string warning;
  };
  Description describeMedia(SipCall& call, const SipMessage& request);
  void connectMedia(const std::shared_ptr<SipCall>& call);
  void onAck(const SipMessage& m);
  std::shared_ptr<SipCall> dialogOf(const SipMessage& m) const;
  // Sends the final response to a non-INVITE request and, over UDP, keeps it for timer J.
  void respond(const SipRoute& route, const SipMessage& request, std::string response);
  void onCancel(const SipMessage& m, const SipRoute& route);
  void onBye(const SipMessage& m, const SipRoute& route);
  void onResponse(const SipMessage& m);
  void sendFinal(const std::shared_ptr<SipCall>& call, int status, std::string_view reason, std::string_view body = {},
                 std::string_view extraHeaders = {});
  void retransmit(const std::shared_ptr<SipCall>& call);
  void sendBye(const std::shared_ptr<SipCall>& call);
  void byeOnceWanted(const std::shared_ptr<SipCall>& call);  // the BYE held back for our re-INVITE
  // Our next request in the call's dialog: CSeq (the next one, or `cseq` for an ACK), a
  // new branch, the caller's Contact.
  DialogForBye dialogRequest(SipCall& call, const std::string& branch,
                             std::optional<std::uint32_t> cseq = std::nullopt);
  void sendReinvite(const std::shared_ptr<SipCall>& call);
  void retransmitReinvite(const std::shared_ptr<SipReinvite>& r);
  void onReinviteResponse(const std::shared_ptr<SipReinvite>& r, const SipMessage& m);
  void sendRefer(const std::shared_ptr<SipCall>& call, const std::string& target, const std::string& referTo,
                 const std::string& consultKey);
  void resendRefer(const std::shared_ptr<SipRefer>& r);
  void onReferResponse(const std::shared_ptr<SipRefer>& r, const SipMessage& m);
  void onNotify(const SipMessage& m, const SipRoute& route);
  // The transfer settled: `status` is the final status the caller's phone reported (0:
  // none, `reason` says why).
  void referOutcome(const std::shared_ptr<SipCall>& call, int status, const std::string& reason);
  void endRefer(SipCall& call);
  void transferFailed(const std::string& key, const std::string& target, int status, const std::string& reason);
  void finish(const std::shared_ptr<SipCall>& call);
  SipCallEvent eventOf(SipCallEvent::Kind kind, const SipCall& call) const;
  void deliver(SipCallEvent::Kind kind, const std::shared_ptr<SipCall>& call);
  std::string contactHeader(bool tcp) const;
  std::string newTag();

  asio::io_context& m_io;
  ListenerEndpoint m_endpoint;
  const ListenerSettings& m_settings;
  PeerLimiter& m_limiter;
  ContactSink& m_sink;
  PeerLog& m_log;
  media::MediaEngine* m_media;  // null: signalling only (sip.media = false)
  asio::ip::udp::socket m_udp;
  asio::ip::tcp::acceptor m_tcp;
  asio::ip::udp::endpoint m_udpSender;
  std::string m_udpBuffer;
  // Network thread only. Each call is one INVITE server transaction and the dialog it
  // creates: found by its key (Call-ID and the caller's tag, which is also the desk's id;
  // our To tag is checked against the request's), by its INVITE transaction (top Via
  // branch and sent-by: retransmissions, CANCEL, the ACK of a non-2xx), and by our BYE's
  // branch (its response).
  std::map<std::string, std::shared_ptr<SipCall>> m_calls;
  std::unordered_map<std::string, std::shared_ptr<SipCall>> m_inviteTransactions;
  std::unordered_map<std::string, std::shared_ptr<SipCall>> m_byeTransactions;
  std::unordered_map<std::string, std::shared_ptr<SipReinvite>> m_reinviteTransactions;  // ours, by branch
  std::unordered_map<std::string, std::shared_ptr<SipRefer>> m_referTransactions;        // ours, by branch
  std::unordered_map<std::string, std::shared_ptr<SipCall>> m_dialTransactions;          // our INVITEs, by branch
  std::optional<asio::ip::udp::endpoint> m_proxy;  // sip.outbound_proxy, resolved at start
  SipResponseCache m_responses;
  std::uint64_t m_tagState;
};

}  // namespace frontline::telephony
