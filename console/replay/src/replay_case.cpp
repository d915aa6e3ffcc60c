// Loading and exporting replay cases; see replay_case.h.
#include "replay/replay_case.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <set>
#include <tuple>

#include "store/event_log.h"
#include "store/event_reads.h"
#include "store/migrations.h"
#include "store/projections.h"

namespace frontline::replay {
namespace {

using store::EventKind;
using Json = nlohmann::json;

std::vector<desk::Code> loadCodes(store::Database& db, const char* table) {
  std::vector<desk::Code> codes;
  store::Statement& s = db.cached(std::string("SELECT code, label FROM ") + table + " ORDER BY sort_order, code");
  while (s.step()) codes.push_back({s.text(0), s.text(1)});
  return codes;
}

// The moments the live desk (re)loads the customer card: the pop (a call ringing), an
// email taken (a call answered keeps the card of its pop), a contact linked, complaint
// actions, satisfaction recorded, a reply sent.
bool reloadsCard(EventKind k, const store::InteractionRow& row) {
  switch (k) {
    case EventKind::Answered:
      return row.channel == "email";
    case EventKind::Offered:
    case EventKind::CustomerLinked:
    case EventKind::ComplaintOpened:
    case EventKind::ComplaintResponded:
    case EventKind::ComplaintResolved:
    case EventKind::Satisfaction:
    case EventKind::EmailSent:
      return true;
    default:
      return false;
  }
}

bool partOfContact(EventKind k) {
  const auto target = store::projectionTargetOf(k);
  return target == store::ProjectionTarget::Interaction || target == store::ProjectionTarget::Complaint;
}

Json parsed(const std::string& payload) {
  auto json = Json::parse(payload, nullptr, false);
  return json.is_discarded() ? Json::object() : json;
}

std::string dumped(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

const store::CustomerView* ReplayCase::customerAt(std::int64_t customerId, std::int64_t t) const {
  const store::CustomerView* found = nullptr;
  for (const auto& c : customers) {
    if (c.atUs > t) break;
    if (c.customerId == customerId) found = &c.view;
  }
  if (!found) {  // linked before the first load (e.g. at the same microsecond): the first load
    for (const auto& c : customers) {
      if (c.customerId == customerId) return &c.view;
    }
  }
  return found;
}

ReplayCase loadReplayCase(store::Database& db, const std::string& interactionId, const CaseOptions& options,
                          bool unmasked) {
  const auto row = store::loadInteraction(db, interactionId);
  if (!row) throw store::StoreError("no contact " + interactionId + " in " + db.path());
  ReplayCase c;
  c.interactionId = interactionId;
  c.agentId = row->agentId;
  c.emailResponseUs = options.emailResponseUs;
  for (auto& e : store::interactionEvents(db, interactionId)) {
    if (e.kind == EventKind::EmotionScored || e.kind == EventKind::EmotionCorrected) {
      c.emotionEvents.push_back(std::move(e));
    } else if (partOfContact(e.kind)) {
      c.events.push_back(std::move(e));
    }
  }
  if (c.events.empty()) throw store::StoreError("contact " + interactionId + " has no events in " + db.path());
  // The contact ends with its wrap-up: a complaint answered days later in its name is not
  // what the agent lived through (the customer card shows it, as of each moment).
  if (row->wrappedUs) {
    const std::int64_t wrapped = *row->wrappedUs;
    std::erase_if(c.events, [wrapped](const store::InteractionEvent& e) { return e.tsUs > wrapped; });
  }
  c.startUs = c.events.front().tsUs;
  c.endUs = std::max(c.events.back().tsUs, c.startUs + 1'000'000);
  if (!c.agentId.empty()) {
    c.agentEvents =
        store::agentStateEvents(db, c.agentId, c.startUs - options.agentContextUs, c.endUs + options.agentContextUs);
  }
  store::InteractionRow folded;
  std::set<std::pair<std::int64_t, std::int64_t>> loaded;  // (customer, at)
  for (const auto& e : c.events) {
    if (store::projectionTargetOf(e.kind) == store::ProjectionTarget::Interaction) store::applyToInteraction(folded, e);
    if (!reloadsCard(e.kind, folded) || !folded.customerId || !loaded.insert({*folded.customerId, e.tsUs}).second)
      continue;
    if (auto view = store::loadCustomerViewAsOf(db, *folded.customerId, e.tsUs, options.insight, options.limits)) {
      c.customers.push_back({e.tsUs, *folded.customerId, std::move(*view)});
    }
  }
  // The desk reads the card again as the contact in hand is scored (its history's feeling):
  // at each score within the contact, the customer it had then.
  for (const auto& scored : c.emotionEvents) {
    if (scored.kind != EventKind::EmotionScored || scored.tsUs < c.startUs || scored.tsUs > c.endUs) continue;
    store::InteractionRow then;
    for (const auto& e : c.events) {
      if (e.tsUs > scored.tsUs) break;
      if (store::projectionTargetOf(e.kind) == store::ProjectionTarget::Interaction) store::applyToInteraction(then, e);
    }
    if (!then.customerId || !loaded.insert({*then.customerId, scored.tsUs}).second) continue;
    if (auto view = store::loadCustomerViewAsOf(db, *then.customerId, scored.tsUs, options.insight, options.limits)) {
      c.customers.push_back({scored.tsUs, *then.customerId, std::move(*view)});
    }
  }
  std::stable_sort(c.customers.begin(), c.customers.end(),
                   [](const CustomerAsOf& a, const CustomerAsOf& b) { return a.atUs < b.atUs; });
  c.dispositions = loadCodes(db, "dispositions");
  c.notReadyReasons = loadCodes(db, "not_ready_reasons");
  c.complaintCategories = loadCodes(db, "complaint_categories");
  c.slaPolicies = store::loadSlaPolicies(db);
  c.fromCaseFile = caseInteraction(db).has_value();
  c.masked = c.fromCaseFile;  // a case file holds masked data only
  if (!unmasked && !c.masked) maskCase(c, maskerFor(c));
  return c;
}

Masker maskerFor(const ReplayCase& c) {
  Masker m;
  for (const auto& customer : c.customers) {
    m.addPerson(customer.view.profile.displayName, {customer.view.profile.sortName});
  }
  for (const auto& e : c.events) {
    if (e.kind != EventKind::Offered && e.kind != EventKind::EmailReceived) continue;
    const Json p = parsed(e.payloadJson);
    for (const char* key : {"display_name", "from_name"}) {
      const std::string name = p.is_object() ? p.value(key, std::string()) : std::string();
      if (!name.empty()) m.addPerson(name);
    }
  }
  return m;
}

void maskCase(ReplayCase& c, const Masker& masker) {
  for (auto* list : {&c.events, &c.agentEvents}) {
    for (auto& e : *list) {
      Json p = parsed(e.payloadJson);
      masker.maskPayload(p);
      e.payloadJson = dumped(p);
    }
  }
  for (auto& customer : c.customers) masker.mask(customer.view);
  c.masked = true;
}

std::optional<std::string> caseInteraction(store::Database& db) {
  store::Statement& s = db.cached("SELECT value FROM site_settings WHERE key = 'case_interaction'");
  std::optional<std::string> id;
  if (s.step()) id = s.text(0);
  s.reset();
  return id;
}

ExportSummary exportCase(store::Database& db, const std::string& interactionId, const std::string& outPath,
                         const CaseOptions& options) {
  const ReplayCase plain = loadReplayCase(db, interactionId, options, true);
  const Masker masker = maskerFor(plain);
  std::error_code ignored;
  std::filesystem::remove(outPath, ignored);
  std::filesystem::remove(outPath + "-wal", ignored);
  std::filesystem::remove(outPath + "-shm", ignored);
  store::Database out = store::Database::open(outPath);
  store::migrate(out);
  ExportSummary summary;
  {
    store::Statement attach(out.handle(), "ATTACH DATABASE ? AS source");  // not inside a transaction
    attach.bind(1, db.path()).run();
  }
  store::Transaction tx(out);
  // The codes and settings the desk showed, as they are.
  for (const char* table : {"dispositions", "not_ready_reasons", "complaint_categories", "sla_policies",
                            "exchange_rates", "site_settings"}) {
    out.exec(std::string("INSERT OR REPLACE INTO main.") + table + " SELECT * FROM source." + table);
  }
  std::set<std::int64_t> customers;
  for (const auto& c : plain.customers) customers.insert(c.customerId);
  std::vector<store::InteractionEvent> events = plain.events;
  events.insert(events.end(), plain.agentEvents.begin(), plain.agentEvents.end());
  events.insert(events.end(), plain.emotionEvents.begin(), plain.emotionEvents.end());
  for (const std::int64_t id : customers) {
    // The customer, masked; their orders up to the contact's end (no personal data in them).
    store::Statement& who = out.cached(
        "SELECT display_name, sort_name, country, language, customer_since_us, blocked, notes FROM source.customers "
        "WHERE id = ?");
    who.bind(1, id);
    if (!who.step()) continue;
    const std::string name = masker.name(who.text(0));
    store::Statement& put = out.cached(
        "INSERT INTO main.customers (id, display_name, sort_name, country, language, customer_since_us, blocked, "
        "notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    put.bind(1, id).bind(2, name).bind(3, name).bind(4, who.text(2)).bind(5, who.text(3)).bind(6, who.int64(4));
    put.bind(7, who.int64(5)).bind(8, masker.text(who.text(6)));
    who.reset();
    put.run();
    store::Statement& addresses =
        out.cached("SELECT kind, value, label FROM source.customer_addresses WHERE customer_id = ? ORDER BY id");
    addresses.bind(1, id);
    std::vector<std::array<std::string, 3>> rows;
    while (addresses.step()) rows.push_back({addresses.text(0), masker.address(addresses.text(1)), addresses.text(2)});
    for (const auto& r : rows) {
      out.cached("INSERT INTO main.customer_addresses (customer_id, kind, value, label) VALUES (?, ?, ?, ?)")
          .bind(1, id)
          .bind(2, r[0])
          .bind(3, r[1])
          .bind(4, r[2])
          .run();
    }
    store::Statement& orders =
        out.cached("INSERT INTO main.orders SELECT * FROM source.orders WHERE customer_id = ? AND ordered_us <= ?");
    orders.bind(1, id).bind(2, plain.endUs).run();
    summary.orders += out.changes();
    // Their earlier contacts and complaints, as events up to the end of this one.
    store::Statement& history = out.cached(
        "SELECT id FROM source.interactions WHERE customer_id = ? AND offered_us <= ? AND id <> ? "
        "ORDER BY offered_us DESC LIMIT ?");
    history.bind(1, id).bind(2, plain.endUs).bind(3, interactionId).bind(4, options.limits.history);
    std::vector<std::string> ids;
    while (history.step()) ids.push_back(history.text(0));
    summary.historyContacts += static_cast<std::int64_t>(ids.size());
    for (const auto& other : ids) {
      for (auto& e : store::interactionEvents(db, other, plain.endUs)) {
        if (partOfContact(e.kind)) events.push_back(std::move(e));
      }
    }
    store::Statement& complaints =
        out.cached("SELECT id FROM source.complaints WHERE customer_id = ? AND opened_us <= ? AND interaction_id <> ?");
    complaints.bind(1, id).bind(2, plain.endUs).bind(3, interactionId);
    std::vector<std::string> complaintIds;
    while (complaints.step()) complaintIds.push_back(complaints.text(0));
    for (const auto& complaint : complaintIds) {
      for (auto& e : store::complaintEvents(db, complaint, plain.endUs)) {
        if (e.interactionId != interactionId) events.push_back(std::move(e));
      }
    }
  }
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return std::tie(a.tsUs, a.origin, a.seq) < std::tie(b.tsUs, b.origin, b.seq);
  });
  events.erase(std::unique(events.begin(), events.end(),
                           [](const auto& a, const auto& b) { return a.origin == b.origin && a.seq == b.seq; }),
               events.end());
  for (auto& e : events) {
    Json p = parsed(e.payloadJson);
    masker.maskPayload(p);
    e.payloadJson = dumped(p);
    store::insertEventRow(out, e);
  }
  summary.events = static_cast<std::int64_t>(events.size());
  const store::Projections folded = store::foldLog(out);
  for (const auto& [id, row] : folded.interactions) store::saveInteraction(out, row);
  for (const auto& [id, row] : folded.complaints) store::saveComplaint(out, row);
  for (const auto& [id, row] : folded.agentStates) store::saveAgentState(out, row);
  for (const auto& [id, row] : folded.emailMessages) store::saveEmailMessage(out, row);
  out.cached("INSERT OR REPLACE INTO main.site_settings (key, value) VALUES ('case_interaction', ?)")
      .bind(1, interactionId)
      .run();
  tx.commit();
  out.exec("DETACH DATABASE source");
  out.exec("VACUUM");  // no page keeps anything but what is written above
  return summary;
}

}  // namespace frontline::replay
