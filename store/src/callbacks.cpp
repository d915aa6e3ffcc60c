// Reading callbacks; see callbacks.h.
#include "store/callbacks.h"

namespace frontline::store {

std::vector<CallbackRow> loadOpenCallbacks(Database& db, const std::string& agentId, int limit) {
  Statement& s = db.cached(
      "SELECT id, interaction_id, address, name, customer_id, due_us, note, assignee, scheduled_by, scheduled_us "
      "FROM callbacks WHERE status = 'open' AND assignee IN ('', ?1) ORDER BY due_us LIMIT ?2");
  s.bind(1, agentId).bind(2, limit);
  std::vector<CallbackRow> rows;
  while (s.step()) {
    rows.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.optionalInt64(4), s.int64(5), s.text(6), s.text(7),
                    s.text(8), s.int64(9)});
  }
  return rows;
}

std::optional<std::string> callbackStatus(Database& db, const std::string& callbackId) {
  Statement& s = db.cached("SELECT status FROM callbacks WHERE id = ?");
  s.bind(1, callbackId);
  std::optional<std::string> status;
  if (s.step()) status = s.text(0);
  s.reset();
  return status;
}

}  // namespace frontline::store
