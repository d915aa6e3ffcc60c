// The network side of Frontline: SMTP, LMTP (and, as they land, the CTI webhook and SIP)
// listeners on one Asio io_context thread. They frame and parse untrusted bytes, answer
// protocol-level replies themselves, and hand each contact to a ContactSink (the desk),
// acknowledging only after the sink reports a durable commit.
//
// Thread: start() spawns the network thread; everything else in the listeners runs on it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "telephony/contact_event.h"
#include "telephony/limits.h"
#include "telephony/media/media_engine.h"
#include "telephony/network_address.h"
#include "telephony/sip/sip_digest.h"

namespace frontline::telephony {

struct ListenerEndpoint {
  ListenAddress address;
  std::vector<CidrBlock> allow;  // empty: nobody may connect
};

// Calls the agent places: every INVITE goes to the PBX or trunk at `proxy` over UDP,
// which may challenge it (digest; the accounts come from sip.password_file).
struct OutboundSettings {
  std::string proxy;               // "pbx.example.com:5060", "192.0.2.10" (port 5060); empty: no calls out
  std::string domain;              // the host in the Request-URI and our From; empty: the proxy's host
  std::string user = "frontline";  // our From's user part (often the PBX account)
  SipCredentials credentials;
  std::chrono::seconds ringTimeout{60};  // then CANCEL: "no answer"
};

struct ListenerSettings {
  std::string hostname = "frontline.local";  // in SMTP greetings
  std::optional<ListenerEndpoint> smtp;
  std::optional<ListenerEndpoint> lmtp;
  std::optional<ListenerEndpoint> cti;
  std::optional<ListenerEndpoint> sip;  // UDP and TCP on the same address
  media::MediaSettings media;           // the calls' audio (RTP ports, device)
  std::string sipTransferDomain;        // where a transfer to a bare number goes; empty: the caller's From host
  OutboundSettings outbound;
  std::string ctiToken;  // empty: every webhook request gets 401
  ListenerLimits limits;
};

// Where the listeners report refusals and protocol errors (peer bytes already escaped).
using LogFunction = std::function<void(const std::string& line)>;

class Listeners : public CallControl {
 public:
  Listeners(ListenerSettings settings, ContactSink& sink, LogFunction log);
  ~Listeners() override;  // stops the network thread
  Listeners(const Listeners&) = delete;
  Listeners& operator=(const Listeners&) = delete;

  // Binds every configured listener (throws std::runtime_error naming the address that
  // could not be bound) and starts the network thread.
  void start();
  void stop();
  // "SMTP 127.0.0.1:2525" ... for the status line, with the ports actually bound.
  std::vector<std::string> describe() const;
  // The addresses actually bound (after start), for local clients such as demo traffic.
  std::optional<ListenAddress> sipAddress() const;
  std::optional<ListenAddress> smtpAddress() const;
  std::optional<ListenAddress> ctiAddress() const;

  // Agent actions on a SIP call by Call-ID; safe from any thread (run on the network
  // thread): answer with 200 and SDP, decline with 486, hang up (BYE, or 486 if ringing).
  void answerCall(const std::string& callId) override;
  void declineCall(const std::string& callId) override;
  void hangUpCall(const std::string& callId) override;
  std::optional<media::CallQuality> callQuality(const std::string& callId) const override;
  void pauseRecording(const std::string& callId, bool paused) override;
  void muteCall(const std::string& callId, bool muted) override;
  void holdCall(const std::string& callId, bool hold) override;
  void transferCall(const std::string& callId, const std::string& target) override;
  void transferToConsult(const std::string& callId, const std::string& consultCallId) override;
  void sendDtmf(const std::string& callId, const std::string& digits) override;
  std::string dialError() const override;
  void dialCall(const OutboundCall& call) override;
  // The audio device in use ("null", "file:in.wav,out.wav"), or "off" (sip.media = false).
  std::string audioDevice() const;
  // Its audio.device spec ("pulse:SINK,SOURCE"); empty without call audio.
  std::string audioDeviceSpec() const;
  // The agent chose another headset (see MediaEngine::setDevice): blocks while the sound
  // server opens it, so never from the UI thread. Returns why it could not be ("" when done).
  std::string setAudioDevice(const std::string& spec);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace frontline::telephony
