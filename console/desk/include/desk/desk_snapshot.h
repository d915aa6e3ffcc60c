// What the UI renders: an immutable picture of the desk, published as
// shared_ptr<const DeskSnapshot> by the desk thread after every change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "desk/agent_state.h"
#include "desk/contact_state.h"
#include "store/call_transcript.h"
#include "store/callbacks.h"
#include "store/contact_emotion.h"
#include "store/customer_search.h"
#include "store/customer_view.h"
#include "store/projections.h"
#include "store/sla.h"
#include "store/store_summary.h"

namespace frontline::desk {

// The agent's customer search (Ctrl+F): the customers found, and the one opened.
struct CustomerLookup {
  std::string query;                          // what the user typed
  std::string normalised;                     // E.164 or lowercase email when the text is an address
  std::vector<store::CustomerMatch> matches;  // by address, order number or name prefix
  std::optional<store::CustomerView> view;    // the customer opened (the only or the chosen match)
  std::string error;                          // why nothing could be searched
};

// A contact waiting for the agent: a ringing call or an email nobody has opened.
struct QueuedContact {
  std::string interactionId;
  Channel channel = Channel::Voice;
  std::string address;   // E.164, email address or "anonymous"
  std::string name;      // the customer's name; else the name the network or sender gave
  bool known = false;    // a customer owns the address
  std::string quadrant;  // the customer's value x loyalty quadrant, for the badge
  std::string subject;   // emails
  std::int64_t offeredUs = 0;
  std::int64_t dueUs = 0;  // emails: when the first response is due
};

// The contact in front of the agent (a call or an email): who it is, their CustomerView,
// and where the contact stands.
struct ContactPop {
  std::string interactionId;
  Channel channel = Channel::Voice;
  std::string callerAddress;                      // E.164, email, "anonymous", or what the network sent
  std::string callerName;                         // the network's display name or the sender's name
  std::string subject;                            // emails
  std::optional<store::CustomerView> view;        // empty: unknown caller (until linked)
  ContactStatus status = ContactStatus::Ringing;  // the interaction's, as the agent sees it
  std::string outcome;                            // open, answered, missed, cancelled, declined
  std::int64_t offeredUs = 0;
  std::optional<std::int64_t> answeredUs, endedUs;
  std::int64_t responseDueUs = 0;              // emails: first response due
  std::string note;                            // as last saved
  std::vector<store::EmailMessageRow> thread;  // emails: the conversation, oldest first
  // Calls: what was said, as the PBX's speech-to-text posted it (none without one).
  std::vector<store::TranscriptLine> transcript;
  // How the customer felt in their words (an email's, a call's transcript) and their voice
  // (a recorded call's) (README "Emotion index"): an estimate with the words behind it;
  // none before the lexicon is loaded or without anything of theirs to score.
  std::optional<store::ContactEmotion> emotion;
  std::optional<std::int64_t> satisfactionExpected, satisfactionPerceived;
  std::int64_t receivedSteadyNs = 0;  // SIP: when the INVITE's bytes arrived (steady clock)
  std::string sipCall;                // SIP: the call's key for CallControl (external id without "sip:")
  std::string transferTo;             // a blind transfer: where to
  std::string transferState;          // "", requested, transferred, failed
  std::string transferError;          // failed: why
  bool outbound = false;              // a call the agent placed (click-to-dial, a callback)
  bool alerting = false;              // ... and the customer's phone rings (before: the PBX is dialling)
  std::string notReached;             // ... and why it did not connect ("486 Busy Here", "no answer in 60 s")
  // A consultation (attended transfer): the agent calling `consultTo` from this call.
  std::string consultTo;     // what the agent typed
  std::string consultCall;   // its SIP key (how it sounds: CallControl::callQuality)
  std::string consultState;  // "", calling, connected, ended
  std::string consultEnded;  // ended: why ("target hung up", "not reached: 486 Busy Here", "agent ended it")
};

// The pop's parts an interaction's projection decides, for the live desk and a trainer's
// replay alike (DESIGN.md "Replay is a fold"): who and what, when the pop is built (an
// email's first response is due `emailResponseUs` after it arrived) ...
void setPopIdentity(ContactPop& pop, const store::InteractionRow& row, std::int64_t emailResponseUs);
// ... and where the contact stands, on every change: status, outcome, times, note, satisfaction.
void setPopProgress(ContactPop& pop, const store::InteractionRow& row);

// Calls that reached nobody (missed, declined because the agent was busy or not ready,
// cancelled by the caller), one row per caller: the agent's list to call back.
struct MissedCall {
  std::string interactionId;  // the latest try
  std::string address;        // E.164 or "anonymous"
  std::string name;           // the customer's name, else what the network sent
  bool known = false;
  std::string outcome;  // missed, declined, cancelled (the latest try)
  std::string reason;   // why it was declined ("agent not available", "all lines ringing")
  std::int64_t lastUs = 0;
  int tries = 1;
};

struct Code {
  std::string code;
  std::string label;
};

// An evaluation of this agent's work by a trainer (an evaluated event, pulled from the
// central store): the views read its payload (replay::evaluationFromPayload).
struct EvaluationNote {
  std::string evaluationId;
  std::string interactionId;
  std::string by;  // the trainer's console id
  std::int64_t atUs = 0;
  std::string payloadJson;
  std::optional<std::int64_t> acknowledgedUs;
  bool operator==(const EvaluationNote&) const = default;
};

// Replies waiting in the outbox for the relay (desk/src/outbox.h), for the status line.
struct OutboxStatus {
  int waiting = 0;                 // to be sent or sent again
  int failed = 0;                  // refused (5xx) or out of time: the agent must act
  std::int64_t nextAttemptUs = 0;  // the next try of a waiting one
  std::string lastError;           // the relay's last refusal or why it could not be reached
  bool operator==(const OutboxStatus&) const = default;
};

struct DeskSnapshot {
  std::uint64_t version = 0;  // increases with every publication
  std::uint64_t handled = 0;  // commands handled so far (see Desk::post)
  std::int64_t publishedUs = 0;
  bool storeReady = false;  // the store is open and migrated
  std::string storePath;
  std::optional<store::StoreSummary> summary;
  std::optional<CustomerLookup> lookup;
  std::optional<ContactPop> pop;
  std::vector<QueuedContact> queue;  // ringing calls (oldest first), then emails by due time
  std::string agentId;
  std::string agentName;
  AgentStatus agent;
  // A supervisor's request to this agent ("Not ready (Coaching): requested by Sam"), shown
  // until it is carried out; it waits while a contact is in hand.
  std::string pendingRequest;
  std::string lastRequestNotice;      // the last request carried out, for the status line
  std::vector<Code> notReadyReasons;  // configurable codes from the store
  std::vector<Code> dispositions;
  std::vector<Code> complaintCategories;
  std::vector<store::SlaPolicy> slaPolicies;  // the priorities a complaint can have
  std::uint64_t contactsRecorded = 0;         // contacts from the listeners since start
  std::string lastContact;                    // "email from ann@example.com", for the status line
  std::string lastError;                      // the most recent failure, for the status line
  std::string emotion;                        // the emotion index: loading, on (its lexicon), or why it is off
  bool emotionFailed = false;                 // off because its lexicon could not be loaded: shown in red
  std::string recordingSweep;                 // the last recording sweep: when, what it deleted ("" before the first)
  std::string relay;                          // where replies go ("smtp.example.com:25"); empty: not relayed
  OutboxStatus outbox;                        // replies not yet accepted by the relay
  std::string linesDown;                      // why calls cannot reach this console; empty: they can
  std::string recovered;                      // what the start closed that a previous run left open
  std::vector<MissedCall> missed;             // the last 24 hours' unanswered calls, newest first
  std::vector<store::CallbackRow> callbacks;  // open callbacks for this agent or anyone, soonest due first
  std::int64_t wrapUpDeadlineUs = 0;          // a time-boxed wrap-up ends then (0: no limit)
  std::vector<EvaluationNote> evaluations;    // of this agent, newest first (at most 100)
};

}  // namespace frontline::desk
