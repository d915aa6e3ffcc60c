// Contact point lookups; see contact_lookup.h.
#include "store/contact_lookup.h"

namespace frontline::store {

std::optional<std::int64_t> findCustomerId(Database& db, const ContactAddress& address) {
  Statement& s = db.cached("SELECT MIN(customer_id) FROM customer_addresses WHERE value = ? AND kind = ?");
  s.bind(1, address.value).bind(2, toString(address.kind));
  std::optional<std::int64_t> id;
  if (s.step()) id = s.optionalInt64(0);
  s.reset();
  return id;
}

bool customerBlocked(Database& db, std::int64_t customerId) {
  Statement& s = db.cached("SELECT blocked FROM customers WHERE id = ?");
  s.bind(1, customerId);
  const bool blocked = s.step() && s.int64(0) != 0;
  s.reset();
  return blocked;
}

std::optional<CallRef> findCallByExternalId(Database& db, const std::string& externalId) {
  if (externalId.empty()) return std::nullopt;
  Statement& s = db.cached(
      // "external_id <> ''" repeats the partial index's condition so the planner can use it.
      "SELECT id, answered_us IS NOT NULL, ended_us IS NOT NULL, direction = 'out', agent_id FROM interactions "
      "WHERE external_id = ? "
      "AND external_id <> '' ORDER BY offered_us DESC LIMIT 1");
  s.bind(1, externalId);
  std::optional<CallRef> ref;
  if (s.step()) ref = CallRef{s.text(0), s.int64(1) != 0, s.int64(2) != 0, s.int64(3) != 0, s.text(4)};
  s.reset();
  return ref;
}

std::optional<CallRef> findSipCallByCallId(Database& db, const std::string& callId) {
  if (callId.empty()) return std::nullopt;
  if (auto exact = findCallByExternalId(db, "sip:" + callId)) return exact;
  // A range of the external id index: every "sip:<callId>;from-tag=..." (';' + 1 is '<').
  Statement& s = db.cached(
      "SELECT id, answered_us IS NOT NULL, ended_us IS NOT NULL, direction = 'out', agent_id FROM interactions "
      "WHERE external_id >= ? AND external_id < ? AND external_id <> '' ORDER BY offered_us DESC LIMIT 1");
  s.bind(1, "sip:" + callId + ";").bind(2, "sip:" + callId + "<");
  std::optional<CallRef> ref;
  if (s.step()) ref = CallRef{s.text(0), s.int64(1) != 0, s.int64(2) != 0, s.int64(3) != 0, s.text(4)};
  s.reset();
  return ref;
}

std::optional<std::string> findInteractionByMessageIds(Database& db, const std::vector<std::string>& messageIds) {
  Statement& s = db.cached("SELECT interaction_id FROM email_messages WHERE message_id = ?");
  for (const auto& id : messageIds) {
    if (id.empty()) continue;
    s.bind(1, id);
    if (s.step()) {
      std::string interaction = s.text(0);
      s.reset();
      return interaction;
    }
    s.reset();
  }
  return std::nullopt;
}

bool emailMessageExists(Database& db, const std::string& messageId) {
  Statement& s = db.cached("SELECT 1 FROM email_messages WHERE message_id = ?");
  s.bind(1, messageId);
  const bool exists = s.step();
  s.reset();
  return exists;
}

}  // namespace frontline::store
