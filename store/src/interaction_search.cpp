// The trainer's search over past contacts; see interaction_search.h.
#include "store/interaction_search.h"

namespace frontline::store {
namespace {

// A bound value: a number or a text.
struct Value {
  Value(std::int64_t v) : number(v) {}
  Value(std::string v) : text(std::move(v)), isText(true) {}
  std::int64_t number = 0;
  std::string text;
  bool isText = false;
};

struct Query {
  std::string where = "i.offered_us >= ? AND i.offered_us < ?";
  std::vector<Value> values;
  void add(const std::string& condition) { where += " AND " + condition; }
  void add(const std::string& condition, Value v) {
    add(condition);
    values.push_back(std::move(v));
  }
};

const char* orderOf(InteractionSort sort) {
  switch (sort) {
    case InteractionSort::OldestFirst:
      return "i.offered_us, i.id";
    // The expressions of interactions_by_handle and interactions_by_wait (schema 8).
    case InteractionSort::LongestHandle:
      return "(COALESCE(i.talk_us, 0) + COALESCE(i.acw_us, 0)) DESC, i.offered_us DESC";
    case InteractionSort::LongestWait:
      return "(COALESCE(i.wait_us, COALESCE(i.ended_us, i.last_event_us) - i.offered_us)) DESC, i.offered_us DESC";
    case InteractionSort::NewestFirst:
      break;
  }
  return "i.offered_us DESC, i.id DESC";
}

}  // namespace

InteractionPage searchInteractions(Database& db, const InteractionFilter& f, InteractionSort sort, int page,
                                   int pageSize) {
  Query q;
  // Longest handle or wait first: walk that order's index and test the dates on its
  // entries (the unary + keeps the planner off the date index, which would sort every
  // contact in the range: a second for a busy week of a 1,000,000-contact store).
  if (sort == InteractionSort::LongestHandle || sort == InteractionSort::LongestWait) {
    q.where = "+i.offered_us >= ? AND +i.offered_us < ?";
  }
  q.values = {f.fromUs, f.toUs};
  if (!f.agentId.empty()) q.add("i.agent_id = ?", f.agentId);
  if (!f.address.empty()) q.add("i.address = ?", f.address);
  if (!f.customerIds.empty()) {
    std::string in = "i.customer_id IN (";
    for (std::size_t k = 0; k < f.customerIds.size(); ++k) {
      in += k ? ", ?" : "?";
      q.values.push_back(f.customerIds[k]);
    }
    q.add(in + ")");
  }
  if (!f.channel.empty()) q.add("i.channel = ?", f.channel);
  if (!f.queue.empty()) q.add("i.queue = ?", f.queue);
  if (!f.disposition.empty()) q.add("i.disposition = ?", f.disposition);
  if (!f.outcome.empty()) q.add("i.outcome = ?", f.outcome);
  if (f.complaintOpened) q.add("EXISTS (SELECT 1 FROM complaints c WHERE c.interaction_id = i.id)");
  if (f.slaMissed) {
    // METRICS.md "Service level": answered after T, or abandoned after waiting longer
    // than T; T per channel. Or a complaint opened in it missed its response or resolution.
    q.add(
        "((CASE WHEN i.channel = 'email' THEN ? ELSE ? END) < "
        "COALESCE(i.wait_us, CASE WHEN i.outcome IN ('missed', 'cancelled') "
        "THEN COALESCE(i.ended_us, i.last_event_us) - i.offered_us END) "
        "OR EXISTS (SELECT 1 FROM complaints c WHERE c.interaction_id = i.id AND "
        "(COALESCE(c.first_response_us, c.resolved_us) > c.response_due_us OR c.resolved_us > c.resolution_due_us)))");
    q.values.push_back(f.emailSlaUs);
    q.values.push_back(f.voiceSlaUs);
  }
  if (f.minHandleUs) q.add("COALESCE(i.talk_us, 0) + COALESCE(i.acw_us, 0) >= ?", *f.minHandleUs);
  if (f.maxHandleUs) q.add("COALESCE(i.talk_us, 0) + COALESCE(i.acw_us, 0) <= ?", *f.maxHandleUs);
  if (f.satisfaction == "none") q.add("i.satisfaction_expected IS NULL");
  if (f.satisfaction == "recorded") q.add("i.satisfaction_expected > 0");
  if (f.satisfaction == "dissatisfied") q.add("i.satisfaction_perceived < i.satisfaction_expected");
  if (f.satisfaction == "satisfied") q.add("i.satisfaction_perceived = i.satisfaction_expected");
  if (f.satisfaction == "delighted") q.add("i.satisfaction_perceived > i.satisfaction_expected");

  // One row more than the page says whether another page follows.
  const std::string sql =
      "SELECT i.id, i.channel, i.direction, i.address, i.display_name, i.customer_id, COALESCE(cu.display_name, ''), "
      "i.subject, i.queue, i.agent_id, i.outcome, i.disposition, i.offered_us, i.wait_us, "
      "CASE WHEN i.talk_us IS NULL THEN NULL ELSE i.talk_us + COALESCE(i.acw_us, 0) END, "
      "i.satisfaction_expected, i.satisfaction_perceived, "
      "EXISTS (SELECT 1 FROM complaints c WHERE c.interaction_id = i.id) "
      "FROM interactions i LEFT JOIN customers cu ON cu.id = i.customer_id WHERE " +
      q.where + " ORDER BY " + orderOf(sort) + " LIMIT ? OFFSET ?";
  Statement& s = db.cached(sql);
  int n = 1;
  for (const auto& v : q.values) {
    if (v.isText) {
      s.bind(n++, v.text);
    } else {
      s.bind(n++, v.number);
    }
  }
  s.bind(n, static_cast<std::int64_t>(pageSize) + 1);
  s.bind(n + 1, static_cast<std::int64_t>(page) * pageSize);
  InteractionPage result;
  result.page = page;
  while (s.step()) {
    if (static_cast<int>(result.hits.size()) == pageSize) {
      result.more = true;
      s.reset();
      break;
    }
    InteractionHit h;
    h.id = s.text(0);
    h.channel = s.text(1);
    h.direction = s.text(2);
    h.address = s.text(3);
    h.displayName = s.text(4);
    h.customerId = s.optionalInt64(5);
    h.customerName = s.text(6);
    h.subject = s.text(7);
    h.queue = s.text(8);
    h.agentId = s.text(9);
    h.outcome = s.text(10);
    h.disposition = s.text(11);
    h.offeredUs = s.int64(12);
    h.waitUs = s.optionalInt64(13);
    h.handleUs = s.optionalInt64(14);
    h.satisfactionExpected = s.optionalInt64(15);
    h.satisfactionPerceived = s.optionalInt64(16);
    h.complaint = s.int64(17) != 0;
    result.hits.push_back(std::move(h));
  }
  return result;
}

}  // namespace frontline::store
