// The pop's parts an interaction's projection decides; see desk_snapshot.h.
#include "desk/desk_snapshot.h"

namespace frontline::desk {

void setPopIdentity(ContactPop& pop, const store::InteractionRow& row, std::int64_t emailResponseUs) {
  pop.interactionId = row.id;
  if (row.externalId.rfind("sip:", 0) == 0) pop.sipCall = row.externalId.substr(4);
  pop.channel = fromStoreChannel(row.channel);
  pop.callerAddress = row.address;
  pop.callerName = row.displayName;
  pop.subject = row.subject;
  if (row.channel == "email") pop.responseDueUs = row.offeredUs + emailResponseUs;
}

void setPopProgress(ContactPop& pop, const store::InteractionRow& row) {
  pop.status = fromStoreStatus(row.status, row.direction == "out");
  pop.outbound = row.direction == "out";
  pop.alerting = row.status == "ringing";
  pop.outcome = row.outcome;
  pop.offeredUs = row.offeredUs;
  pop.answeredUs = row.answeredUs;
  pop.endedUs = row.endedUs;
  pop.note = row.note;
  pop.satisfactionExpected = row.satisfactionExpected;
  pop.satisfactionPerceived = row.satisfactionPerceived;
  pop.transferTo = row.transferTo;
  pop.transferState = row.transferState;
  pop.transferError = row.transferError;
}

}  // namespace frontline::desk
