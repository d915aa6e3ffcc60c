// Complaints and satisfaction on the contact in hand: open a complaint (its due times come
// from the SLA policy of its priority), respond to or resolve one of the customer's, and
// record the customer's expectation and perception (C = b / a).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "desk_worker.h"
#include "store/sla.h"

namespace frontline::desk {
namespace {

using Json = nlohmann::json;

}  // namespace

void Desk::Worker::handle(const OpenComplaint& c, DeskSnapshot& next) {
  const ContactPop& pop = contactInHand(next);
  const bool knownCategory = std::any_of(next.complaintCategories.begin(), next.complaintCategories.end(),
                                         [&](const Code& code) { return code.code == c.category; });
  if (!knownCategory) throw store::StoreError("choose a complaint category");
  const auto policy = store::loadSlaPolicy(*m_db, c.priority);
  if (!policy) throw store::StoreError("no SLA policy for priority \"" + c.priority + "\"");
  if (c.summary.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw store::StoreError("say in a few words what the complaint is about");
  }
  const auto row = interaction(pop.interactionId);
  const std::int64_t at = now();
  Json payload = {{"complaint_id", m_ids.next()},
                  {"category", c.category},
                  {"priority", c.priority},
                  {"summary", c.summary},
                  {"response_due_us", at + policy->firstResponseUs},
                  {"resolution_due_us", at + policy->resolutionUs}};
  if (row.customerId) payload["customer_id"] = *row.customerId;
  m_log->append(store::InteractionEvent{"", 0, pop.interactionId, at, store::EventKind::ComplaintOpened,
                                        options().origin,
                                        payload.dump(-1, ' ', false, Json::error_handler_t::replace)});
  reloadCustomer(next);
}

namespace {

store::ComplaintRow openComplaintOrThrow(store::Database& db, const std::string& id) {
  auto row = store::loadComplaint(db, id);
  if (!row) throw store::StoreError("no complaint " + id);
  if (row->status == "resolved") throw store::StoreError("the complaint is already resolved");
  return *row;
}

}  // namespace

void Desk::Worker::handle(const RespondComplaint& c, DeskSnapshot& next) {
  requireStore();
  const auto complaint = openComplaintOrThrow(*m_db, c.complaintId);
  if (complaint.firstResponseUs) throw store::StoreError("the complaint has had its first response");
  // The response belongs to the contact in which it was given (else to the complaint's own).
  const std::string in = next.pop ? next.pop->interactionId : complaint.interactionId;
  append(in, store::EventKind::ComplaintResponded, Json{{"complaint_id", c.complaintId}}.dump());
  reloadCustomer(next);
}

void Desk::Worker::handle(const ResolveComplaint& c, DeskSnapshot& next) {
  requireStore();
  const auto complaint = openComplaintOrThrow(*m_db, c.complaintId);
  const std::string in = next.pop ? next.pop->interactionId : complaint.interactionId;
  append(in, store::EventKind::ComplaintResolved, Json{{"complaint_id", c.complaintId}}.dump());
  reloadCustomer(next);
}

void Desk::Worker::handle(const RecordSatisfaction& c, DeskSnapshot& next) {
  const ContactPop& pop = contactInHand(next);
  if (c.expected < 1 || c.expected > 5 || c.perceived < 1 || c.perceived > 5) {
    throw store::StoreError("expectation and perception are each 1 to 5");
  }
  append(pop.interactionId, store::EventKind::Satisfaction,
         Json{{"expected", c.expected}, {"perceived", c.perceived}}.dump());
  refreshPop(next);
  reloadCustomer(next);
}

}  // namespace frontline::desk
