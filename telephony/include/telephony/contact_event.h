// What the listeners hand to the desk: one ContactEvent per thing a customer or the PBX
// did, parsed from untrusted bytes on the network thread. The desk records it and calls
// the DeliveryCallback once it is durably committed (or failed); only then do the
// listeners acknowledge (SMTP 250, HTTP 2xx).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "telephony/media/media_engine.h"

namespace frontline::telephony {

struct EmailAttachment {
  std::string name;
  std::string contentType;
  std::size_t sizeBytes = 0;  // decoded size
};

struct ReceivedEmail {
  std::string protocol;  // "smtp" or "lmtp"
  std::string peer;      // client IP address
  std::string envelopeFrom;
  std::vector<std::string> envelopeRecipients;
  std::string fromAddress;  // From: header mailbox, as written
  std::string fromName;     // display name, decoded to UTF-8
  std::vector<std::string> to;
  std::string subject;    // decoded to UTF-8 (RFC 2047, any charset)
  std::string messageId;  // without angle brackets
  std::string inReplyTo;
  std::vector<std::string> references;
  std::string bodyText;  // text/plain preferred, else HTML reduced to text; UTF-8
  bool bodyFromHtml = false;
  std::vector<EmailAttachment> attachments;
  std::size_t sizeBytes = 0;
  std::int64_t receivedUs = 0;
};

// The generic CTI event format that PBX bridges post to the webhook.
struct CtiEvent {
  // Transcript: one line of the call's speech-to-text, posted as it is spoken (or after the
  // call, in order); the customer's lines are their words for the emotion index.
  enum class Kind { NewCall, Answer, Hangup, Transcript };
  Kind kind = Kind::NewCall;
  std::string from;
  std::string to;
  std::string direction;  // in | out
  std::string callId;
  std::vector<std::string> users;
  std::string queue;
  std::string cause;  // normalClearing, busy, cancel, noAnswer, congestion, notFound, forwarded
  std::string answeringNumber;
  std::string speaker;  // Transcript: customer | agent
  std::string text;     // Transcript: what they said, UTF-8
  std::string peer;
  std::int64_t receivedUs = 0;
};

// A SIP call's life as the listeners see it.
struct SipCallEvent {
  enum class Kind {
    Offered,         // an INVITE arrived (100 Trying already sent); reply decides 180/200/486
    Cancelled,       // CANCEL before any final response (487 sent)
    Ended,           // BYE from the caller (200 sent)
    Failed,          // our final response was never acknowledged (timer H)
    Held,            // the caller put us on hold (a re-INVITE: sendonly or inactive)
    Resumed,         // and took us off it
    Recorded,        // the call's recording is closed (recording holds it); after Ended
    Quality,         // the call's quality grade changed, or its media ended (quality holds it)
    Transferred,     // the caller's phone reached the transfer target (NOTIFY 2xx); our BYE follows
    TransferFailed,  // the transfer did not happen (refused, busy, no answer): the call goes on
    // A call the agent placed (CallControl::dialCall):
    Alerting,    // the customer's phone rings (180 or 183 to our INVITE)
    Connected,   // the customer answered (a 2xx; our ACK sent, the media runs)
    Unanswered,  // not reached: busy, no answer, refused, the PBX unreachable (finalStatus, finalReason)
  };
  Kind kind = Kind::Offered;
  std::string callId;          // SIP Call-ID
  std::string callerUser;      // user part of P-Asserted-Identity, else From ("+4420...", "anonymous")
  std::string callerName;      // display name, unquoted
  std::string identitySource;  // "P-Asserted-Identity" or "From"
  std::string calledUser;      // user part of the Request-URI / To
  std::string transport;       // "udp" or "tcp"
  std::string peer;
  std::int64_t receivedUs = 0;
  std::int64_t receivedSteadyNs = 0;                // steady clock at receipt of the bytes, for wire-to-view latency
  std::optional<media::RecordingResult> recording;  // Recorded only
  std::optional<media::QualityReport> quality;      // Quality only
  std::string transferTarget;  // Transferred, TransferFailed: the Refer-To URI (or what the agent typed)
  int transferStatus = 0;      // the final status the caller's phone reported (0: none)
  std::string transferReason;  // its reason phrase, or why there was none
  int finalStatus = 0;         // Unanswered: the final status our INVITE got (0: none came)
  std::string finalReason;     // its reason phrase, or why there was none
};

using ContactEvent = std::variant<ReceivedEmail, CtiEvent, SipCallEvent>;

struct DeliveryResult {
  bool ok = false;            // recorded durably
  std::string interactionId;  // the interaction it became part of
  bool reject = false;        // the caller is on the block list, or nobody can take the call
  std::string rejectReason;   // "busy"
  bool answerNow = false;     // SIP: answer at once (desk.auto_answer)
  std::string error;          // why it was not recorded (ok == false)
  bool unknownCall = false;   // ... a CTI transcript line for no call we know (HTTP 404)
};

using DeliveryCallback = std::function<void(DeliveryResult)>;

// Implemented by the desk. deliver() is called on the network thread and must not block;
// `done` may be called from any thread, exactly once.
class ContactSink {
 public:
  virtual ~ContactSink() = default;
  virtual void deliver(ContactEvent event, DeliveryCallback done) = 0;
};

// A call the agent places through sip.outbound_proxy. The desk chooses the Call-ID and our
// From tag, so that it can record the call (external id "sip:" + key()) before the INVITE
// leaves; the outcome comes back as SipCallEvents with that key.
struct OutboundCall {
  std::string callId;
  std::string fromTag;
  std::string number;     // what to dial: a number, an extension or a SIP address
  std::string agentName;  // the display name in our From
  std::string key() const { return callId + ";from-tag=" + fromTag; }
};

// What the desk may ask of a SIP call it has recorded (implemented by Listeners).
// Safe to call from any thread; the action runs on the network thread.
class CallControl {
 public:
  virtual ~CallControl() = default;
  virtual void answerCall(const std::string& callId) = 0;   // 200 OK with SDP
  virtual void declineCall(const std::string& callId) = 0;  // 486 Busy Here
  virtual void hangUpCall(const std::string& callId) = 0;   // BYE within the dialog
  // Holds the call (re-INVITE sendonly, music on hold) or takes it off hold.
  virtual void holdCall(const std::string& callId, bool hold) {
    (void)callId;
    (void)hold;
  }
  // Blind transfer to a number, an extension or a SIP address (RFC 3515 REFER); the
  // outcome comes back as a SipCallEvent (Transferred or TransferFailed).
  virtual void transferCall(const std::string& callId, const std::string& target) {
    (void)callId;
    (void)target;
  }
  // Attended transfer: the call (on hold) to the target of the consultation call the agent
  // placed and the target answered (REFER with Replaces, RFC 5589 section 7). The outcome
  // comes back as for a blind transfer; on success both calls end.
  virtual void transferToConsult(const std::string& callId, const std::string& consultCallId) {
    (void)callId;
    (void)consultCallId;
  }
  // Sends DTMF digits to the caller (RFC 4733 events).
  virtual void sendDtmf(const std::string& callId, const std::string& digits) {
    (void)callId;
    (void)digits;
  }
  // Pauses or resumes the call's recording (card payments): silence is recorded meanwhile.
  virtual void pauseRecording(const std::string& callId, bool paused) {
    (void)callId;
    (void)paused;
  }
  // Mutes or unmutes the agent's microphone on the call (the caller hears silence).
  virtual void muteCall(const std::string& callId, bool muted) {
    (void)callId;
    (void)muted;
  }
  // Why this console cannot place calls ("" when it can): no sip.outbound_proxy, no SIP.
  virtual std::string dialError() const { return "this console places no calls"; }
  // Places a call (an INVITE through sip.outbound_proxy, answering its digest challenge).
  virtual void dialCall(const OutboundCall& call) { (void)call; }
  // How the call sounds both ways while its media runs (nullopt: no media, or not yet).
  virtual std::optional<media::CallQuality> callQuality(const std::string& callId) const {
    (void)callId;
    return std::nullopt;
  }
};

}  // namespace frontline::telephony
