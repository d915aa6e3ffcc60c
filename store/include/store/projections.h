// Projections: the current state of interactions, complaints and agents, as folds of
// interaction events. The apply functions are pure; the store persists their results in
// the same transaction as the event (event_log.h), and foldEvents() rebuilds them from
// scratch, which must give the same rows (tested).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/event.h"

namespace frontline::store {

struct InteractionRow {
  std::string id;
  std::optional<std::int64_t> customerId;
  std::string channel;    // voice, email
  std::string direction;  // in, out
  std::string address;
  std::string displayName;
  std::string subject;
  std::string externalId;  // the PBX's or SIP's call id, when the contact came from one
  std::string queue;       // the queue it was offered in ("" when none was known)
  std::string agentId;
  std::string status = "offered";  // offered, ringing, connected, held, ended, wrapped
  std::string outcome = "open";    // open, answered, missed, cancelled, declined, not_reached (a call out)
  std::int64_t offeredUs = 0;
  std::optional<std::int64_t> answeredUs, endedUs, wrappedUs;
  std::string disposition;
  std::string note;
  std::optional<std::int64_t> satisfactionExpected, satisfactionPerceived;
  std::int64_t lastEventUs = 0;
  std::string transferTo;     // a blind transfer: the number or address asked for
  std::string transferState;  // "", requested, transferred, failed
  std::string transferError;  // failed: why ("486 Busy Here")
  // How the call sounds (call_quality events): the latest grade and MOS x 100, and the
  // worst grade it had ("" before the first score, and for emails).
  std::string qualityGrade;
  std::optional<std::int64_t> mosX100;
  std::string worstGrade;
  // How the customer felt (emotion_scored, emotion_corrected): the index (-100..100; none
  // before a score or without enough evidence), its trend and arousal x 100, and who set it
  // ("estimate" or "trainer": a trainer's correction stands until the customer writes again).
  std::optional<std::int64_t> emotionIndex;
  std::int64_t emotionTrend = 0;
  std::int64_t emotionArousalX100 = 0;
  std::string emotionBy;

  // Resolution times (microseconds), present once both ends are known.
  std::optional<std::int64_t> waitUs() const;  // offered -> answered
  std::optional<std::int64_t> talkUs() const;  // answered -> ended
  std::optional<std::int64_t> acwUs() const;   // ended -> wrapped (after-contact work)

  bool operator==(const InteractionRow&) const = default;
};

struct ComplaintRow {
  std::string id;
  std::optional<std::int64_t> customerId;
  std::string interactionId;
  std::string category;
  std::string priority;
  std::string summary;
  std::string status = "open";  // open, responded, resolved
  std::string ownerAgentId;
  std::int64_t openedUs = 0;
  std::optional<std::int64_t> firstResponseUs, resolvedUs;
  std::int64_t responseDueUs = 0;
  std::int64_t resolutionDueUs = 0;
  std::int64_t lastEventUs = 0;

  bool operator==(const ComplaintRow&) const = default;
};

struct EmailMessageRow {
  std::string messageId;
  std::string interactionId;
  std::int64_t receivedUs = 0;
  std::string fromAddress;
  std::string fromName;
  std::string subject;
  std::string bodyText;
  std::string attachmentsJson = "[]";
  std::string inReplyTo;
  std::string direction = "in";  // in: from the customer; out: the agent's reply

  bool operator==(const EmailMessageRow&) const = default;
};

struct AgentStateRow {
  std::string agentId;
  std::string state;  // available, not_ready, on_contact, wrap_up, logged_out
  std::string reason;
  std::int64_t sinceUs = 0;

  bool operator==(const AgentStateRow&) const = default;
};

// Which projection an event changes.
// None: requests and acknowledgements that change no projection (read from the log).
enum class ProjectionTarget { Interaction, Complaint, AgentState, None };
ProjectionTarget projectionTargetOf(EventKind kind);
// The complaint id in a complaint event's payload (empty when absent).
std::string complaintIdOf(const InteractionEvent& event);

// Pure folds of one event into the current row (which may be empty/new).
// Malformed payload fields are ignored rather than thrown on: the log is never rejected.
void applyToInteraction(InteractionRow& row, const InteractionEvent& event);
// The interaction as it stood at `untilUs`, folded from its events up to then (a replay's
// customer card: a contact that changed since).
InteractionRow interactionAsOf(Database& db, const std::string& interactionId, std::int64_t untilUs);
void applyToComplaint(ComplaintRow& row, const InteractionEvent& event);
void applyToAgentState(AgentStateRow& row, const InteractionEvent& event);
// An email_received or email_sent event also writes its message row (besides touching the
// interaction).
std::optional<EmailMessageRow> emailMessageOf(const InteractionEvent& event);

struct Projections {
  std::map<std::string, InteractionRow> interactions;
  std::map<std::string, ComplaintRow> complaints;
  std::map<std::string, AgentStateRow> agentStates;
  std::map<std::string, EmailMessageRow> emailMessages;
  bool operator==(const Projections&) const = default;
};

// Folds events in the given order into projections.
void foldInto(Projections& projections, const InteractionEvent& event);
// Folds the whole log from scratch, in (ts_us, origin, seq) order.
Projections foldLog(Database& db);
// Reads the stored projection tables.
Projections loadProjections(Database& db);

// Row persistence (used by EventLog and the demo-data writer).
std::optional<InteractionRow> loadInteraction(Database& db, const std::string& id);
std::optional<ComplaintRow> loadComplaint(Database& db, const std::string& id);
std::optional<AgentStateRow> loadAgentState(Database& db, const std::string& agentId);
void saveInteraction(Database& db, const InteractionRow& row, const InteractionRow* stored = nullptr);
void saveComplaint(Database& db, const ComplaintRow& row, const ComplaintRow* stored = nullptr);
void saveAgentState(Database& db, const AgentStateRow& row, const AgentStateRow* stored = nullptr);
void saveEmailMessage(Database& db, const EmailMessageRow& row);

}  // namespace frontline::store
