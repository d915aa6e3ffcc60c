// Turns each ContactEvent from the listeners into interaction events in the local store,
// in one durable transaction per contact, and says where it went (DeliveryResult).
//
// - Email: the sender's address finds the customer; In-Reply-To / References join the
//   existing interaction (and so its complaint); a Message-ID seen before is not recorded
//   twice (a client that lost our 250 and resends gets the same answer).
// - CTI: newCall / answer / hangup by the PBX's callId; a blocked caller is recorded as
//   declined and rejected ("busy"); a hangup before answer is a missed call unless the
//   PBX forwarded it; repeated events for a call are not recorded twice. A transcript line
//   joins the call of that callId (a PBX's, else one our SIP listener took by that Call-ID),
//   whatever its state; a line for a call never seen is refused (unknownCall), not recorded.
// - SIP: an INVITE is offered and ringing (answered at once with auto-answer); CANCEL,
//   the caller's BYE and an unacknowledged 200 end it. The caller is P-Asserted-Identity,
//   else From; "anonymous" callers are recorded without an address. A consultation call
//   (the agent calling a colleague before an attended transfer) is no interaction of its
//   own: how it goes is recorded on the call being transferred (consult_* events).
// Unknown addresses become "unknown caller" contacts (no customer) for the agent to link.
// Each new contact gets its queue (METRICS.md "Contacts and queues"): the CTI event's
// queue, the SIP call's called user, the email's first recipient, each looked up
// (lowercase) in `queueAliases` ([[queues]] addresses) and kept as it is when not found.
//
// Thread: desk thread only (it writes through the desk's connection).
#pragma once

#include <functional>
#include <map>
#include <string>

#include "desk/clock.h"
#include "desk/uuid.h"
#include "store/contact_lookup.h"
#include "store/database.h"
#include "store/event_log.h"
#include "telephony/contact_event.h"

namespace frontline::desk {

// An email, or a customer's line of a call's transcript: the contact's emotion index is due.
bool carriesCustomerWords(const telephony::ContactEvent& event);

class ContactRecorder {
 public:
  ContactRecorder(store::Database& db, store::EventLog& log, std::string defaultPhoneRegion, Clock clock,
                  bool autoAnswer = false, std::map<std::string, std::string> queueAliases = {});

  // `busyReason`: why a SIP call cannot ring now (agent not available, all lines ringing):
  // it is declined with that reason and gets 486, unless auto-answer. Empty: it may ring.
  telephony::DeliveryResult record(const telephony::ContactEvent& event, const std::string& busyReason = {});
  // The agent placed the consultation call `sipKey` from the call `interactionId`: its
  // SIP events are recorded there until it ends.
  void addConsult(const std::string& sipKey, const std::string& interactionId);
  // The consultation of `interactionId` still under way (its SIP key), or "".
  std::string consultOf(const std::string& interactionId) const;
  // It ended on the agent's side (the agent ended it): its later events are not recorded.
  void dropConsult(const std::string& sipKey);

 private:
  telephony::DeliveryResult recordEmail(const telephony::ReceivedEmail& email);
  telephony::DeliveryResult recordCti(const telephony::CtiEvent& cti);
  telephony::DeliveryResult recordSip(const telephony::SipCallEvent& sip, const std::string& busyReason);
  telephony::DeliveryResult recordConsult(const telephony::SipCallEvent& sip, const std::string& interactionId);
  std::string newInteractionId();
  void completeCallback(const store::CallRef& call, const char* outcome, std::int64_t now,
                        std::vector<store::InteractionEvent>& events);
  std::string queueFor(std::string key) const;

  store::Database& m_db;
  store::EventLog& m_log;
  std::string m_region;
  Clock m_clock;
  bool m_autoAnswer;
  std::map<std::string, std::string> m_queueAliases;  // lowercase address -> queue name
  UuidGenerator m_ids;                                // interaction ids are random UUIDs
  std::map<std::string, std::string> m_consults;      // consultation SIP key -> the call's interaction
};

}  // namespace frontline::desk
