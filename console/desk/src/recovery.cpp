// What the desk does when it starts: close, as events, the contacts a previous run left
// half-done (a crash, kill -9, power loss), so that this store and the central store agree
// that nothing is still ringing or connected; and the agent's list of unanswered calls.
//
// Only contacts this console offered are touched (the `offered` event's origin is ours):
// a supervisor's or agent's store also holds other consoles' contacts, which are theirs.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "desk_worker.h"

namespace frontline::desk {
namespace {

using Json = nlohmann::json;

struct Unfinished {
  std::string id;
  std::string channel;
  std::string status;
  std::int64_t lastEventUs = 0;
  bool outbound = false;  // a call the agent placed
};

// Each query matches one partial index of the schema exactly (0003, 0005), so a start
// reads only unfinished rows, whatever the size of the store.
constexpr const char* kUnfinishedQueries[] = {
    "SELECT id, channel, status, last_event_us, direction = 'out' FROM interactions WHERE status IN ('offered', "
    "'ringing') "
    "AND channel = 'voice'",
    "SELECT id, channel, status, last_event_us, direction = 'out' FROM interactions WHERE status IN ('connected', "
    "'held')",
    "SELECT id, channel, status, last_event_us, direction = 'out' FROM interactions WHERE status = 'ended' AND outcome "
    "= 'answered'",
};

}  // namespace

void Desk::Worker::recoverUnfinished(DeskSnapshot& next) {
  std::vector<Unfinished> found;
  for (const char* sql : kUnfinishedQueries) {
    store::Statement& s = m_db->cached(sql);
    while (s.step()) found.push_back({s.text(0), s.text(1), s.text(2), s.int64(3), s.int64(4) != 0});
  }
  store::Statement& ours = m_db->cached(
      "SELECT 1 FROM interaction_events WHERE interaction_id = ? AND origin = ? AND kind = 'offered' LIMIT 1");
  const std::string& origin = options().origin;
  store::Statement& consults = m_db->cached(
      "SELECT (SELECT COUNT(*) FROM interaction_events WHERE interaction_id = ? AND kind = 'consult_started') - "
      "(SELECT COUNT(*) FROM interaction_events WHERE interaction_id = ? AND kind = 'consult_ended')");
  const Json recovered = {{"cause", "console restarted"}, {"recovered", true}};
  std::vector<store::InteractionEvent> events;
  int missed = 0, ended = 0, returned = 0, wrapped = 0;
  for (const auto& u : found) {
    ours.bind(1, u.id).bind(2, origin);
    const bool mine = ours.step();
    ours.reset();
    if (!mine) continue;
    const auto add = [&](store::EventKind kind, std::int64_t ts, const Json& payload) {
      events.push_back({"", 0, u.id, ts, kind, origin, payload.dump()});
    };
    if ((u.status == "offered" || u.status == "ringing") && u.outbound) {
      // A call out that never connected: not a missed call, nobody called in.
      add(store::EventKind::NotReached, u.lastEventUs,
          {{"status", 0}, {"reason", "console restarted"}, {"recovered", true}});
      ++ended;
    } else if (u.status == "offered" || u.status == "ringing") {
      add(store::EventKind::Missed, u.lastEventUs, recovered);  // rang until the console went away
      ++missed;
    } else if (u.channel == "email" && (u.status == "connected" || u.status == "held")) {
      add(store::EventKind::Returned, now(), recovered);  // taken, never answered: waiting again
      ++returned;
    } else {
      if (u.status != "ended") {
        add(store::EventKind::Ended, u.lastEventUs, recovered);
        ++ended;
      }
      // A consultation (attended transfer) under way went with the console too.
      consults.bind(1, u.id).bind(2, u.id);
      if (consults.step() && consults.int64(0) > 0) add(store::EventKind::ConsultEnded, u.lastEventUs, recovered);
      consults.reset();
      // The wrap-up nobody finished: closed without a disposition, marked recovered.
      add(store::EventKind::Wrapped, u.lastEventUs, recovered);
      ++wrapped;
    }
  }
  if (events.empty()) return;
  m_log->append(std::move(events));
  std::string text = "Closed after a restart:";
  const auto part = [&](int n, const char* one, const char* many) {
    if (n > 0) text += " " + std::to_string(n) + " " + (n == 1 ? one : many) + ",";
  };
  part(missed, "ringing call missed", "ringing calls missed");
  part(ended, "call ended", "calls ended");
  part(returned, "taken email back in the queue", "taken emails back in the queue");
  part(wrapped, "contact wrapped up without a disposition", "contacts wrapped up without a disposition");
  text.pop_back();
  next.recovered = text;
}

void Desk::Worker::loadMissed(DeskSnapshot& next) {
  if (!m_db) return;
  // The last 24 hours, newest first; one row per caller (tries counted).
  store::Statement& s = m_db->cached(
      "SELECT i.id, i.address, i.display_name, i.outcome, i.offered_us, i.customer_id, "
      "COALESCE((SELECT json_extract(payload_json, '$.reason') FROM interaction_events e "
      "          WHERE e.interaction_id = i.id AND e.kind = 'declined' LIMIT 1), ''), "
      "COALESCE((SELECT display_name FROM customers WHERE id = i.customer_id), '') "
      "FROM interactions i WHERE channel = 'voice' AND direction <> 'out' AND outcome IN ('missed', 'declined', "
      "'cancelled') "
      "AND offered_us >= ? ORDER BY offered_us DESC LIMIT 500");
  s.bind(1, static_cast<std::int64_t>(now() - std::int64_t{24} * 3600 * 1'000'000));
  std::vector<MissedCall> rows;
  while (s.step()) {
    const std::string address = s.text(1);
    auto same = std::find_if(rows.begin(), rows.end(), [&](const MissedCall& m) { return m.address == address; });
    if (same != rows.end() && address != "anonymous") {
      ++same->tries;
      continue;
    }
    MissedCall m;
    m.interactionId = s.text(0);
    m.address = address;
    m.known = !s.isNull(5) && !s.text(7).empty();
    m.name = m.known ? s.text(7) : s.text(2);
    m.outcome = s.text(3);
    m.lastUs = s.int64(4);
    m.reason = s.text(6);
    rows.push_back(std::move(m));
  }
  s.reset();
  next.missed = std::move(rows);
}

}  // namespace frontline::desk
