// What the UI renders: an immutable picture of the desk, published as
// shared_ptr<const DeskSnapshot> by the desk thread after every change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "desk/agent_state.h"
#include "store/customer_view.h"
#include "store/store_summary.h"

namespace frontline::desk {

struct CustomerLookup {
  std::string query;                        // what the user typed
  std::string normalised;                   // E.164 or lowercase email; empty when unreadable
  std::optional<store::CustomerView> view;  // empty: unknown address
  std::string error;                        // why the text is not an address
};

// The screen pop for the latest offered call: who is calling, and their CustomerView.
struct CallPop {
  std::string interactionId;
  std::string callerAddress;                // E.164, or "anonymous", or what the network sent
  std::string callerName;                   // the network's display name
  std::optional<store::CustomerView> view;  // empty: unknown caller
  std::string status = "ringing";           // ringing, connected, ended, wrapped (the interaction's)
  std::string outcome;                      // open, answered, missed, cancelled, declined
  std::int64_t offeredUs = 0;
  std::optional<std::int64_t> answeredUs, endedUs;
  std::string note;  // as last saved
};

struct Code {
  std::string code;
  std::string label;
};

struct DeskSnapshot {
  std::uint64_t version = 0;  // increases with every publication
  std::int64_t publishedUs = 0;
  bool storeReady = false;  // the store is open and migrated
  std::string storePath;
  std::optional<store::StoreSummary> summary;
  std::optional<CustomerLookup> lookup;
  std::optional<CallPop> pop;
  std::string agentId;
  AgentStatus agent;
  std::vector<Code> notReadyReasons;  // configurable codes from the store
  std::vector<Code> dispositions;
  std::uint64_t contactsRecorded = 0;  // contacts from the listeners since start
  std::string lastContact;             // "email from ann@example.com", for the status line
  std::string lastError;               // the most recent failure, for the status line
};

}  // namespace frontline::desk
