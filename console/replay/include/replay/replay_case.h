// A replay case: everything needed to rebuild, at any moment, what an agent saw during one
// contact (DESIGN.md "Replay"). Loaded from a store (the trainer's, or an exported case
// file, which is a small store of its own): the contact's events, the agent's state changes
// around it, the customer as of each moment the live desk loaded them (the pop, taking an
// email, linking, complaints, satisfaction, a reply sent), and the codes the desk showed.
// Immutable once loaded; shared between the trainer's worker and the UI.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "desk/desk_snapshot.h"
#include "replay/masking.h"
#include "store/customer_view.h"
#include "store/database.h"
#include "store/event.h"
#include "store/sla.h"

namespace frontline::replay {

// The customer card as the desk loaded it at `atUs`.
struct CustomerAsOf {
  std::int64_t atUs = 0;
  std::int64_t customerId = 0;
  store::CustomerView view;
};

struct ReplayCase {
  std::string interactionId;
  std::string agentId;  // who handled it ("" when nobody answered)
  bool masked = false;  // personal data is masked (always for an exported case)
  bool fromCaseFile = false;
  std::vector<store::InteractionEvent> events;       // the contact's own, in fold order
  std::vector<store::InteractionEvent> agentEvents;  // the agent's state changes around it
  // How the customer felt (emotion_scored, emotion_corrected), all of them: a rescore or a
  // trainer's correction after the wrap-up is not part of what the agent lived through, but
  // the trainer sees it (replay_timeline.h).
  std::vector<store::InteractionEvent> emotionEvents;
  std::vector<CustomerAsOf> customers;  // by atUs
  std::vector<desk::Code> dispositions, notReadyReasons, complaintCategories;
  std::vector<store::SlaPolicy> slaPolicies;
  std::int64_t emailResponseUs = 24LL * 3600 * 1'000'000;
  std::int64_t startUs = 0;  // the first event
  std::int64_t endUs = 0;    // the last event (at least startUs + 1 s)

  // The card of `customerId` as the desk had it at `t` (the latest load at or before t).
  const store::CustomerView* customerAt(std::int64_t customerId, std::int64_t t) const;
};

struct CaseOptions {
  store::InsightPolicy insight;
  store::ViewLimits limits;
  std::int64_t emailResponseUs = 24LL * 3600 * 1'000'000;
  std::int64_t agentContextUs = 30LL * 60 * 1'000'000;  // agent states this long before and after
};

// The case of `interactionId` from `db`, masked (names, addresses, bodies, notes) unless
// `unmasked`. Throws store::StoreError when the store has no such contact.
ReplayCase loadReplayCase(store::Database& db, const std::string& interactionId, const CaseOptions& options,
                          bool unmasked);

// The masker for a case: every customer of the case and every name the network or a
// sender gave, registered in the order they appear.
Masker maskerFor(const ReplayCase& unmaskedCase);
void maskCase(ReplayCase& c, const Masker& masker);

// Writes the masked case of `interactionId` as a self-contained case file at `outPath`
// (a Frontline store holding only that contact, the customer's masked card data and
// history up to its end, and the codes), replacing any file there. Returns what was written.
struct ExportSummary {
  std::int64_t events = 0;
  std::int64_t historyContacts = 0;
  std::int64_t orders = 0;
};
ExportSummary exportCase(store::Database& db, const std::string& interactionId, const std::string& outPath,
                         const CaseOptions& options);
// Whether the store at hand is a case file (site_settings.case_interaction set); its id.
std::optional<std::string> caseInteraction(store::Database& db);

}  // namespace frontline::replay
