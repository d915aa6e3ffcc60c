// Names of event kinds as stored in interaction_events.kind.
#include "store/event.h"

#include <array>
#include <utility>

namespace frontline::store {
namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 50> kNames{{
    {EventKind::Offered, "offered"},
    {EventKind::Ringing, "ringing"},
    {EventKind::Answered, "answered"},
    {EventKind::Held, "held"},
    {EventKind::Resumed, "resumed"},
    {EventKind::Note, "note"},
    {EventKind::Disposition, "disposition"},
    {EventKind::CustomerLinked, "customer_linked"},
    {EventKind::ComplaintOpened, "complaint_opened"},
    {EventKind::ComplaintResponded, "complaint_responded"},
    {EventKind::ComplaintResolved, "complaint_resolved"},
    {EventKind::Satisfaction, "satisfaction"},
    {EventKind::Ended, "ended"},
    {EventKind::Cancelled, "cancelled"},
    {EventKind::Missed, "missed"},
    {EventKind::Declined, "declined"},
    {EventKind::Wrapped, "wrapped"},
    {EventKind::Annotated, "annotated"},
    {EventKind::AgentState, "agent_state"},
    {EventKind::EmailReceived, "email_received"},
    {EventKind::EmailSent, "email_sent"},
    {EventKind::Returned, "returned"},
    {EventKind::CallbackScheduled, "callback_scheduled"},
    {EventKind::CallbackDone, "callback_done"},
    {EventKind::ComplaintReassigned, "complaint_reassigned"},
    {EventKind::ComplaintReprioritised, "complaint_reprioritised"},
    {EventKind::ComplaintEscalated, "complaint_escalated"},
    {EventKind::AgentStateRequested, "agent_state_requested"},
    {EventKind::AlertAcknowledged, "alert_acknowledged"},
    {EventKind::Evaluated, "evaluated"},
    {EventKind::EvaluationAcknowledged, "evaluation_acknowledged"},
    {EventKind::Unmasked, "unmasked"},
    {EventKind::Recorded, "recorded"},
    {EventKind::RecordingPaused, "recording_paused"},
    {EventKind::RecordingResumed, "recording_resumed"},
    {EventKind::DtmfSent, "dtmf_sent"},
    {EventKind::Muted, "muted"},
    {EventKind::Unmuted, "unmuted"},
    {EventKind::RecordingDeleted, "recording_deleted"},
    {EventKind::TransferRequested, "transfer_requested"},
    {EventKind::Transferred, "transferred"},
    {EventKind::TransferFailed, "transfer_failed"},
    {EventKind::NotReached, "not_reached"},
    {EventKind::ConsultStarted, "consult_started"},
    {EventKind::ConsultAnswered, "consult_answered"},
    {EventKind::ConsultEnded, "consult_ended"},
    {EventKind::CallQuality, "call_quality"},
    {EventKind::EmotionScored, "emotion_scored"},
    {EventKind::EmotionCorrected, "emotion_corrected"},
    {EventKind::TranscriptLine, "transcript_line"},
}};

}  // namespace

std::string_view toString(EventKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<EventKind> eventKindFromString(std::string_view text) {
  for (const auto& [k, name] : kNames) {
    if (name == text) return k;
  }
  return std::nullopt;
}

}  // namespace frontline::store
