// The running figures of the floor: today's contacts folded into per-queue, per-channel,
// per-15-minute-interval counts (and per agent), the complaints of the last 30 days and
// every agent's state changes. Each change of a contact replaces that contact's
// contribution (remove the old, add the new), so an update costs the same whether the
// day has ten contacts or a million; a full recompute (a new FloorModel) happens only when
// the range changes (a new day). snapshot() turns the counts into the figures of
// METRICS.md at a given moment.
//
// Thread: one owner (the analytics worker, or `frontline report`); no locking.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "floor/floor_snapshot.h"
#include "store/projections.h"

namespace frontline::floor {

// A supervisor's latest request to an agent (agent_state_requested).
struct AgentRequest {
  std::int64_t tsUs = 0;
  std::string state;  // not_ready, logged_out
};

// What the snapshot needs besides the folded events (read by the worker from the store).
struct SnapshotInputs {
  std::map<std::string, std::string> agentNames;                         // id -> name
  std::set<std::string> notAgents;                                       // supervisors and trainers: not on the floor
  std::function<std::string(const store::InteractionRow&)> contactName;  // customer's or caller's name
  std::function<std::string(std::int64_t customerId)> customerName;
  std::function<std::string(std::int64_t customerId)> quadrantOf;
  std::map<std::string, FcrCounts> fcrByQueueChannel;  // "queue\nchannel" -> counts
  std::set<std::string> acknowledged;                  // alert keys
  std::map<std::string, AgentRequest> requests;        // agent id -> the latest request
  std::shared_ptr<const ValueOverview> value;          // recomputed every few minutes, shared by the snapshots
  // How customers felt (README "Emotion index"): a customer's feeling, and the days before
  // today by "queue\nchannel" and over all ("" key), oldest first.
  std::function<std::optional<emotion::CustomerFeeling>(std::int64_t customerId)> feelingOf;
  std::map<std::string, std::vector<FeelingDay>> feelingDays;
};

class FloorModel {
 public:
  // Contacts offered from `dayStartUs` on, complaints opened from `complaintsFromUs` on (or
  // still open). `keepContacts` false (reports): each contact is counted once and not
  // kept, so a range of a million contacts needs no memory per contact; it cannot be
  // updated later, and the snapshot has no waiting contacts or contact list.
  FloorModel(FloorSettings settings, std::int64_t dayStartUs, std::int64_t complaintsFromUs, bool keepContacts = true);

  void upsertContact(const store::InteractionRow& row);
  void upsertComplaint(const store::ComplaintRow& row);
  // An agent's state as it stands (the projection) and a change within today, in any order.
  void setAgentState(const store::AgentStateRow& row);
  void agentStateChanged(const std::string& agentId, std::int64_t tsUs, const std::string& state);
  // The state an agent was in when the day started.
  void setStateBeforeDay(const std::string& agentId, const std::string& state);

  std::int64_t dayStartUs() const { return m_dayStartUs; }
  const FloorSettings& settings() const { return m_settings; }
  // Counts of one queue and channel over [fromUs, toUs) by interval ("" queue/channel: all).
  QueueCounts counts(const std::string& queue, const std::string& channel, std::int64_t fromUs,
                     std::int64_t toUs) const;
  const std::unordered_map<std::string, store::InteractionRow>& contacts() const { return m_contacts; }
  const std::unordered_map<std::string, store::ComplaintRow>& complaints() const { return m_complaints; }

  FloorSnapshot snapshot(std::int64_t nowUs, const SnapshotInputs& inputs) const;

  using BucketKey = std::tuple<std::string, std::string, std::int64_t>;  // queue, channel, interval start
  const std::map<BucketKey, QueueCounts>& buckets() const { return m_buckets; }
  const std::map<std::string, QueueCounts>& byAgent() const { return m_byAgent; }

 private:
  void add(const store::InteractionRow& row, int sign);

  FloorSettings m_settings;
  std::int64_t m_dayStartUs;
  std::int64_t m_complaintsFromUs;
  bool m_keepContacts = true;
  std::unordered_map<std::string, store::InteractionRow> m_contacts;  // today's
  std::map<BucketKey, QueueCounts> m_buckets;
  std::map<std::string, QueueCounts> m_byAgent;  // today's, by the answering agent
  std::unordered_map<std::string, store::ComplaintRow> m_complaints;
  std::map<std::string, store::AgentStateRow> m_agents;
  std::map<std::string, std::vector<StateSpan>> m_stateChanges;  // today's, in time order
  std::map<std::string, std::string> m_stateBeforeDay;
};

// Figures for complaints opened in [fromUs, toUs) (METRICS.md "Complaints"); shared by the
// floor and `frontline report`.
ComplaintRangeFigures complaintFigures(const std::vector<const store::ComplaintRow*>& complaints, std::int64_t fromUs,
                                       std::int64_t toUs, const FloorSettings& settings);
// Whether a target was met or missed, if done (METRICS.md "SLA state").
enum class TargetOutcome { Open, Met, Missed };
TargetOutcome responseOutcome(const store::ComplaintRow& c);
TargetOutcome resolutionOutcome(const store::ComplaintRow& c);

}  // namespace frontline::floor
