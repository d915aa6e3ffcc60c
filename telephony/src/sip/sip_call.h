// The state the SIP server keeps per call and per client transaction of ours. Internal to
// telephony: sip_server.cpp (calls that come in) and sip_outbound.cpp (calls we place).
#pragma once

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sip/sip_server.h"
#include "telephony/media/sdp.h"
#include "telephony/sip/sip_message.h"

namespace frontline::telephony {

using namespace std::chrono_literals;

inline constexpr auto kT1 = 500ms;
inline constexpr auto kT2 = 4s;
inline constexpr auto kT4 = 5s;

struct SipDial;

struct SipCall {
  // An incoming call: Proceeding, then Answered (our 200 sent) or Rejected, then Confirmed
  // by the ACK. A call we place: Calling until its INVITE has a final response, then
  // Confirmed (we sent the ACK of its 2xx). Ending once our BYE is out.
  enum class State { Proceeding, Answered, Confirmed, Rejected, Ending, Calling };
  SipCall(asio::io_context& io) : retransmitTimer(io), timeoutTimer(io) {}
  std::string key;  // see callKey
  std::string callId;
  SipMessage invite;
  std::string inviteTransaction;  // see transactionKey
  SipRoute route;
  std::string localTag;
  State state = State::Proceeding;
  std::string lastResponse;  // resent to INVITE retransmissions and on timer G
  std::chrono::milliseconds interval = kT1;
  asio::steady_timer retransmitTimer;  // G (final responses), E (our BYE)
  asio::steady_timer timeoutTimer;     // H, I, F
  std::string sdpAnswer;
  std::optional<media::Negotiated> media;  // as agreed (nullopt until an offer is answered)
  bool awaitingAnswer = false;             // our 200 carried the offer: the ACK brings the answer
  bool rtpReserved = false;
  std::uint16_t rtpPort = 0;
  std::uint64_t sdpSession = 0;
  std::uint64_t sdpVersion = 0;
  bool heldByCaller = false;
  media::Direction remoteDirection = media::Direction::SendRecv;  // as the caller last described its side
  bool heldByAgent = false;
  std::optional<bool> holdWanted;         // asked for while our re-INVITE was in flight
  std::shared_ptr<SipReinvite> reinvite;  // ours, while it is unanswered
  bool byeWanted = false;                 // hung up while our re-INVITE was in flight: BYE once answered
  std::shared_ptr<SipRefer> refer;        // our transfer, until its outcome is known
  std::uint32_t localCseq = 0;            // our requests in the dialog
  std::string bye;                        // our BYE, while it is unanswered
  std::string byeBranch;
  std::int64_t receivedUs = 0;
  std::int64_t receivedSteadyNs = 0;
  std::shared_ptr<SipDial> dial;  // a call we place: our INVITE and the dialog it made
};

// Our re-INVITE (hold, resume): its client transaction, then the ACK of its 2xx.
struct SipReinvite {
  explicit SipReinvite(asio::io_context& io) : timer(io), timeout(io) {}
  std::weak_ptr<SipCall> call;
  std::string branch;
  std::string request;
  std::uint32_t cseq = 0;
  bool hold = false;         // what it asks for
  bool provisional = false;  // a 1xx came: stop resending
  bool answered = false;     // a final response came
  std::string ack;           // for the 2xx (resent for each retransmitted 2xx)
  std::chrono::milliseconds interval = kT1;
  asio::steady_timer timer;    // A
  asio::steady_timer timeout;  // B, then how long the ACK is kept
};

// Our REFER (a transfer, blind or attended): its client transaction, then the wait for the
// outcome.
struct SipRefer {
  explicit SipRefer(asio::io_context& io) : timer(io), timeout(io) {}
  std::weak_ptr<SipCall> call;
  std::string branch;
  std::string request;
  std::string target;      // the transfer target's URI (what the events name)
  std::string consultKey;  // attended: the consultation call whose dialog the Refer-To replaces
  bool accepted = false;   // a 2xx to the REFER came
  bool answered = false;   // a final response to the REFER came
  std::chrono::milliseconds interval = kT1;
  asio::steady_timer timer;    // E
  asio::steady_timer timeout;  // F, then how long we wait for the final NOTIFY
};

// A call we place (sip_outbound.cpp): our INVITE's client transaction (RFC 3261 17.1.1),
// then the dialog its 2xx makes. Timer A resends the INVITE on the call's retransmitTimer;
// timer B, then the ring timeout, run on its timeoutTimer.
struct SipDial {
  std::string requestUri;             // sip:NUMBER@domain
  std::string from;                   // our From header, with our tag
  std::string to;                     // the To header as sent; with the callee's tag once answered
  std::string dialled;                // the number as the agent's desk gave it
  std::string remoteTag;              // the callee's, from the 2xx
  std::string remoteTarget;           // the callee's Contact URI, from the 2xx
  std::vector<std::string> routeSet;  // the 2xx's Record-Route, last first (RFC 3261 12.1.2)
  std::string branch;                 // the INVITE now in flight (a new one after a challenge)
  std::uint32_t cseq = 1;
  std::string request;
  std::string ack;            // of the 2xx: sent again for each retransmitted 2xx
  std::string cancel;         // our CANCEL, once sent
  bool provisional = false;   // a 1xx came: timer A stops, a CANCEL may go
  bool ringing = false;       // the desk was told the customer's phone rings
  bool cancelWanted = false;  // the agent hung up before any 1xx: CANCEL when one comes
  int challenges = 0;         // 401/407 answered so far
  std::uint32_t nonceCount = 0;
};

}  // namespace frontline::telephony
