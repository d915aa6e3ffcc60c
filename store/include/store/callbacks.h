// Callbacks to callers the agents missed: scheduled and done as events, read from their
// projection `callbacks` (kept by triggers on the event log, schema 6).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace frontline::store {

struct CallbackRow {
  std::string id;
  std::string interactionId;
  std::string address;
  std::string name;
  std::optional<std::int64_t> customerId;
  std::int64_t dueUs = 0;
  std::string note;
  std::string assignee;  // an agent id, or "" for anyone
  std::string scheduledBy;
  std::int64_t scheduledUs = 0;
  bool operator==(const CallbackRow&) const = default;
};

// The open callbacks `agentId` may make (theirs and anyone's), soonest due first.
std::vector<CallbackRow> loadOpenCallbacks(Database& db, const std::string& agentId, int limit = 500);
// One callback by id, whatever its status; nullopt when unknown.
std::optional<std::string> callbackStatus(Database& db, const std::string& callbackId);

}  // namespace frontline::store
