// The trainer's search over past contacts: filters, a sort and a page. Every filter is a
// condition on the interactions projection; the newest-first order walks an index
// (interactions_by_offered, _by_agent, _by_queue, _by_customer) and stops after the page,
// so a page costs the same on a store of 1,000,000 contacts (tests/bench/store_bench).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace frontline::store {

struct InteractionFilter {
  std::int64_t fromUs = 0;                               // offered at or after
  std::int64_t toUs = INT64_MAX;                         // offered before
  std::string agentId;                                   // "" any
  std::vector<std::int64_t> customerIds;                 // empty: any (see customerText)
  std::string address;                                   // the contact's normalised address ("" any)
  std::string channel;                                   // voice, email ("" any)
  std::string queue;                                     // "" any
  std::string disposition;                               // a disposition code ("" any)
  std::string outcome;                                   // answered, missed, cancelled, declined, open ("" any)
  bool complaintOpened = false;                          // only contacts in which a complaint was opened
  bool slaMissed = false;                                // only contacts that missed their service level
  std::int64_t voiceSlaUs = 20'000'000;                  // METRICS.md service level T for calls
  std::int64_t emailSlaUs = 86'400'000'000;              // ... and for emails (first response)
  std::optional<std::int64_t> minHandleUs, maxHandleUs;  // talk + wrap-up
  // Satisfaction C = b / a: "dissatisfied" (< 1), "satisfied" (= 1), "delighted" (> 1),
  // "recorded" (any), "none" (not recorded); "" any.
  std::string satisfaction;
};

enum class InteractionSort { NewestFirst, OldestFirst, LongestHandle, LongestWait };

struct InteractionHit {
  std::string id;
  std::string channel;
  std::string direction;
  std::string address;
  std::string displayName;  // the network's or sender's
  std::optional<std::int64_t> customerId;
  std::string customerName;
  std::string subject;
  std::string queue;
  std::string agentId;
  std::string outcome;
  std::string disposition;
  std::int64_t offeredUs = 0;
  std::optional<std::int64_t> waitUs, handleUs;
  std::optional<std::int64_t> satisfactionExpected, satisfactionPerceived;
  bool complaint = false;  // a complaint was opened in it
};

struct InteractionPage {
  std::vector<InteractionHit> hits;
  int page = 0;       // 0-based
  bool more = false;  // a next page exists
};

// Page `page` (0-based) of `pageSize` contacts matching `filter`, in `sort` order.
InteractionPage searchInteractions(Database& db, const InteractionFilter& filter, InteractionSort sort, int page,
                                   int pageSize = 50);

}  // namespace frontline::store
