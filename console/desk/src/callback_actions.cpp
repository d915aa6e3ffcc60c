// Callbacks: the agent schedules one to a missed caller (for themselves or anyone), and
// marks it made, not reached or cancelled. Recorded as events on the interaction it calls
// back; the store's `callbacks` projection (schema 6) follows by trigger, also for events
// pulled from other consoles.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "desk_worker.h"
#include "store/callbacks.h"

namespace frontline::desk {
namespace {

using Json = nlohmann::json;

}  // namespace

void Desk::Worker::handle(const ScheduleCallback& c, DeskSnapshot& next) {
  const auto row = interaction(c.interactionId);
  if (row.address.empty() || row.address == "anonymous") {
    throw store::StoreError("an anonymous caller cannot be called back: there is no number");
  }
  if (c.dueUs <= 0) throw store::StoreError("a callback needs a date and time");
  Json payload = {{"callback_id", m_ids.next()},
                  {"address", row.address},
                  {"name", row.displayName},
                  {"due_us", c.dueUs},
                  {"note", c.note},
                  {"assignee", c.forAnyone ? std::string() : options().origin}};
  if (row.customerId) {
    payload["customer_id"] = *row.customerId;
    store::Statement& s = m_db->cached("SELECT display_name FROM customers WHERE id = ?");
    s.bind(1, *row.customerId);
    if (s.step()) payload["name"] = s.text(0);
    s.reset();
  }
  append(c.interactionId, store::EventKind::CallbackScheduled,
         payload.dump(-1, ' ', false, Json::error_handler_t::replace));
  next.callbacks = store::loadOpenCallbacks(*m_db, options().origin);
}

void Desk::Worker::handle(const CompleteCallback& c, DeskSnapshot& next) {
  requireStore();
  if (c.outcome != "called" && c.outcome != "not_reached" && c.outcome != "cancelled") {
    throw store::StoreError("a callback ends as called, not_reached or cancelled, not '" + c.outcome + "'");
  }
  const auto found = std::find_if(next.callbacks.begin(), next.callbacks.end(),
                                  [&](const store::CallbackRow& r) { return r.id == c.callbackId; });
  if (found == next.callbacks.end()) {
    const auto status = store::callbackStatus(*m_db, c.callbackId);
    throw store::StoreError(status ? "that callback is already " + *status : "no callback " + c.callbackId);
  }
  const Json payload = {{"callback_id", c.callbackId}, {"outcome", c.outcome}};
  append(found->interactionId, store::EventKind::CallbackDone, payload.dump());
  next.callbacks = store::loadOpenCallbacks(*m_db, options().origin);
}

void Desk::Worker::handle(const RefreshCallbacks&, DeskSnapshot& next) {
  if (!m_db) return;
  next.callbacks = store::loadOpenCallbacks(*m_db, options().origin);
  if (options().takesContacts) obeyRequest(next);  // a supervisor's request may have come with the pull
  next.evaluations = loadEvaluations();            // and a trainer's evaluation
}

}  // namespace frontline::desk
