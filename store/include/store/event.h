// One step in the life of a contact (or an agent's state change), as recorded in the
// append-only log `interaction_events`. Events are the truth; projections fold them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace frontline::store {

enum class EventKind {
  Offered,  // payload: channel, direction, address, display_name, subject, customer_id?
  Ringing,
  Answered,
  Held,
  Resumed,
  Note,                // payload: text (the whole note so far; the latest wins)
  Disposition,         // payload: code
  CustomerLinked,      // payload: customer_id
  ComplaintOpened,     // payload: complaint_id, customer_id?, category, priority, summary,
                       //          response_due_us, resolution_due_us
  ComplaintResponded,  // payload: complaint_id
  ComplaintResolved,   // payload: complaint_id
  Satisfaction,        // payload: expected (a), perceived (b), each 1..5
  Ended,
  Cancelled,          // caller hung up before answer
  Missed,             // nobody answered (no answer, PBX gave up)
  Declined,           // agent declined or was not available
  Wrapped,            // after-contact work finished; payload: disposition? (optional)
  Annotated,          // a trainer's remark on a replay; payload: text, at_us, category, by_name
  EmailReceived,      // payload: message_id, from, from_name, subject, body, attachments, in_reply_to
  AgentState,         // payload: state, reason
  EmailSent,          // the agent's reply; payload: message_id, from, to, subject, body, in_reply_to, references
  Returned,           // a taken email goes back to the queue unanswered; payload: reason
  CallbackScheduled,  // payload: callback_id, address, name, customer_id?, due_us, note, assignee ("" = anyone)
  CallbackDone,       // payload: callback_id, outcome (called, not_reached, cancelled)
  // A supervisor's actions (their central role may write these; an agent's may not).
  ComplaintReassigned,     // payload: complaint_id, owner (agent id), previous, by_name
  ComplaintReprioritised,  // payload: complaint_id, priority, previous, response_due_us, resolution_due_us, by_name
  ComplaintEscalated,      // payload: complaint_id, note, by_name
  AgentStateRequested,     // no interaction; payload: agent, state (not_ready, logged_out), reason, by_name
  AlertAcknowledged,       // no interaction; payload: key, text
  // A trainer's work on a past contact (their central role may write these; an agent's may not).
  Evaluated,  // payload: evaluation_id, agent, form (the definition, frozen), answers, comment, score, failed, by_name
  EvaluationAcknowledged,  // the agent has read it; payload: evaluation_id
  Unmasked,                // a trainer showed a replay's personal data; payload: by_name
  // A call's recording (the audio stays where recordings.path says; see README).
  Recorded,          // payload: path, started_us, duration_ms, paused_ms, bytes, sha256, format, channels,
                     // quality (codec, packets sent / received / lost, late, concealed, jitter_ms, ...); error?
  RecordingPaused,   // the agent paused it (a card payment); payload: by
  RecordingResumed,  // and resumed it; payload: by
  RecordingDeleted,  // recordings.retention_days passed; payload: path, bytes, reason, retention_days, missing?
  DtmfSent,          // the agent's keypad sent DTMF; payload: digits (how many; never which: a card number)
  Muted,             // the agent turned their microphone off; payload: {}
  Unmuted,           // and on again; payload: {}
  // A transfer (SIP REFER): asked for by the agent, then its outcome from the network.
  TransferRequested,  // payload: to (what the agent typed, or the consultation's target), kind (blind, attended)
  Transferred,        // the caller reached the target; payload: to (the SIP URI), status; Ended follows
  TransferFailed,     // payload: to, status (0: none), reason; the call goes on
  // A call the agent placed (direction "out") that did not connect: busy, no answer,
  // refused, the PBX unreachable or refusing our password.
  NotReached,  // payload: status (the final SIP status; 0: none), reason
  // A consultation before an attended transfer: the agent holds the caller and calls the
  // target (a colleague, another team) from the call, talks to them, then transfers the
  // caller to them (TransferRequested, kind attended) or ends the consultation.
  ConsultStarted,   // payload: to (what the agent typed), call (the consultation's SIP key)
  ConsultAnswered,  // the target answered; payload: {}
  ConsultEnded,     // payload: cause (agent ended it, transferred, target hung up, not reached), status?, reason?
  // How a call sounds (telephony/media/call_score.h, README "Call quality"): when its grade
  // changes while it runs, and once over the whole call when its media ends.
  CallQuality,  // payload: grade (good, fair, poor), mos, r, loss_percent, jitter_ms, delay_ms, round_trip_ms?,
                //          codec; at the end: final true, worst_grade, worst_mos
  // How the customer felt (store/emotion, README "Emotion index"): an estimate from their own
  // words, scored again whenever they write and after a lexicon change (frontline emotion
  // rescore); a trainer may correct it. Never used to rate agents.
  EmotionScored,     // payload: version, lexicon (checksum), enough, index (-100..100; null: not enough
                     //          evidence), trend, confidence, arousal, turns, sources, evidence, moments
  EmotionCorrected,  // a trainer's correction; payload: index, was (the estimate's), note, by_name
  // One line of a call's speech-to-text, as the PBX posts it (CTI event "transcript"); the
  // customer's lines are their words for the emotion index.
  TranscriptLine,  // payload: speaker (customer, agent), text, peer
};

std::string_view toString(EventKind kind);
std::optional<EventKind> eventKindFromString(std::string_view text);

struct InteractionEvent {
  std::string origin;         // console id
  std::int64_t seq = 0;       // assigned by EventLog::append, 1-based per origin
  std::string interactionId;  // empty for AgentState
  std::int64_t tsUs = 0;      // microseconds since the Unix epoch, UTC
  EventKind kind = EventKind::Offered;
  std::string agentId;
  std::string payloadJson = "{}";

  bool operator==(const InteractionEvent&) const = default;
};

}  // namespace frontline::store
