// Finding customers (Ctrl+F), and giving an unknown caller a customer: link the contact
// to one found, or create one from the contact's address.
#include <nlohmann/json.hpp>

#include "desk_worker.h"
#include "store/address.h"
#include "store/customer_search.h"
#include "store/customer_view.h"

namespace frontline::desk {
namespace {

using Json = nlohmann::json;

}  // namespace

void Desk::Worker::handle(const LookUpCustomer& c, DeskSnapshot& next) {
  requireStore();
  CustomerLookup lookup;
  lookup.query = c.text;
  if (auto address = store::normaliseAddress(c.text, options().defaultPhoneRegion)) lookup.normalised = address->value;
  lookup.matches = store::searchCustomers(*m_db, c.text, options().defaultPhoneRegion);
  if (lookup.matches.empty()) {
    lookup.error = c.text.find_first_not_of(" \t") == std::string::npos
                       ? "type a name, phone number, email address or order number"
                       : "no customer matches \"" + c.text + "\"";
  } else if (lookup.matches.size() == 1 || lookup.matches.front().matchedOn != "name") {
    lookup.view = store::loadCustomerViewById(*m_db, lookup.matches.front().customerId, now(), options().insight,
                                              options().viewLimits);
  }
  next.lookup = std::move(lookup);
}

void Desk::Worker::handle(const OpenCustomer& c, DeskSnapshot& next) {
  requireStore();
  auto view = store::loadCustomerViewById(*m_db, c.customerId, now(), options().insight, options().viewLimits);
  if (!view) throw store::StoreError("no customer " + std::to_string(c.customerId));
  if (!next.lookup) next.lookup.emplace();
  next.lookup->view = std::move(view);
}

namespace {

void renameQueued(DeskSnapshot& next, const std::string& interactionId, const store::CustomerView& view) {
  for (auto& q : next.queue) {
    if (q.interactionId != interactionId) continue;
    q.known = true;
    q.name = view.profile.displayName;
    q.quadrant = std::string(store::quadrantName(view.insight.quadrant));
  }
}

}  // namespace

void Desk::Worker::handle(const LinkCustomer& c, DeskSnapshot& next) {
  const auto row = interaction(c.interactionId);
  auto view = store::loadCustomerViewById(*m_db, c.customerId, now(), options().insight, options().viewLimits);
  if (!view) throw store::StoreError("no customer " + std::to_string(c.customerId));
  append(c.interactionId, store::EventKind::CustomerLinked, Json{{"customer_id", c.customerId}}.dump());
  // The view again: the linked contact is now part of the customer's history.
  view = store::loadCustomerViewById(*m_db, c.customerId, now(), options().insight, options().viewLimits);
  renameQueued(next, row.id, *view);
  if (next.pop && next.pop->interactionId == c.interactionId) next.pop->view = std::move(view);
}

void Desk::Worker::handle(const CreateCustomer& c, DeskSnapshot& next) {
  const auto row = interaction(c.interactionId);
  if (row.customerId) throw store::StoreError("the contact already belongs to a customer");
  const auto address = store::normaliseAddress(row.address, options().defaultPhoneRegion);
  if (!address) throw store::StoreError("the contact's address \"" + row.address + "\" cannot be kept for a customer");
  std::int64_t id = 0;
  {
    store::Transaction tx(*m_db);
    id = store::createCustomer(*m_db, c.displayName, *address, now());
    const Json payload = {{"customer_id", id},
                          {"created", true},
                          {"display_name", c.displayName},
                          {"address_kind", store::toString(address->kind)},
                          {"address", address->value}};
    append(c.interactionId, store::EventKind::CustomerLinked,
           payload.dump(-1, ' ', false, Json::error_handler_t::replace));
    tx.commit();
  }
  auto view = store::loadCustomerViewById(*m_db, id, now(), options().insight, options().viewLimits);
  if (!view) return;
  renameQueued(next, row.id, *view);
  if (next.pop && next.pop->interactionId == c.interactionId) next.pop->view = std::move(view);
}

}  // namespace frontline::desk
