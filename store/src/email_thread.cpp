// Email conversations; see email_thread.h.
#include "store/email_thread.h"

namespace frontline::store {

std::vector<EmailMessageRow> loadEmailThread(Database& db, const std::string& interactionId) {
  Statement& s = db.cached(
      "SELECT message_id, interaction_id, received_us, from_address, from_name, subject, body_text, "
      "attachments_json, in_reply_to, direction FROM email_messages WHERE interaction_id = ? "
      "ORDER BY received_us, rowid");
  s.bind(1, interactionId);
  std::vector<EmailMessageRow> thread;
  while (s.step()) {
    thread.push_back({s.text(0), s.text(1), s.int64(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
                      s.text(8), s.text(9)});
  }
  return thread;
}

std::vector<InteractionRow> loadWaitingEmails(Database& db, int limit) {
  Statement& s = db.cached(
      "SELECT id FROM interactions WHERE status IN ('offered', 'ringing') AND channel = 'email' "
      "ORDER BY offered_us LIMIT ?");
  s.bind(1, limit);
  std::vector<std::string> ids;
  while (s.step()) ids.push_back(s.text(0));
  std::vector<InteractionRow> rows;
  for (const auto& id : ids) {
    if (auto row = loadInteraction(db, id)) rows.push_back(std::move(*row));
  }
  return rows;
}

}  // namespace frontline::store
