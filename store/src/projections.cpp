// The folds of interaction events into interactions, complaints and agent states.
#include "store/projections.h"

#include "store/event_reads.h"
#include "store/projection_tables.h"

#include <algorithm>
#include <cmath>

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
    case EventKind::ComplaintReassigned:
    case EventKind::ComplaintReprioritised:
    case EventKind::ComplaintEscalated:
      return ProjectionTarget::Complaint;
    case EventKind::AgentState:
      return ProjectionTarget::AgentState;
    case EventKind::AgentStateRequested:
    case EventKind::AlertAcknowledged:
    case EventKind::Annotated:
    case EventKind::Evaluated:
    case EventKind::EvaluationAcknowledged:
    case EventKind::Unmasked:
      return ProjectionTarget::None;
    default:
      return ProjectionTarget::Interaction;
  }
}

std::string complaintIdOf(const InteractionEvent& event) {
  return stringField(parsePayload(event), "complaint_id");
}

InteractionRow interactionAsOf(Database& db, const std::string& interactionId, std::int64_t untilUs) {
  InteractionRow row;
  for (const auto& e : interactionEvents(db, interactionId, untilUs)) {
    if (projectionTargetOf(e.kind) == ProjectionTarget::Interaction) applyToInteraction(row, e);
  }
  return row;
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
      row.queue = stringField(payload, "queue");
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
    case EventKind::NotReached:
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
    case EventKind::TransferRequested:
      row.transferTo = stringField(payload, "to");
      row.transferState = "requested";
      row.transferError.clear();
      break;
    case EventKind::Transferred:
      row.transferState = "transferred";
      break;
    case EventKind::TransferFailed: {
      row.transferState = "failed";
      const auto status = intField(payload, "status");
      const std::string reason = stringField(payload, "reason");
      row.transferError = status && *status ? std::to_string(*status) + (reason.empty() ? "" : " " + reason) : reason;
      break;
    }
    case EventKind::CallQuality: {
      // Grades rank good < fair < poor; the worst is kept for the floor's "poor calls".
      const auto rank = [](const std::string& g) { return g == "poor" ? 3 : g == "fair" ? 2 : g == "good" ? 1 : 0; };
      const std::string grade = stringField(payload, "grade");
      if (rank(grade) == 0) break;
      row.qualityGrade = grade;
      if (const auto mos = payload.find("mos"); mos != payload.end() && mos->is_number()) {
        row.mosX100 = std::llround(mos->get<double>() * 100.0);
      }
      for (const std::string& g : {grade, stringField(payload, "worst_grade")}) {
        if (rank(g) > rank(row.worstGrade)) row.worstGrade = g;
      }
      break;
    }
    case EventKind::EmotionScored: {
      // A rescore after a lexicon change leaves a trainer's correction standing; the
      // customer writing again is scored afresh.
      if (row.emotionBy == "trainer" && payload.value("rescore", false)) break;
      const auto index = payload.find("index");
      row.emotionIndex = index != payload.end() && index->is_number_integer()
                             ? std::optional<std::int64_t>(index->get<std::int64_t>())
                             : std::nullopt;
      const auto trend = payload.find("trend");
      row.emotionTrend = trend != payload.end() && trend->is_number_integer() ? trend->get<std::int64_t>() : 0;
      const auto arousal = payload.find("arousal");
      row.emotionArousalX100 =
          arousal != payload.end() && arousal->is_number() ? std::llround(arousal->get<double>() * 100.0) : 0;
      row.emotionBy = row.emotionIndex ? "estimate" : "";
      break;
    }
    case EventKind::EmotionCorrected: {
      const auto index = payload.find("index");
      if (index == payload.end() || !index->is_number_integer()) break;
      row.emotionIndex = std::clamp<std::int64_t>(index->get<std::int64_t>(), -100, 100);
      row.emotionBy = "trainer";
      break;
    }
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
    case EventKind::ComplaintReassigned:
      if (auto owner = stringField(payload, "owner"); !owner.empty()) row.ownerAgentId = owner;
      break;
    case EventKind::ComplaintReprioritised:
      if (auto priority = stringField(payload, "priority"); !priority.empty()) row.priority = priority;
      if (auto due = intField(payload, "response_due_us")) row.responseDueUs = *due;
      if (auto due = intField(payload, "resolution_due_us")) row.resolutionDueUs = *due;
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
    case ProjectionTarget::None:
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

EmailMessageRow readEmailMessage(const Statement& s) {
  return {s.text(0), s.text(1), s.int64(2), s.text(3), s.text(4),
          s.text(5), s.text(6), s.text(7),  s.text(8), s.text(9)};
}

}  // namespace

Projections loadProjections(Database& db) {
  Projections p;
  const auto& interactions = interactionsTable();
  Statement& si = db.cached(interactions.select());
  while (si.step()) {
    InteractionRow r = interactions.read(si);
    p.interactions.emplace(r.id, std::move(r));
  }
  const auto& complaints = complaintsTable();
  Statement& sc = db.cached(complaints.select());
  while (sc.step()) {
    ComplaintRow r = complaints.read(sc);
    p.complaints.emplace(r.id, std::move(r));
  }
  const auto& agents = agentStatesTable();
  Statement& sa = db.cached(agents.select());
  while (sa.step()) {
    AgentStateRow r = agents.read(sa);
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

// The one row of `table` whose key is `key`, if any.
template <typename Row>
std::optional<Row> loadOne(Database& db, const ProjectionTable<Row>& table, const std::string& key) {
  Statement& s = db.cached(table.select(std::string("WHERE ") + table.columns.front().name + " = ?"));
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  Row row = table.read(s);
  s.reset();
  return row;
}

}  // namespace

std::optional<InteractionRow> loadInteraction(Database& db, const std::string& id) {
  return loadOne(db, interactionsTable(), id);
}

std::optional<ComplaintRow> loadComplaint(Database& db, const std::string& id) {
  return loadOne(db, complaintsTable(), id);
}

std::optional<AgentStateRow> loadAgentState(Database& db, const std::string& agentId) {
  return loadOne(db, agentStatesTable(), agentId);
}

void saveInteraction(Database& db, const InteractionRow& r, const InteractionRow* stored) {
  interactionsTable().save(db, r, stored);
}

void saveComplaint(Database& db, const ComplaintRow& r, const ComplaintRow* stored) {
  complaintsTable().save(db, r, stored);
}

void saveAgentState(Database& db, const AgentStateRow& r, const AgentStateRow* stored) {
  agentStatesTable().save(db, r, stored);
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
