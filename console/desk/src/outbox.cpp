// The outbox; see outbox.h.
#include "outbox.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace frontline::desk {
namespace {

using Json = nlohmann::json;

std::string toJson(const telephony::OutgoingEmail& e) {
  return Json{
      {"message_id", e.messageId},  {"from", e.fromAddress}, {"from_name", e.fromName}, {"to", e.to},
      {"to_name", e.toName},        {"subject", e.subject},  {"body", e.body},          {"in_reply_to", e.inReplyTo},
      {"references", e.references}, {"date_us", e.dateUs}}
      .dump(-1, ' ', false, Json::error_handler_t::replace);
}

telephony::OutgoingEmail fromJson(const std::string& text) {
  const Json j = Json::parse(text, nullptr, false);
  telephony::OutgoingEmail e;
  if (!j.is_object()) return e;
  e.messageId = j.value("message_id", "");
  e.fromAddress = j.value("from", "");
  e.fromName = j.value("from_name", "");
  e.to = j.value("to", "");
  e.toName = j.value("to_name", "");
  e.subject = j.value("subject", "");
  e.body = j.value("body", "");
  e.inReplyTo = j.value("in_reply_to", "");
  e.references = j.value("references", std::vector<std::string>{});
  e.dateUs = j.value("date_us", std::int64_t{0});
  return e;
}

}  // namespace

std::int64_t Outbox::retryAfterUs(int attempts, std::int64_t firstUs) {
  std::int64_t wait = firstUs;
  for (int i = 1; i < attempts && wait < kLongestRetryUs; ++i) wait *= 2;
  return std::min(wait, kLongestRetryUs);
}

void Outbox::add(const telephony::OutgoingEmail& email, const std::string& interactionId, std::int64_t nowUs) {
  m_db.cached(
          "INSERT INTO outbox (message_id, interaction_id, email_json, queued_us, next_attempt_us) VALUES (?, ?, ?, ?, "
          "?)")
      .bind(1, email.messageId)
      .bind(2, interactionId)
      .bind(3, toJson(email))
      .bind(4, nowUs)
      .bind(5, nowUs)
      .run();
}

void Outbox::recover() {
  m_db.exec("UPDATE outbox SET state = 'waiting' WHERE state = 'sending'");
}

std::vector<telephony::OutgoingEmail> Outbox::takeDue(std::int64_t nowUs) {
  std::vector<telephony::OutgoingEmail> due;
  store::Statement& s = m_db.cached(
      "SELECT email_json FROM outbox WHERE state = 'waiting' AND next_attempt_us <= ? ORDER BY next_attempt_us, "
      "queued_us");
  s.bind(1, nowUs);
  while (s.step()) due.push_back(fromJson(s.text(0)));
  s.reset();
  for (const auto& e : due) {
    m_db.cached("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE message_id = ?")
        .bind(1, e.messageId)
        .run();
  }
  return due;
}

void Outbox::settle(const std::string& messageId, const telephony::SendResult& result, std::int64_t nowUs) {
  if (result.ok) {
    m_db.cached("UPDATE outbox SET state = 'sent', sent_us = ?, last_error = '' WHERE message_id = ?")
        .bind(1, nowUs)
        .bind(2, messageId)
        .run();
    return;
  }
  store::Statement& s = m_db.cached("SELECT attempts, queued_us FROM outbox WHERE message_id = ?");
  s.bind(1, messageId);
  if (!s.step()) {
    s.reset();
    return;
  }
  const int attempts = static_cast<int>(s.int64(0));
  const std::int64_t queuedUs = s.int64(1);
  s.reset();
  const std::int64_t next = nowUs + retryAfterUs(attempts, m_firstRetryUs);
  const bool giveUp = result.permanent || next - queuedUs > kGiveUpAfterUs;
  m_db.cached("UPDATE outbox SET state = ?, next_attempt_us = ?, last_error = ? WHERE message_id = ?")
      .bind(1, giveUp ? "failed" : "waiting")
      .bind(2, next)
      .bind(3, result.detail)
      .bind(4, messageId)
      .run();
}

OutboxStatus Outbox::status() {
  OutboxStatus out;
  store::Statement& s = m_db.cached(
      "SELECT COUNT(*) FILTER (WHERE state IN ('waiting', 'sending')), COUNT(*) FILTER (WHERE state = 'failed'), "
      "MIN(next_attempt_us) FILTER (WHERE state = 'waiting') FROM outbox WHERE state <> 'sent'");
  if (s.step()) {
    out.waiting = static_cast<int>(s.int64(0));
    out.failed = static_cast<int>(s.int64(1));
    out.nextAttemptUs = s.isNull(2) ? 0 : s.int64(2);
  }
  s.reset();
  store::Statement& e = m_db.cached(
      "SELECT last_error FROM outbox WHERE state IN ('waiting', 'failed') AND last_error <> '' ORDER BY "
      "next_attempt_us DESC LIMIT 1");
  if (e.step()) out.lastError = e.text(0);
  e.reset();
  return out;
}

}  // namespace frontline::desk
