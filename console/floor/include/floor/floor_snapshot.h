// What the supervisor's workspace draws: an immutable picture of the floor, published by
// the analytics worker (analytics_worker.h) like the desk publishes its DeskSnapshot.
// Every figure in it is computed by metrics.h as shared METRICS.md defines it.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emotion/interaction_feeling.h"
#include "floor/metrics.h"

namespace frontline::floor {

enum class Tone { Normal, Amber, Red };

struct AgentCurrentContact {
  std::string interactionId;
  std::string channel;       // voice, email
  std::string customer;      // name, else the address
  std::string quadrant;      // value x loyalty quadrant name, "" when unknown
  std::int64_t sinceUs = 0;  // answered
  // A call's sound (README "Call quality"): its latest grade and MOS; "" / nullopt before
  // the first score.
  std::string qualityGrade;
  std::optional<double> mos;
  // How the customer feels so far (README "Emotion index"): the contact's index from their
  // words (an email's, a call's transcript as the PBX posts it), nullopt without enough of
  // them; and a recorded call's voice arousal x 100 (after the call). An estimate about the
  // customer, never the agent's score.
  std::optional<int> feeling;
  int arousalX100 = 0;
};

// A contact in hand this far under neutral raises the floor alert "upset on a contact".
inline constexpr int kUpsetAlertIndex = -50;

struct FloorAgent {
  std::string id;
  std::string name;
  std::string team;
  std::string state;  // available, not_ready, on_contact, wrap_up, logged_out
  std::string reason;
  std::int64_t sinceUs = 0;  // METRICS.md "time in state": from the last agent_state event
  Tone tone = Tone::Normal;  // from the [floor] thresholds at snapshot time
  std::optional<AgentCurrentContact> contact;
  std::int64_t handledToday = 0;          // METRICS.md "handled"
  std::optional<double> ahtSecondsToday;  // METRICS.md "AHT"
  std::optional<double> occupancyToday;   // METRICS.md "occupancy"
  std::string pendingRequest;             // "not_ready" / "logged_out" asked by a supervisor, not yet obeyed
  // README "Call quality": today's answered calls with a score, and those whose worst
  // grade was poor (the agent's line, headset or network may need a look).
  std::int64_t scoredCallsToday = 0;
  std::int64_t poorCallsToday = 0;
};

struct IntervalPoint {
  std::int64_t startUs = 0;
  std::int64_t offered = 0;
  std::optional<double> serviceLevel;
};

// How customers felt on a day (README "Emotion index"): the mean index of the day's
// contacts with one. An estimate; never an agent's score.
inline constexpr int kFeelingDays = 30;  // today and the 29 days before it

struct FeelingDay {
  std::int64_t dayStartUs = 0;
  std::optional<double> average;
  std::int64_t scored = 0;  // contacts with an index
};

struct FloorQueue {
  std::string name;  // interactions.queue
  std::string label;
  std::string channel;  // voice, email
  double targetPercent = 80;
  std::int64_t answerWithinUs = 0;
  std::int64_t waiting = 0;
  std::int64_t oldestWaitingSinceUs = 0;  // METRICS.md "longest wait" = now - this; 0: nobody waits
  QueueCounts today;                      // with waitingYoung applied at snapshot time
  FcrCounts fcr;                          // over the FCR window before today
  std::optional<double> serviceLevel, asaSeconds, ahtSeconds, abandonmentRate;
  ErlangC predicted;                     // for the next contact, from the last 60 minutes
  std::vector<IntervalPoint> intervals;  // today's 15-minute intervals, oldest first
  std::vector<FeelingDay> feeling;       // the last 30 days, oldest first; today (last) live
};

enum class ComplaintState { OnTrack, AtRisk, Breached };

struct ComplaintCard {
  std::string id;
  std::string customer;
  std::optional<std::int64_t> customerId;
  std::string category;
  std::string priority;
  std::string summary;
  std::string owner;  // agent id
  std::string team;
  bool awaitingFirstResponse = true;  // else awaiting resolution
  std::int64_t openedUs = 0;
  std::int64_t dueUs = 0;  // of the target it now runs against
  ComplaintState state = ComplaintState::OnTrack;
  std::int64_t predictedUs = 0;                     // predicted response (or resolution); INT64_MAX: nobody to answer
  double breachProbability = 0;                     // 1 - SL(due - now) by Erlang C, for first responses
  std::string why;                                  // how the prediction was made, for the tooltip
  std::string clock = "24/7";                       // the calendar its due times run on
  std::optional<emotion::CustomerFeeling> feeling;  // the customer's (an estimate): colours the card
};

// First-response and resolution times for one group (a priority, category, agent, team).
struct ComplaintTimes {
  std::string key;
  std::int64_t opened = 0;
  std::vector<std::int64_t> firstResponseUs, resolutionUs;  // of those done
  std::int64_t responseMet = 0, responseMissed = 0, resolutionMet = 0, resolutionMissed = 0;
  std::optional<std::int64_t> firstResponseP50() const { return percentile(firstResponseUs, 50); }
  std::optional<std::int64_t> firstResponseP90() const { return percentile(firstResponseUs, 90); }
  std::optional<std::int64_t> resolutionP50() const { return percentile(resolutionUs, 50); }
  std::optional<std::int64_t> resolutionP90() const { return percentile(resolutionUs, 90); }
  // METRICS.md "share within SLA": met / (met + missed); open ones are not counted.
  std::optional<double> responseShare() const;
  std::optional<double> resolutionShare() const;
};

struct ComplaintRangeFigures {
  int days = 1;  // 1 = today
  std::vector<ComplaintTimes> byPriority, byCategory, byAgent, byTeam;
  ComplaintTimes all;
};

struct DailyTrend {
  std::int64_t dayStartUs = 0;
  std::optional<std::int64_t> firstResponseP50, resolutionP50;
  std::optional<double> responseShare, resolutionShare;
};

struct WinBackCustomer {
  std::int64_t customerId = 0;
  std::string name;
  std::int64_t revenueMinor = 0;
  std::string lifecycle;
  std::string quadrant;
  std::optional<emotion::CustomerFeeling> feeling;
};

inline constexpr std::int8_t kNoFeeling = INT8_MIN;

struct ValueOverview {
  std::string currency;
  std::int64_t customers = 0;
  std::vector<std::int64_t> revenueSorted;       // descending, for the Pareto curve
  double topFifthShare = 0;                      // share of revenue from the top 20 % of customers
  double customersForFourFifths = 0;             // share of customers that make 80 % of revenue
  std::array<std::int64_t, 4> quadrantCounts{};  // True friend, Butterfly, Barnacle, Stranger
  std::vector<WinBackCustomer> winBack;          // highest revenue first
  // Beside revenueSorted: each customer's feeling (-100..+100, decayed), kNoFeeling unknown.
  std::vector<std::int8_t> feelingSorted;
  // High value (true friends, butterflies) and feeling worse (their last contact 15 points
  // or more under their average before it): a win-back signal. Highest revenue first.
  std::vector<WinBackCustomer> feelingWorse;
  std::int64_t customersWithFeeling = 0;
};

struct FloorAlert {
  std::string key;  // stable while the condition lasts; acknowledging records it
  std::string text;
  bool red = false;
  std::int64_t sinceUs = 0;
  std::string subject;  // "complaint:<id>", "queue:<name>", "agent:<id>"
};

// A contact for the drill-downs (today's contacts).
struct FloorContact {
  std::string id;
  std::string queue;
  std::string channel;
  std::string agentId;
  std::string customer;
  std::optional<std::int64_t> customerId;
  std::string outcome;
  std::string status;
  std::int64_t offeredUs = 0;
  std::optional<std::int64_t> waitUs, handleUs;
  std::string qualityGrade, worstGrade;  // calls: README "Call quality"
  std::optional<double> mos;
};

struct FloorSnapshot {
  std::uint64_t version = 0;
  bool ready = false;  // the first full computation is done
  std::string error;   // why the figures could not be read (shown in the banner)
  std::int64_t computedUs = 0;
  std::int64_t dayStartUs = 0;
  std::int64_t eventsFolded = 0;  // since start
  std::int64_t lastEventUs = 0;   // the newest event folded (its own timestamp)
  std::vector<FloorAgent> agents;
  std::vector<FloorQueue> queues;
  std::vector<ComplaintCard> openComplaints;  // sorted by time to breach
  std::int64_t responseMetToday = 0, responseMissedToday = 0, resolutionMetToday = 0, resolutionMissedToday = 0;
  std::array<ComplaintRangeFigures, 3> complaintRanges;  // today, 7 days, 30 days
  std::vector<DailyTrend> trend;                         // the last 30 days, oldest first
  std::vector<FeelingDay> feeling;                       // all queues, the last 30 days, oldest first
  std::shared_ptr<const ValueOverview> value;            // null until first computed
  std::vector<FloorAlert> alerts;                        // not yet acknowledged
  std::vector<FloorContact> contactsToday;
  ErlangC complaintPrediction;  // the figures the at-risk prediction used
};

using FloorSnapshotPtr = std::shared_ptr<const FloorSnapshot>;

}  // namespace frontline::floor
