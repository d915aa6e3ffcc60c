// The folds of interaction events into interactions, complaints and agent states.
#include "store/projections.h"

#include <nlohmann/json.hpp>

namespace frontline::store {
namespace {

using Json = nlohmann::json;

Json parsePayload(const InteractionEvent& event) {
  Json payload = Json::parse(event.payloadJson, nullptr, /*allow_exceptions=*/false);
  return payload.is_object() ? payload : Json::object();
}

std::string stringField(const Json& payload, const char* key) {
  auto it = payload.find(key);
  return (it != payload.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> intField(const Json& payload, const char* key) {
  auto it = payload.find(key);
  if (it == payload.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

std::optional<std::int64_t> difference(std::optional<std::int64_t> from, std::optional<std::int64_t> to) {
  if (!from || !to) return std::nullopt;
  return *to - *from;
}

}  // namespace

std::optional<std::int64_t> InteractionRow::waitUs() const {
  return difference(offeredUs, answeredUs);
}
std::optional<std::int64_t> InteractionRow::talkUs() const {
  return difference(answeredUs, endedUs);
}
std::optional<std::int64_t> InteractionRow::acwUs() const {
  return difference(endedUs, wrappedUs);
}

ProjectionTarget projectionTargetOf(EventKind kind) {
  switch (kind) {
    case EventKind::ComplaintOpened:
    case EventKind::ComplaintResponded:
    case EventKind::ComplaintResolved:
      return ProjectionTarget::Complaint;
    case EventKind::AgentState:
      return ProjectionTarget::AgentState;
    default:
      return ProjectionTarget::Interaction;
  }
}

std::string complaintIdOf(const InteractionEvent& event) {
  return stringField(parsePayload(event), "complaint_id");
}

void applyToInteraction(InteractionRow& row, const InteractionEvent& event) {
  const Json payload = parsePayload(event);
  if (row.id.empty()) row.id = event.interactionId;
  row.lastEventUs = std::max(row.lastEventUs, event.tsUs);
  if (!event.agentId.empty() && event.kind != EventKind::Offered) row.agentId = event.agentId;
  switch (event.kind) {
    case EventKind::Offered:
      row.offeredUs = event.tsUs;
      row.channel = stringField(payload, "channel");
      row.direction = stringField(payload, "direction");
      row.address = stringField(payload, "address");
      row.displayName = stringField(payload, "display_name");
      row.subject = stringField(payload, "subject");
      row.externalId = stringField(payload, "external_id");
      row.customerId = intField(payload, "customer_id");
      row.agentId = event.agentId;
      break;
    case EventKind::Ringing:
      if (row.status == "offered") row.status = "ringing";
      break;
    case EventKind::Answered:
      if (!row.answeredUs) row.answeredUs = event.tsUs;
      row.status = "connected";
      row.outcome = "answered";
      break;
    case EventKind::Held:
      row.status = "held";
      break;
    case EventKind::Resumed:
      row.status = "connected";
      break;
    case EventKind::Note:
      row.note = stringField(payload, "text");
      break;
    case EventKind::Disposition:
      row.disposition = stringField(payload, "code");
      break;
    case EventKind::CustomerLinked:
      row.customerId = intField(payload, "customer_id");
      break;
    case EventKind::Satisfaction:
      row.satisfactionExpected = intField(payload, "expected");
      row.satisfactionPerceived = intField(payload, "perceived");
      break;
    case EventKind::Ended:
      if (!row.endedUs) row.endedUs = event.tsUs;
      row.status = "ended";
      // A call the PBX passed on before anyone here answered is neither answered nor missed.
      if (!row.answeredUs && stringField(payload, "cause") == "forwarded") row.outcome = "forwarded";
      break;
    case EventKind::Cancelled:
    case EventKind::Missed:
    case EventKind::Declined:
      if (!row.endedUs) row.endedUs = event.tsUs;
      row.status = "ended";
      row.outcome = std::string(toString(event.kind));
      break;
    case EventKind::EmailSent:
      // The agent's reply is the response to the email: the handling ends with it.
      if (!row.endedUs) row.endedUs = event.tsUs;
      if (row.status != "wrapped") row.status = "ended";
      break;
    case EventKind::Returned:
      // Back in the queue as if never taken: the next take starts its wait and handling.
      if (row.status == "connected" || row.status == "held") {
        row.status = "offered";
        row.outcome = "open";
        row.answeredUs.reset();
      }
      break;
    case EventKind::Wrapped: {
      row.wrappedUs = event.tsUs;
      row.status = "wrapped";
      std::string code = stringField(payload, "disposition");
      if (!code.empty()) row.disposition = code;
      break;
    }
    default:
      break;  // complaint and agent events, annotations: no change to the interaction
  }
}

void applyToComplaint(ComplaintRow& row, const InteractionEvent& event) {
  const Json payload = parsePayload(event);
  if (row.id.empty()) row.id = stringField(payload, "complaint_id");
  row.lastEventUs = std::max(row.lastEventUs, event.tsUs);
  switch (event.kind) {
    case EventKind::ComplaintOpened:
      row.interactionId = event.interactionId;
      row.customerId = intField(payload, "customer_id");
      row.category = stringField(payload, "category");
      row.priority = stringField(payload, "priority");
      row.summary = stringField(payload, "summary");
      row.ownerAgentId = event.agentId;
      row.openedUs = event.tsUs;
      row.responseDueUs = intField(payload, "response_due_us").value_or(event.tsUs);
      row.resolutionDueUs = intField(payload, "resolution_due_us").value_or(event.tsUs);
      break;
    case EventKind::ComplaintResponded:
      if (!row.firstResponseUs) row.firstResponseUs = event.tsUs;
      if (row.status == "open") row.status = "responded";
      break;
    case EventKind::ComplaintResolved:
      if (!row.firstResponseUs) row.firstResponseUs = event.tsUs;  // resolving is a response too
      row.resolvedUs = event.tsUs;
      row.status = "resolved";
      break;
    default:
      break;
  }
}

std::optional<EmailMessageRow> emailMessageOf(const InteractionEvent& event) {
  if (event.kind != EventKind::EmailReceived && event.kind != EventKind::EmailSent) return std::nullopt;
  const Json payload = parsePayload(event);
  EmailMessageRow row;
  row.messageId = stringField(payload, "message_id");
  if (row.messageId.empty()) return std::nullopt;
  row.interactionId = event.interactionId;
  row.receivedUs = event.tsUs;
  row.fromAddress = stringField(payload, "from");
  row.fromName = stringField(payload, "from_name");
  row.subject = stringField(payload, "subject");
  row.bodyText = stringField(payload, "body");
  auto attachments = payload.find("attachments");
  row.attachmentsJson = attachments != payload.end() && attachments->is_array() ? attachments->dump() : "[]";
  row.inReplyTo = stringField(payload, "in_reply_to");
  row.direction = event.kind == EventKind::EmailSent ? "out" : "in";
  return row;
}

void applyToAgentState(AgentStateRow& row, const InteractionEvent& event) {
  if (event.kind != EventKind::AgentState) return;
  const Json payload = parsePayload(event);
  row.agentId = event.agentId;
  row.state = stringField(payload, "state");
  row.reason = stringField(payload, "reason");
  row.sinceUs = event.tsUs;
}

void foldInto(Projections& p, const InteractionEvent& event) {
  switch (projectionTargetOf(event.kind)) {
    case ProjectionTarget::Interaction:
      if (!event.interactionId.empty()) applyToInteraction(p.interactions[event.interactionId], event);
      if (auto email = emailMessageOf(event)) p.emailMessages[email->messageId] = std::move(*email);
      break;
    case ProjectionTarget::Complaint: {
      std::string id = complaintIdOf(event);
      if (!id.empty()) applyToComplaint(p.complaints[id], event);
      break;
    }
    case ProjectionTarget::AgentState:
      if (!event.agentId.empty()) applyToAgentState(p.agentStates[event.agentId], event);
      break;
  }
}

Projections foldLog(Database& db) {
  Projections p;
  Statement& s = db.cached(
      "SELECT origin, seq, COALESCE(interaction_id, ''), ts_us, kind, agent_id, payload_json "
      "FROM interaction_events ORDER BY ts_us, origin, seq");
  while (s.step()) {
    InteractionEvent e{s.text(0), s.int64(1), s.text(2), s.int64(3), EventKind::Offered, s.text(5), s.text(6)};
    auto kind = eventKindFromString(s.text(4));
    if (!kind) continue;  // a kind from a newer console: nothing this program can fold
    e.kind = *kind;
    foldInto(p, e);
  }
  return p;
}

namespace {

constexpr const char* kInteractionColumns =
    "id, customer_id, channel, direction, address, display_name, subject, agent_id, status, outcome, "
    "offered_us, answered_us, ended_us, wrapped_us, disposition, note, satisfaction_expected, "
    "satisfaction_perceived, last_event_us, external_id";

InteractionRow readInteraction(const Statement& s) {
  InteractionRow r;
  r.id = s.text(0);
  r.customerId = s.optionalInt64(1);
  r.channel = s.text(2);
  r.direction = s.text(3);
  r.address = s.text(4);
  r.displayName = s.text(5);
  r.subject = s.text(6);
  r.agentId = s.text(7);
  r.status = s.text(8);
  r.outcome = s.text(9);
  r.offeredUs = s.int64(10);
  r.answeredUs = s.optionalInt64(11);
  r.endedUs = s.optionalInt64(12);
  r.wrappedUs = s.optionalInt64(13);
  r.disposition = s.text(14);
  r.note = s.text(15);
  r.satisfactionExpected = s.optionalInt64(16);
  r.satisfactionPerceived = s.optionalInt64(17);
  r.lastEventUs = s.int64(18);
  r.externalId = s.text(19);
  return r;
}

constexpr const char* kComplaintColumns =
    "id, customer_id, interaction_id, category, priority, summary, status, owner_agent_id, opened_us, "
    "first_response_us, resolved_us, response_due_us, resolution_due_us, last_event_us";

ComplaintRow readComplaint(const Statement& s) {
  ComplaintRow r;
  r.id = s.text(0);
  r.customerId = s.optionalInt64(1);
  r.interactionId = s.text(2);
  r.category = s.text(3);
  r.priority = s.text(4);
  r.summary = s.text(5);
  r.status = s.text(6);
  r.ownerAgentId = s.text(7);
  r.openedUs = s.int64(8);
  r.firstResponseUs = s.optionalInt64(9);
  r.resolvedUs = s.optionalInt64(10);
  r.responseDueUs = s.int64(11);
  r.resolutionDueUs = s.int64(12);
  r.lastEventUs = s.int64(13);
  return r;
}

AgentStateRow readAgentState(const Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.int64(3)};
}

EmailMessageRow readEmailMessage(const Statement& s) {
  return {s.text(0), s.text(1), s.int64(2), s.text(3), s.text(4),
          s.text(5), s.text(6), s.text(7),  s.text(8), s.text(9)};
}

}  // namespace

Projections loadProjections(Database& db) {
  Projections p;
  Statement& si = db.cached(std::string("SELECT ") + kInteractionColumns + " FROM interactions");
  while (si.step()) {
    InteractionRow r = readInteraction(si);
    p.interactions.emplace(r.id, std::move(r));
  }
  Statement& sc = db.cached(std::string("SELECT ") + kComplaintColumns + " FROM complaints");
  while (sc.step()) {
    ComplaintRow r = readComplaint(sc);
    p.complaints.emplace(r.id, std::move(r));
  }
  Statement& sa = db.cached("SELECT agent_id, state, reason, since_us FROM agent_states");
  while (sa.step()) {
    AgentStateRow r = readAgentState(sa);
    p.agentStates.emplace(r.agentId, std::move(r));
  }
  Statement& se = db.cached(
      "SELECT message_id, interaction_id, received_us, from_address, from_name, subject, body_text, "
      "attachments_json, in_reply_to, direction FROM email_messages");
  while (se.step()) {
    EmailMessageRow r = readEmailMessage(se);
    p.emailMessages.emplace(r.messageId, std::move(r));
  }
  return p;
}

namespace {

const std::string kSelectInteractionById =
    std::string("SELECT ") + kInteractionColumns + " FROM interactions WHERE id = ?";
const std::string kSelectComplaintById = std::string("SELECT ") + kComplaintColumns + " FROM complaints WHERE id = ?";

// The one row whose key (bound to the statement's only parameter) is `key`, if any.
template <typename Read>
auto loadOne(Database& db, std::string_view sql, const std::string& key, Read read)
    -> std::optional<decltype(read(std::declval<const Statement&>()))> {
  Statement& s = db.cached(sql);
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  auto row = read(s);
  s.reset();
  return row;
}

}  // namespace

std::optional<InteractionRow> loadInteraction(Database& db, const std::string& id) {
  return loadOne(db, kSelectInteractionById, id, readInteraction);
}

std::optional<ComplaintRow> loadComplaint(Database& db, const std::string& id) {
  return loadOne(db, kSelectComplaintById, id, readComplaint);
}

std::optional<AgentStateRow> loadAgentState(Database& db, const std::string& agentId) {
  return loadOne(db, "SELECT agent_id, state, reason, since_us FROM agent_states WHERE agent_id = ?", agentId,
                 readAgentState);
}

void saveInteraction(Database& db, const InteractionRow& r) {
  Statement& s = db.cached(
      "INSERT OR REPLACE INTO interactions (id, customer_id, channel, direction, address, display_name, subject, "
      "agent_id, status, outcome, offered_us, answered_us, ended_us, wrapped_us, wait_us, talk_us, acw_us, "
      "disposition, note, satisfaction_expected, satisfaction_perceived, last_event_us, external_id) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.id).bind(2, r.customerId).bind(3, r.channel).bind(4, r.direction).bind(5, r.address);
  s.bind(6, r.displayName).bind(7, r.subject).bind(8, r.agentId).bind(9, r.status).bind(10, r.outcome);
  s.bind(11, r.offeredUs).bind(12, r.answeredUs).bind(13, r.endedUs).bind(14, r.wrappedUs);
  s.bind(15, r.waitUs()).bind(16, r.talkUs()).bind(17, r.acwUs());
  s.bind(18, r.disposition).bind(19, r.note).bind(20, r.satisfactionExpected).bind(21, r.satisfactionPerceived);
  s.bind(22, r.lastEventUs).bind(23, r.externalId);
  s.run();
}

void saveComplaint(Database& db, const ComplaintRow& r) {
  Statement& s = db.cached(
      "INSERT OR REPLACE INTO complaints (id, customer_id, interaction_id, category, priority, summary, status, "
      "owner_agent_id, opened_us, first_response_us, resolved_us, response_due_us, resolution_due_us, last_event_us) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.id).bind(2, r.customerId).bind(3, r.interactionId).bind(4, r.category).bind(5, r.priority);
  s.bind(6, r.summary).bind(7, r.status).bind(8, r.ownerAgentId).bind(9, r.openedUs).bind(10, r.firstResponseUs);
  s.bind(11, r.resolvedUs).bind(12, r.responseDueUs).bind(13, r.resolutionDueUs).bind(14, r.lastEventUs);
  s.run();
}

void saveAgentState(Database& db, const AgentStateRow& r) {
  Statement& s = db.cached("INSERT OR REPLACE INTO agent_states (agent_id, state, reason, since_us) VALUES (?,?,?,?)");
  s.bind(1, r.agentId).bind(2, r.state).bind(3, r.reason).bind(4, r.sinceUs);
  s.run();
}

void saveEmailMessage(Database& db, const EmailMessageRow& r) {
  Statement& s = db.cached(
      "INSERT OR REPLACE INTO email_messages (message_id, interaction_id, received_us, from_address, from_name, "
      "subject, body_text, attachments_json, in_reply_to, direction) VALUES (?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.messageId).bind(2, r.interactionId).bind(3, r.receivedUs).bind(4, r.fromAddress).bind(5, r.fromName);
  s.bind(6, r.subject).bind(7, r.bodyText).bind(8, r.attachmentsJson).bind(9, r.inReplyTo).bind(10, r.direction);
  s.run();
}

}  // namespace frontline::store
