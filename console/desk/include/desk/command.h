// What the UI (or a headless caller) asks the desk to do. Posted to the desk thread,
// never executed on the caller's thread.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "desk/agent_state.h"
#include "emotion/lexicon.h"
#include "emotion/voice_features.h"
#include "store/store_summary.h"
#include "telephony/contact_event.h"

namespace frontline::desk {

// Counts the store again (on a thread of its own; the result comes as SummaryCounted).
struct RefreshSummary {};
struct SummaryCounted {
  store::StoreSummary summary;
  std::string error;  // the count failed: why
};
// Customer search: a phone number in any format, an email address, an order number or
// the start of a name. One match is opened at once.
struct LookUpCustomer {
  std::string text;
};
// Opens one of the search's matches.
struct OpenCustomer {
  std::int64_t customerId = 0;
};

// A contact from the listeners; `done` is called once it is durably recorded (or not).
struct RecordContact {
  telephony::ContactEvent contact;
  telephony::DeliveryCallback done;
};

// The agent's actions on a call (by interaction id): recorded, then carried out by the
// listeners (SIP 200 / 486 / BYE).
struct AnswerCall {
  std::string interactionId;
};
struct DeclineCall {
  std::string interactionId;
};
struct HangUpCall {
  std::string interactionId;
};
// Puts a connected call on hold, or takes a held call off hold.
struct HoldCall {
  std::string interactionId;
  bool hold = true;
};

// Blind transfer: the caller is passed to a number, an extension or a SIP address (a SIP
// REFER); the call leaves the agent once the target answers.
struct TransferCall {
  std::string interactionId;
  std::string target;
};

// Attended transfer, first step: the caller is put on hold (when they are not already) and
// the agent calls `target` (a number, an extension) through sip.outbound_proxy to speak to
// them first: a consultation.
struct ConsultCall {
  std::string interactionId;
  std::string target;
};

// ... then the caller goes to the consultation's target, who has answered (REFER with
// Replaces): on success both of the agent's calls end.
struct CompleteTransfer {
  std::string interactionId;
};

// ... or the agent ends the consultation (hangs up on the target, or stops calling them);
// the caller stays on hold.
struct EndConsult {
  std::string interactionId;
};

// Pauses a call's recording (the customer reads out a card number) or resumes it.
struct PauseRecording {
  std::string interactionId;
  bool pause = true;
};

// The agent's microphone off (a word with a colleague, a cough) or on again.
struct MuteCall {
  std::string interactionId;
  bool mute = true;
};

// The agent places a call (click-to-dial on the customer card, a callback that is due):
// recorded as an outbound voice interaction, then dialled through sip.outbound_proxy.
// `callbackId` (optional) is the callback it makes: settled as called or not reached by
// how the call goes.
struct DialCall {
  std::string number;
  std::optional<std::int64_t> customerId;
  std::string callbackId;
};

// The agent's keypad: DTMF digits to the caller (an IVR, a payment line).
struct SendDtmf {
  std::string interactionId;
  std::string digits;
};

// The agent takes an email from the queue (it becomes the contact in hand).
struct TakeEmail {
  std::string interactionId;
};
// The agent's reply to the email in hand: recorded as the first response, then sent
// through the SMTP relay when one is configured.
struct SendReply {
  std::string interactionId;
  std::string body;
};
// Ends the handling of an email without a reply (spam, nothing to answer).
struct CloseEmail {
  std::string interactionId;
};
// The relay's answer for a reply (from the relay's thread).
struct ReplyRelayed {
  std::string messageId;
  bool ok = false;
  std::string detail;      // the relay's reply, or why it could not be reached
  bool permanent = false;  // refused with a 5xx: not retried
};

// Complaints, on the contact in hand: open one (the SLA policy of the priority sets its
// due times), respond to or resolve one of the customer's.
struct OpenComplaint {
  std::string category;
  std::string priority;
  std::string summary;
};
struct RespondComplaint {
  std::string complaintId;
};
struct ResolveComplaint {
  std::string complaintId;
};
// Satisfaction on the contact in hand: expectation a and perception b, each 1..5.
struct RecordSatisfaction {
  int expected = 0;
  int perceived = 0;
};

// An unknown caller: link the contact to an existing customer, or create one from the
// contact's address.
struct LinkCustomer {
  std::string interactionId;
  std::int64_t customerId = 0;
};
struct CreateCustomer {
  std::string interactionId;
  std::string displayName;
};

// The agent's note on a contact, the whole text so far (sent while typing; the latest wins).
struct SaveNote {
  std::string interactionId;
  std::string text;
};
// The agent changes state (available, not ready with a reason, logged out).
struct SetAgentState {
  AgentState state = AgentState::Available;
  std::string reason;
};
// After-contact work is done: the disposition code is required.
struct FinishWrapUp {
  std::string disposition;
};

// A callback to the caller of `interactionId` (a missed call, or any contact), due at
// `dueUs`, for this agent or for anyone; recorded as a callback_scheduled event and synced.
struct ScheduleCallback {
  std::string interactionId;
  std::int64_t dueUs = 0;
  std::string note;
  bool forAnyone = false;
};
// A callback made (called), tried (not_reached: it stays done; schedule another) or dropped (cancelled).
struct CompleteCallback {
  std::string callbackId;
  std::string outcome = "called";
};
// Callbacks may have come from other consoles (the sync thread's pull): read them again.
struct RefreshCallbacks {};

// The listeners could not start (or stopped): calls cannot reach this console. The agent
// goes not ready and cannot become available; `reason` names the listener, address,
// config key and OS error.
struct LinesDown {
  std::string reason;
};
// Time-based work: a time-boxed wrap-up that ran out. Posted by the desk to itself when
// its wait ends, and by tests that move a scripted clock.
struct CheckTimers {};
// The emotion index's lexicon, loaded on a thread of its own when the store opened (about
// half a second): the contacts waiting for a score are scored, then every email as it comes.
struct EmotionLexiconLoaded {
  std::shared_ptr<const emotion::Lexicon> lexicon;  // null when it could not be loaded
  std::string error;                                // why (a file, a line)
};

// A recorded call's customer voice, analysed on the voice thread (desk/voice_analysis.h):
// the call is scored again with a turn per speech segment (arousal; README "Emotion index").
struct VoiceAnalysed {
  std::string interactionId;
  std::int64_t startedUs = 0;
  std::shared_ptr<const emotion::VoiceAnalysis> analysis;  // null when it failed
  std::string error;                                       // why (the file)
};

// A supervisor's actions, each recorded as an event of the supervisor's console and synced
// (the central roles decide who may write them; supervisor_actions.cpp).
// The complaint goes to another agent.
struct ReassignComplaint {
  std::string complaintId;
  std::string toAgent;
};
// A new priority; the due times are recomputed from its policy (from when it was opened).
struct ReprioritiseComplaint {
  std::string complaintId;
  std::string priority;
};
struct EscalateComplaint {
  std::string complaintId;
  std::string note;
};
// An agent is asked to go not ready (with a reason) or log out; their console obeys at its
// next pull, once no contact is in hand.
struct RequestAgentState {
  std::string agentId;
  AgentState state = AgentState::NotReady;
  std::string reason;
};
// An alert seen and dealt with: it leaves the banner (of every supervisor).
struct AcknowledgeAlert {
  std::string key;
  std::string text;
};

// A trainer's work on a past contact, each an event of the trainer's console, synced (the
// central roles decide who may write them; trainer_actions.cpp).
// A remark pinned to a moment of the contact; category: good_practice, coaching_point, compliance.
struct AnnotateContact {
  std::string interactionId;
  std::int64_t atUs = 0;
  std::string category;
  std::string text;
};
// A trainer's reading of how the customer felt, standing over the estimate (README "Emotion
// index"): -100..+100, with why. Reported by `frontline emotion corrections`.
struct CorrectEmotion {
  std::string interactionId;
  int index = 0;
  std::string note;
};
// A scored form: the evaluated event's payload (replay::payloadOf); the desk gives it an
// evaluation id when it has none and signs it with the trainer's name.
struct SubmitEvaluation {
  std::string interactionId;
  std::string payloadJson;
};
// The trainer showed this contact's personal data (trainer.may_unmask): who, when, which.
struct RecordUnmask {
  std::string interactionId;
};
// An agent has read an evaluation of their work ("My evaluations").
struct AcknowledgeEvaluation {
  std::string evaluationId;
  std::string interactionId;
};

using Command =
    std::variant<RefreshSummary, SummaryCounted, LookUpCustomer, OpenCustomer, RecordContact, AnswerCall, DeclineCall,
                 HangUpCall, HoldCall, TransferCall, ConsultCall, CompleteTransfer, EndConsult, DialCall,
                 PauseRecording, MuteCall, SendDtmf, TakeEmail, SendReply, CloseEmail, ReplyRelayed, OpenComplaint,
                 RespondComplaint, ResolveComplaint, RecordSatisfaction, LinkCustomer, CreateCustomer, SetAgentState,
                 FinishWrapUp, SaveNote, LinesDown, CheckTimers, ScheduleCallback, CompleteCallback, RefreshCallbacks,
                 ReassignComplaint, ReprioritiseComplaint, EscalateComplaint, RequestAgentState, AcknowledgeAlert,
                 AnnotateContact, CorrectEmotion, SubmitEvaluation, RecordUnmask, AcknowledgeEvaluation,
                 EmotionLexiconLoaded, VoiceAnalysed>;

}  // namespace frontline::desk
