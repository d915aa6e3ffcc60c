// Point lookups the desk makes when a contact arrives: which customer owns an address,
// whether they are blocked, which interaction a call id or an email thread belongs to.
// Every query uses an index; statements are prepared once per connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/address.h"
#include "store/database.h"

namespace frontline::store {

// The customer whose normalised address this is (lowest id when shared).
std::optional<std::int64_t> findCustomerId(Database& db, const ContactAddress& address);
bool customerBlocked(Database& db, std::int64_t customerId);

struct CallRef {
  std::string interactionId;
  bool answered = false;
  bool ended = false;
  bool outbound = false;  // a call the agent placed
  std::string agentId;    // who has it (who placed it, for a call out)
};
// The interaction recorded for a PBX or SIP call id ("cti:..." / "sip:...").
std::optional<CallRef> findCallByExternalId(Database& db, const std::string& externalId);
// The latest SIP call our listener recorded with this Call-ID (its external id is
// "sip:" + Call-ID + ";from-tag=" + the caller's tag): what a PBX knows it by.
std::optional<CallRef> findSipCallByCallId(Database& db, const std::string& callId);

// The interaction of the first of `messageIds` that is a known email (for threading).
std::optional<std::string> findInteractionByMessageIds(Database& db, const std::vector<std::string>& messageIds);
bool emailMessageExists(Database& db, const std::string& messageId);

}  // namespace frontline::store
