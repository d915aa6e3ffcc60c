// The supervisor's figures (shared METRICS.md) on scripted event logs with known answers:
// every metric at its edges, percentiles, Erlang C against published values, the at-risk
// prediction, and the incremental fold equal to a full recompute.
#include <catch2/catch.hpp>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <random>

#include <nlohmann/json.hpp>

#include "floor/analytics_worker.h"
#include "floor/floor_model.h"
#include "floor/floor_reads.h"
#include "floor/metrics.h"
#include "floor/report.h"
#include "store/customer_feeling.h"
#include "store/event_log.h"
#include "test_support.h"

using namespace frontline;
using floor::kMinuteUs;
using floor::kSecondUs;
using store::EventKind;
using store::InteractionEvent;

namespace {

constexpr std::int64_t kDay = test::kTestNowUs;  // 2026-06-01 00:00 UTC: "today" starts here
constexpr std::int64_t kHour = 60 * kMinuteUs;

floor::FloorSettings settings() {
  floor::FloorSettings s;
  floor::QueueSettings sales;
  sales.name = "sales";
  sales.answerWithinUs = 20 * kSecondUs;
  sales.shortAbandonUs = 5 * kSecondUs;
  s.queues.push_back(sales);
  s.teamOf["agent-1"] = "Blue";
  return s;
}

// Writes a contact's events as a console would.
class Script {
 public:
  explicit Script(store::Database& db, std::string origin = "agent-1")
      : m_log(db, origin), m_agent(std::move(origin)) {}

  std::string offer(std::int64_t at, const std::string& queue = "sales", std::optional<std::int64_t> customer = {},
                    const std::string& channel = "voice") {
    const std::string id = "c" + std::to_string(++m_n);
    nlohmann::json p = {{"channel", channel}, {"direction", "in"}, {"address", "+441"}, {"queue", queue}};
    if (customer) p["customer_id"] = *customer;
    add(id, at, EventKind::Offered, p.dump(), "");
    return id;
  }
  void add(const std::string& id, std::int64_t at, EventKind kind, std::string payload = "{}",
           std::string agent = "-") {
    m_log.append(InteractionEvent{"", 0, id, at, kind, agent == "-" ? m_agent : agent, std::move(payload)});
  }
  // Offered, answered after `wait`, ended after `talk`, wrapped after `acw` (0: not yet).
  std::string handled(std::int64_t at, std::int64_t wait, std::int64_t talk, std::int64_t acw,
                      const std::string& queue = "sales", std::optional<std::int64_t> customer = {}) {
    const std::string id = offer(at, queue, customer);
    add(id, at + wait, EventKind::Answered);
    add(id, at + wait + talk, EventKind::Ended);
    if (acw > 0) add(id, at + wait + talk + acw, EventKind::Wrapped);
    return id;
  }
  void state(std::int64_t at, const std::string& state, const std::string& agent = "agent-1") {
    m_log.append(InteractionEvent{"", 0, "", at, EventKind::AgentState, agent,
                                  nlohmann::json{{"state", state}, {"reason", ""}}.dump()});
  }
  void complaint(const std::string& id, std::int64_t at, std::int64_t responseDue, std::int64_t resolutionDue,
                 const std::string& priority = "high") {
    const std::string contact = offer(at);
    add(contact, at, EventKind::ComplaintOpened,
        nlohmann::json{{"complaint_id", id},
                       {"category", "delivery"},
                       {"priority", priority},
                       {"summary", "Parcel lost " + id},
                       {"response_due_us", responseDue},
                       {"resolution_due_us", resolutionDue}}
            .dump());
  }

 private:
  store::EventLog m_log;
  std::string m_agent;
  int m_n = 0;
};

const floor::FloorQueue& queueOf(const floor::FloorSnapshot& s, const std::string& name,
                                 const std::string& channel = "voice") {
  for (const auto& q : s.queues)
    if (q.name == name && q.channel == channel) return q;
  FAIL("no queue " << name << " / " << channel << " in the snapshot");
  throw;
}

}  // namespace

TEST_CASE("METRICS.md: service level, ASA, AHT and abandonment at their edges", "[floor]") {
  auto db = test::migratedMemoryStore();
  Script s(db);
  const std::int64_t now = kDay + 10 * kHour;
  s.handled(kDay + 9 * kHour, 10 * kSecondUs, 90 * kSecondUs, 30 * kSecondUs);              // within T; handle 120 s
  s.handled(kDay + 9 * kHour + kMinuteUs, 30 * kSecondUs, 30 * kSecondUs, 10 * kSecondUs);  // late; handle 40 s
  const auto shortAbandon = s.offer(kDay + 9 * kHour + 2 * kMinuteUs);
  s.add(shortAbandon, kDay + 9 * kHour + 2 * kMinuteUs + 3 * kSecondUs, EventKind::Cancelled);
  const auto abandon = s.offer(kDay + 9 * kHour + 3 * kMinuteUs);
  s.add(abandon, kDay + 9 * kHour + 3 * kMinuteUs + 40 * kSecondUs, EventKind::Cancelled);
  const auto missed = s.offer(kDay + 9 * kHour + 4 * kMinuteUs);
  s.add(missed, kDay + 9 * kHour + 5 * kMinuteUs, EventKind::Missed);
  s.offer(now - 10 * kSecondUs);  // waiting, younger than T: not counted yet
  s.offer(now - 60 * kSecondUs);  // waiting, older than T: counts against

  const auto model = floor::loadFloorModel(db, settings(), kDay);
  const auto snap = model.snapshot(now, {});
  const auto& q = queueOf(snap, "sales");
  CHECK(q.today.offered == 7);
  CHECK(q.today.answered == 2);
  CHECK(q.today.abandoned == 2);
  CHECK(q.today.shortAbandoned == 1);
  CHECK(q.today.missed == 1);
  CHECK(q.today.waitingYoung == 1);
  // SL = within T / (offered - short abandons - waiting younger than T) = 1 / (7 - 1 - 1)
  REQUIRE(q.serviceLevel);
  CHECK(*q.serviceLevel == Approx(0.2));
  CHECK(*q.asaSeconds == Approx(20.0));            // (10 + 30) / 2
  CHECK(*q.ahtSeconds == Approx(80.0));            // (120 + 40) / 2
  CHECK(*q.abandonmentRate == Approx(1.0 / 6.0));  // (2 - 1) / (7 - 1)
  CHECK(q.waiting == 2);
  CHECK(now - q.oldestWaitingSinceUs == 60 * kSecondUs);
}

TEST_CASE("METRICS.md: no answered contacts, no figures; a contact belongs to the interval it was offered in",
          "[floor]") {
  auto db = test::migratedMemoryStore();
  Script s(db);
  const std::int64_t now = kDay + 10 * kHour;
  {
    const auto snap = floor::loadFloorModel(db, settings(), kDay).snapshot(now, {});
    const auto& q = queueOf(snap, "sales");  // a configured queue shows before its first contact
    CHECK_FALSE(q.serviceLevel);
    CHECK_FALSE(q.asaSeconds);
    CHECK_FALSE(q.ahtSeconds);
    CHECK_FALSE(q.abandonmentRate);
  }
  const auto missed = s.offer(kDay + 9 * kHour + 14 * kMinuteUs + 50 * kSecondUs);
  s.add(missed, kDay + 9 * kHour + 16 * kMinuteUs, EventKind::Missed);
  const auto snap = floor::loadFloorModel(db, settings(), kDay).snapshot(now, {});
  const auto& q = queueOf(snap, "sales");
  CHECK(*q.serviceLevel == Approx(0.0));
  CHECK_FALSE(q.asaSeconds);
  CHECK_FALSE(q.ahtSeconds);
  // Today's intervals from midnight: 9:00 (index 36) has it, 9:15 (37) does not.
  REQUIRE(q.intervals.size() == 41);  // 00:00 .. 10:00
  CHECK(q.intervals[36].offered == 1);
  CHECK(q.intervals[37].offered == 0);
}

TEST_CASE("METRICS.md: occupancy with an agent logged out mid-contact; time in state survives a restart", "[floor]") {
  auto db = test::migratedMemoryStore();
  Script s(db);
  s.state(kDay + 8 * kHour, "available");
  s.state(kDay + 9 * kHour, "on_contact");
  s.state(kDay + 9 * kHour + 30 * kMinuteUs, "logged_out");
  s.state(kDay + 10 * kHour, "available");
  const auto model = floor::loadFloorModel(db, settings(), kDay);  // a "restart": folded from the events
  const auto snap = model.snapshot(kDay + 11 * kHour, {});
  REQUIRE(snap.agents.size() == 1);
  const auto& a = snap.agents.front();
  CHECK(a.state == "available");
  CHECK(a.sinceUs == kDay + 10 * kHour);
  CHECK(a.team == "Blue");
  // staffed 08:00-09:30 and 10:00-11:00 = 2.5 h, busy 0.5 h, not ready 0
  REQUIRE(a.occupancyToday);
  CHECK(*a.occupancyToday == Approx(0.2));

  // A supervisor's request is pending until the agent's state changes to it after it.
  floor::SnapshotInputs asked;
  asked.requests["agent-1"] = {kDay + 10 * kHour + kMinuteUs, "not_ready"};
  CHECK(model.snapshot(kDay + 11 * kHour, asked).agents.front().pendingRequest == "not_ready");
  asked.requests["agent-1"] = {kDay + 9 * kHour, "not_ready"};  // older than the current state: carried out or moot
  CHECK(model.snapshot(kDay + 11 * kHour, asked).agents.front().pendingRequest.empty());

  floor::AgentTime nobody = floor::agentTime({}, "logged_out", kDay, kDay + kHour);
  CHECK_FALSE(nobody.occupancy());  // undefined: shown "-"
  floor::AgentTime notReady = floor::agentTime({{kDay, "not_ready"}}, "logged_out", kDay, kDay + kHour);
  CHECK_FALSE(notReady.occupancy());
}

TEST_CASE("METRICS.md: FCR over its window, with pending contacts", "[floor]") {
  auto db = test::migratedMemoryStore();
  Script s(db);
  const std::int64_t now = kDay;
  s.handled(kDay - 10 * floor::kDayUs, kSecondUs, kMinuteUs, kSecondUs, "sales", 1);  // customer 1 came back
  s.handled(kDay - 5 * floor::kDayUs, kSecondUs, kMinuteUs, kSecondUs, "sales", 1);   // pending (5 days old)
  s.handled(kDay - 9 * floor::kDayUs, kSecondUs, kMinuteUs, kSecondUs, "sales", 2);   // resolved
  s.handled(kDay - 9 * floor::kDayUs, kSecondUs, kMinuteUs, kSecondUs, "sales");      // unknown customer: not counted
  const auto fcr = floor::fcrByQueueChannel(db, kDay - 30 * floor::kDayUs, kDay, 7, now);
  REQUIRE(fcr.count("sales\nvoice"));
  const auto& f = fcr.at("sales\nvoice");
  CHECK(f.known == 2);
  CHECK(f.resolved == 1);
  CHECK(f.pending == 1);
  CHECK(*f.rate() == Approx(0.5));
}

TEST_CASE("METRICS.md: percentiles by nearest rank, nothing under five values", "[floor]") {
  CHECK_FALSE(floor::percentile({1, 2, 3, 4}, 50));
  CHECK(floor::percentile({5, 1, 4, 2, 3}, 50) == 3);
  CHECK(floor::percentile({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 50) == 5);
  CHECK(floor::percentile({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 90) == 9);
  std::vector<std::int64_t> twenty;
  for (int i = 1; i <= 20; ++i) twenty.push_back(i);
  CHECK(floor::percentile(twenty, 90) == 18);
  CHECK(floor::percentile(twenty, 100) == 20);
}

TEST_CASE("METRICS.md: Erlang C against published values", "[floor]") {
  // 3 agents, 2 erlangs: P(wait) = 4/9.
  const auto small = floor::erlangC(2.0 / 180.0, 180.0, 3);
  CHECK(small.load == Approx(2.0));
  CHECK(small.waitProbability == Approx(4.0 / 9.0).epsilon(1e-9));
  CHECK(small.meanWaitSeconds == Approx(4.0 / 9.0 * 180.0 / 1.0));
  // 10 agents, 8 erlangs: P(wait) = 0.4092 (Erlang C tables).
  const auto ten = floor::erlangC(8.0 / 300.0, 300.0, 10);
  CHECK(ten.waitProbability == Approx(0.4092).margin(0.0005));
  // SL(20 s) = 1 - P(wait) e^(-(N - A) t / h)
  CHECK(ten.serviceLevel(20.0) == Approx(1.0 - 0.40918 * std::exp(-2.0 * 20.0 / 300.0)).margin(0.0005));
  // N <= A: overloaded, everyone waits.
  const auto over = floor::erlangC(5.0 / 100.0, 100.0, 5);
  CHECK(over.overloaded);
  CHECK(over.serviceLevel(60) == 0.0);
  CHECK(floor::erlangC(0, 100, 0).overloaded);  // nobody staffed
  // Large N does not overflow.
  const auto big = floor::erlangC(180.0 / 60.0, 60.0, 200);
  CHECK(big.waitProbability >= 0.0);
  CHECK(big.waitProbability <= 1.0);
}

TEST_CASE("Complaints at risk are predicted from the queue position and the staffed agents", "[floor]") {
  auto db = test::migratedMemoryStore();
  Script s(db);
  const std::int64_t now = kDay + 12 * kHour;
  s.state(kDay + 8 * kHour, "available", "agent-1");
  s.state(kDay + 8 * kHour, "available", "agent-2");
  // Today's handle time: 600 s (answered -> wrapped), from contacts offered over an hour ago
  // so that no arrivals load the queue.
  s.handled(kDay + 9 * kHour, 0, 500 * kSecondUs, 100 * kSecondUs);
  s.handled(kDay + 9 * kHour, 0, 500 * kSecondUs, 100 * kSecondUs);
  s.complaint("a", kDay + 11 * kHour, now + 400 * kSecondUs, now + floor::kDayUs);   // 1st: 300 s -> on track
  s.complaint("b", kDay + 11 * kHour, now + 500 * kSecondUs, now + floor::kDayUs);   // 2nd: 600 s -> at risk
  s.complaint("c", kDay + 11 * kHour, now + 2000 * kSecondUs, now + floor::kDayUs);  // 3rd: 900 s -> on track
  s.complaint("d", kDay + 1 * kHour, kDay + 2 * kHour, now + floor::kDayUs);         // due passed: breached
  // The three contacts the complaints came in on arrived within the hour: 0.5 erlangs for
  // 2 agents, a mean wait well under the queue positions' times below.
  const auto snap = floor::loadFloorModel(db, settings(), kDay).snapshot(now, {});
  CHECK(snap.complaintPrediction.load == Approx(0.5));
  CHECK(snap.complaintPrediction.agents == 2);
  std::map<std::string, floor::ComplaintState> state;
  for (const auto& c : snap.openComplaints) state[c.id] = c.state;
  CHECK(state.at("d") == floor::ComplaintState::Breached);
  CHECK(snap.openComplaints.front().id == "d");  // sorted by time to breach
  // "d" is awaiting a first response too: it is first in line, so a, b, c are 2nd, 3rd, 4th.
  // With 2 agents at 600 s: 600, 900, 1200 s from now.
  CHECK(state.at("a") == floor::ComplaintState::AtRisk);   // 600 s > 400 s
  CHECK(state.at("b") == floor::ComplaintState::AtRisk);   // 900 s > 500 s
  CHECK(state.at("c") == floor::ComplaintState::OnTrack);  // 1200 s < 2000 s

  // Nobody staffed: every waiting complaint is at risk.
  s.state(now - kMinuteUs, "not_ready", "agent-1");
  s.state(now - kMinuteUs, "logged_out", "agent-2");
  const auto empty = floor::loadFloorModel(db, settings(), kDay).snapshot(now, {});
  for (const auto& c : empty.openComplaints) {
    if (c.id != "d") CHECK(c.state == floor::ComplaintState::AtRisk);
  }
}

TEST_CASE(
    "README \"Emotion index\" on the floor: a queue's feeling by day and today, the customer on a complaint card, "
    "the high-value customers feeling worse",
    "[floor][emotion]") {
  auto db = test::migratedMemoryStore();
  Script s(db);
  const std::int64_t now = kDay + 12 * kHour;
  auto scored = [&](const std::string& id, std::int64_t at, int index) {
    s.add(id, at, EventKind::EmotionScored,
          nlohmann::json{{"version", 1}, {"lexicon", "x"}, {"enough", true}, {"index", index}, {"trend", 0}}.dump());
  };
  // Customer 7 was pleased two weeks ago, less so yesterday, upset today; customer 8 pleased.
  const auto old = s.offer(kDay - 14 * floor::kDayUs, "sales", 7, "email");
  scored(old, kDay - 14 * floor::kDayUs + 1, 60);
  const auto yesterday = s.offer(kDay - floor::kDayUs + kHour, "sales", 7, "email");
  scored(yesterday, kDay - floor::kDayUs + kHour + 1, -20);
  const auto today = s.offer(kDay + kHour, "sales", 7, "email");
  scored(today, kDay + kHour + 1, -60);
  const auto other = s.offer(kDay + 2 * kHour, "billing", 8, "email");
  scored(other, kDay + 2 * kHour + 1, 40);
  s.offer(kDay + 3 * kHour, "sales", 9, "email");  // no words to score: counted nowhere
  s.add(today, kDay + 3 * kHour, EventKind::ComplaintOpened,
        nlohmann::json{{"complaint_id", "k7"},
                       {"customer_id", 7},
                       {"category", "delivery"},
                       {"priority", "high"},
                       {"summary", "Heater broken again"},
                       {"response_due_us", now + kHour},
                       {"resolution_due_us", now + floor::kDayUs}}
            .dump());

  const auto feelings = store::customerFeelings(db, now);
  REQUIRE(feelings.count(7) == 1);
  CHECK(feelings.at(7).trend == emotion::Direction::Worse);
  CHECK(feelings.at(7).last == -60);
  CHECK(feelings.at(8).trend == emotion::Direction::Steady);
  CHECK(feelings.count(9) == 0);
  floor::SnapshotInputs in;
  in.feelingOf = [&](std::int64_t id) -> std::optional<emotion::CustomerFeeling> {
    const auto it = feelings.find(id);
    return it == feelings.end() ? std::nullopt : std::optional<emotion::CustomerFeeling>(it->second);
  };
  in.feelingDays = floor::feelingDays(db, kDay, floor::kFeelingDays - 1);
  const auto snap = floor::loadFloorModel(db, settings(), kDay).snapshot(now, in);

  const auto& sales = queueOf(snap, "sales", "email");
  REQUIRE(sales.feeling.size() == floor::kFeelingDays);
  CHECK(sales.feeling.back().dayStartUs == kDay);
  CHECK(sales.feeling.back().average == Approx(-60));  // today, live
  CHECK(sales.feeling.back().scored == 1);
  CHECK(sales.feeling[28].average == Approx(-20));  // yesterday
  CHECK(sales.feeling[15].average == Approx(60));   // 14 days ago
  CHECK_FALSE(sales.feeling[20].average);
  CHECK(queueOf(snap, "billing", "email").feeling.back().average == Approx(40));
  REQUIRE(snap.feeling.size() == floor::kFeelingDays);
  CHECK(snap.feeling.back().average == Approx(-10));  // all queues today: (-60 + 40) / 2

  REQUIRE(snap.openComplaints.size() == 1);
  REQUIRE(snap.openComplaints[0].feeling);
  CHECK(snap.openComplaints[0].feeling->last == -60);
  CHECK(snap.openComplaints[0].feeling->trend == emotion::Direction::Worse);

  std::vector<store::CustomerValue> values(3);
  values[0].id = 7;
  values[0].revenueMinor = 500;
  values[0].insight.quadrant = store::Quadrant::TrueFriend;
  values[1].id = 8;
  values[1].revenueMinor = 900;
  values[1].insight.quadrant = store::Quadrant::TrueFriend;
  values[2].id = 10;  // high value, feeling worse, but no feeling known: not listed
  values[2].revenueMinor = 100;
  values[2].insight.quadrant = store::Quadrant::Butterfly;
  const auto value = floor::valueOverview(values, "EUR", &feelings);
  REQUIRE(value.feelingWorse.size() == 1);
  CHECK(value.feelingWorse[0].customerId == 7);
  CHECK(value.customersWithFeeling == 2);
  REQUIRE(value.feelingSorted.size() == 3);  // beside revenue, highest first: 8, 7, 10
  CHECK(value.feelingSorted[0] == static_cast<std::int8_t>(feelings.at(8).average));
  CHECK(value.feelingSorted[1] == static_cast<std::int8_t>(feelings.at(7).average));
  CHECK(value.feelingSorted[2] == floor::kNoFeeling);
}

TEST_CASE("README \"Call quality\": the call in hand's grade, today's poor calls, an alert while one sounds poor",
          "[floor][quality]") {
  auto db = test::migratedMemoryStore();
  Script s(db);
  const auto quality = [&](const std::string& id, std::int64_t at, const char* grade, double mos,
                           const char* worst = nullptr) {
    nlohmann::json p = {{"grade", grade}, {"mos", mos}, {"loss_percent", 1.0}, {"codec", "PCMU/8000"}};
    if (worst) {
      p["final"] = true;
      p["worst_grade"] = worst;
    }
    s.add(id, at, EventKind::CallQuality, p.dump());
  };
  s.state(kDay + 8 * kHour, "available");
  // A call that had a poor spell and ended fair; one that was good throughout.
  const auto rough = s.handled(kDay + 9 * kHour, 5 * kSecondUs, 3 * kMinuteUs, 30 * kSecondUs);
  quality(rough, kDay + 9 * kHour + kMinuteUs, "good", 4.3);
  quality(rough, kDay + 9 * kHour + 2 * kMinuteUs, "poor", 3.1);
  quality(rough, kDay + 9 * kHour + 3 * kMinuteUs, "fair", 3.9, "poor");
  const auto clean = s.handled(kDay + 10 * kHour, 5 * kSecondUs, 2 * kMinuteUs, 30 * kSecondUs);
  quality(clean, kDay + 10 * kHour + kMinuteUs, "good", 4.4);
  // A call in hand, poor now.
  const auto live = s.offer(kDay + 11 * kHour);
  s.add(live, kDay + 11 * kHour + 5 * kSecondUs, EventKind::Answered);
  s.state(kDay + 11 * kHour + 5 * kSecondUs, "on_contact");
  quality(live, kDay + 11 * kHour + kMinuteUs, "poor", 2.84);

  const auto row = store::loadInteraction(db, rough);
  REQUIRE(row);
  CHECK(row->qualityGrade == "fair");  // the latest
  CHECK(row->worstGrade == "poor");
  CHECK(row->mosX100 == 390);

  auto model = floor::loadFloorModel(db, settings(), kDay);
  auto snap = model.snapshot(kDay + 11 * kHour + 2 * kMinuteUs, {});
  REQUIRE(snap.agents.size() == 1);
  const auto& a = snap.agents.front();
  CHECK(a.scoredCallsToday == 3);
  CHECK(a.poorCallsToday == 2);
  REQUIRE(a.contact);
  CHECK(a.contact->qualityGrade == "poor");
  REQUIRE(a.contact->mos);
  CHECK(*a.contact->mos == Approx(2.84));
  const auto alert = std::find_if(snap.alerts.begin(), snap.alerts.end(),
                                  [&](const floor::FloorAlert& x) { return x.key == "quality:" + live; });
  REQUIRE(alert != snap.alerts.end());
  CHECK(alert->red);
  CHECK(alert->subject == "agent:agent-1");
  CHECK(alert->text.find("sounds poor (MOS 2.8)") != std::string::npos);
  const auto listed = std::find_if(snap.contactsToday.begin(), snap.contactsToday.end(),
                                   [&](const floor::FloorContact& c) { return c.id == rough; });
  REQUIRE(listed != snap.contactsToday.end());
  CHECK(listed->worstGrade == "poor");
  CHECK(listed->qualityGrade == "fair");

  // Better again: the alert goes; the call still counts as poor today. Once it ended, no alert.
  quality(live, kDay + 11 * kHour + 3 * kMinuteUs, "good", 4.2);
  model.upsertContact(*store::loadInteraction(db, live));
  snap = model.snapshot(kDay + 11 * kHour + 4 * kMinuteUs, {});
  CHECK(std::none_of(snap.alerts.begin(), snap.alerts.end(),
                     [](const floor::FloorAlert& x) { return x.key.rfind("quality:", 0) == 0; }));
  CHECK(snap.agents.front().poorCallsToday == 2);
  CHECK(snap.agents.front().contact->qualityGrade == "good");
}

TEST_CASE("README \"Emotion index\": the customer in hand's feeling on the agent's row, an alert while they are upset",
          "[floor][emotion]") {
  auto db = test::migratedMemoryStore();
  Script s(db);
  const auto score = [&](const std::string& id, std::int64_t at, std::optional<int> index, double arousal) {
    s.add(id, at, EventKind::EmotionScored,
          nlohmann::json{{"version", 1},
                         {"lexicon", "x"},
                         {"enough", index.has_value()},
                         {"index", index ? nlohmann::json(*index) : nlohmann::json(nullptr)},
                         {"trend", 0},
                         {"arousal", arousal}}
              .dump());
  };
  s.state(kDay + 8 * kHour, "available");
  const auto live = s.offer(kDay + 11 * kHour);
  s.add(live, kDay + 11 * kHour + 5 * kSecondUs, EventKind::Answered);
  s.state(kDay + 11 * kHour + 5 * kSecondUs, "on_contact");
  score(live, kDay + 11 * kHour + kMinuteUs, -30, 0.2);  // unhappy: shown, no alert

  auto model = floor::loadFloorModel(db, settings(), kDay);
  auto snap = model.snapshot(kDay + 11 * kHour + 2 * kMinuteUs, {});
  REQUIRE(snap.agents.front().contact);
  CHECK(snap.agents.front().contact->feeling == -30);
  const auto upset = [](const floor::FloorSnapshot& x) {
    return std::count_if(x.alerts.begin(), x.alerts.end(),
                         [](const floor::FloorAlert& a) { return a.key.rfind("upset:", 0) == 0; });
  };
  CHECK(upset(snap) == 0);

  score(live, kDay + 11 * kHour + 2 * kMinuteUs, -64, 0.7);  // a worse line in the transcript
  model.upsertContact(*store::loadInteraction(db, live));
  snap = model.snapshot(kDay + 11 * kHour + 3 * kMinuteUs, {});
  CHECK(snap.agents.front().contact->feeling == -64);
  CHECK(snap.agents.front().contact->arousalX100 == 70);
  REQUIRE(upset(snap) == 1);
  const auto alert = std::find_if(snap.alerts.begin(), snap.alerts.end(),
                                  [](const floor::FloorAlert& a) { return a.key.rfind("upset:", 0) == 0; });
  CHECK(alert->subject == "agent:agent-1");
  CHECK(alert->text.find("is upset (feeling -64, an estimate from their words)") != std::string::npos);
  CHECK(alert->red);  // the caller is on the line now
  // Acknowledged, it stays gone for that contact.
  floor::SnapshotInputs acknowledged;
  acknowledged.acknowledged.insert("upset:" + live);
  snap = model.snapshot(kDay + 11 * kHour + 3 * kMinuteUs, acknowledged);
  CHECK(upset(snap) == 0);
  // Wrapped up: no longer in hand, no alert.
  s.add(live, kDay + 11 * kHour + 4 * kMinuteUs, EventKind::Ended);
  s.add(live, kDay + 11 * kHour + 5 * kMinuteUs, EventKind::Wrapped);
  model.upsertContact(*store::loadInteraction(db, live));
  snap = model.snapshot(kDay + 11 * kHour + 6 * kMinuteUs, {});
  CHECK(upset(snap) == 0);
}

TEST_CASE("The incremental fold equals a full recompute", "[floor]") {
  auto db = test::migratedMemoryStore();
  Script s(db);
  const auto cfg = settings();
  floor::FloorModel incremental(cfg, kDay, kDay - 29 * floor::kDayUs);
  std::mt19937 random(7);
  const std::vector<std::string> queues = {"sales", "support", ""};
  std::vector<std::string> open;
  std::int64_t t = kDay + 8 * kHour;
  for (int i = 0; i < 400; ++i) {
    t += static_cast<std::int64_t>(random() % 20) * kSecondUs;
    std::string id;
    const auto r = random() % 10;
    if (r < 4 || open.empty()) {
      id = s.offer(t, queues[random() % 3], random() % 2 ? std::optional<std::int64_t>(random() % 50) : std::nullopt,
                   random() % 4 ? "voice" : "email");
      open.push_back(id);
    } else {
      const auto k = random() % open.size();
      id = open[k];
      const auto row = store::loadInteraction(db, id);
      if (!row->answeredUs && !row->endedUs) {
        s.add(id, t, r < 7 ? EventKind::Answered : r < 8 ? EventKind::Cancelled : EventKind::Missed);
      } else if (!row->endedUs) {
        s.add(id, t, EventKind::Ended);
      } else if (!row->wrappedUs) {
        s.add(id, t, EventKind::Wrapped);
        open.erase(open.begin() + static_cast<long>(k));
      } else {
        open.erase(open.begin() + static_cast<long>(k));
      }
    }
    incremental.upsertContact(*store::loadInteraction(db, id));  // as the worker does after each commit
  }
  const auto full = floor::loadFloorModel(db, cfg, kDay);
  const std::int64_t now = t + kMinuteUs;
  const auto a = incremental.snapshot(now, {});
  const auto b = full.snapshot(now, {});
  REQUIRE(a.queues.size() == b.queues.size());
  for (std::size_t i = 0; i < a.queues.size(); ++i) {
    INFO(a.queues[i].name << " " << a.queues[i].channel);
    CHECK(a.queues[i].today == b.queues[i].today);
    CHECK(a.queues[i].waiting == b.queues[i].waiting);
    CHECK(a.queues[i].intervals.size() == b.queues[i].intervals.size());
  }
  CHECK(incremental.counts("", "", kDay, INT64_MAX) == full.counts("", "", kDay, INT64_MAX));
  CHECK(incremental.counts("", "", kDay, INT64_MAX).offered > 100);
}

TEST_CASE("The analytics worker folds each commit to the store into a new floor snapshot", "[floor]") {
  test::TempDir dir;
  const std::string path = dir.file("floor.db");
  auto db = store::Database::open(path);
  store::migrate(db);
  Script s(db, "agent-7");
  std::mutex mutex;
  std::condition_variable published;
  floor::AnalyticsOptions options;
  options.storePath = path;
  options.origin = "supervisor-1";
  options.settings = settings();
  options.pollUs = 20'000;
  floor::AnalyticsWorker worker(options, [&] { published.notify_all(); });
  auto waitFor = [&](const char* what, const std::function<bool(const floor::FloorSnapshot&)>& done) {
    std::unique_lock lock(mutex);
    const bool ok = published.wait_for(lock, std::chrono::seconds(20), [&] { return done(*worker.snapshot()); });
    INFO("waited 20 s for: " << what << "; the last snapshot had " << worker.snapshot()->agents.size() << " agents, "
                             << worker.snapshot()->eventsFolded << " events folded, error '" << worker.snapshot()->error
                             << "'");
    REQUIRE(ok);
  };
  waitFor("the first full recompute", [](const auto& snap) { return snap.ready; });
  const std::int64_t now = floor::dayStartUs(std::chrono::duration_cast<std::chrono::microseconds>(
                                                 std::chrono::system_clock::now().time_since_epoch())
                                                 .count()) +
                           kMinuteUs;
  s.state(now, "available", "agent-7");
  waitFor("agent-7 available", [](const auto& snap) {
    for (const auto& a : snap.agents)
      if (a.id == "agent-7" && a.state == "available") return true;
    return false;
  });
  s.offer(now + kSecondUs, "sales");
  waitFor("a contact waiting in sales", [](const auto& snap) {
    for (const auto& q : snap.queues)
      if (q.name == "sales" && q.waiting == 1) return true;
    return false;
  });
  CHECK(worker.stats().eventsFolded >= 2);
  CHECK(worker.stats().fullRecomputes == 1);
}

TEST_CASE("frontline report gives the floor's figures, computed by the same functions", "[floor][report]") {
  auto db = test::migratedMemoryStore();
  Script s(db);
  const std::int64_t now = kDay + 10 * kHour;
  s.handled(kDay + 9 * kHour, 10 * kSecondUs, 90 * kSecondUs, 30 * kSecondUs);
  s.handled(kDay + 9 * kHour + kMinuteUs, 30 * kSecondUs, 30 * kSecondUs, 10 * kSecondUs);
  const auto gone = s.offer(kDay + 9 * kHour + 2 * kMinuteUs);
  s.add(gone, kDay + 9 * kHour + 2 * kMinuteUs + 3 * kSecondUs, EventKind::Cancelled);
  s.offer(now - 10 * kSecondUs);
  s.offer(now - 60 * kSecondUs, "support");
  s.complaint("k1", kDay + kHour, kDay + 2 * kHour, kDay + 5 * kHour, "urgent");
  s.add("c1", kDay + kHour + 30 * kMinuteUs, EventKind::ComplaintResponded, R"({"complaint_id":"k1"})");

  const auto snap = floor::loadFloorModel(db, settings(), kDay).snapshot(now, {});
  floor::ReportRequest request{kDay, kDay + floor::kDayUs, "queue", now};
  const auto table = floor::buildReport(db, settings(), request);
  REQUIRE(table.header.at(0) == "queue");
  REQUIRE(table.header.at(7) == "service_level_pct");
  for (const auto& row : table.rows) {
    INFO(row[0] << " " << row[1]);
    const auto& q = queueOf(snap, row[0], row[1]);
    CHECK(row[2] == std::to_string(q.today.offered));
    CHECK(row[3] == std::to_string(q.today.answered));
    CHECK(row[4] == std::to_string(q.today.abandoned));
    CHECK(row[5] == std::to_string(q.today.shortAbandoned));
    char sl[16];
    std::snprintf(sl, sizeof sl, "%.2f", *q.serviceLevel * 100.0);
    CHECK(row[7] == sl);
  }
  // A direct count of the store agrees.
  CHECK(std::stoll(table.rows.at(0)[2]) + std::stoll(table.rows.at(1)[2]) ==
        db.queryInt("SELECT COUNT(*) FROM interactions WHERE direction = 'in'"));

  request.by = "priority";
  const auto complaints = floor::buildReport(db, settings(), request);
  REQUIRE(complaints.rows.size() == 1);
  CHECK(complaints.rows[0][0] == "urgent");
  CHECK(complaints.rows[0][1] == "1");
  CHECK(complaints.rows[0][2] == "");        // n < 5: no percentile
  CHECK(complaints.rows[0][4] == "100.00");  // responded within its due time
  CHECK_THAT(floor::toCsv(complaints), Catch::StartsWith("priority,complaints_opened,first_response_p50_s"));
  CHECK_THAT(floor::toJson(complaints), Catch::Contains("\"complaints_opened\": 1,"));

  request.by = "interval";
  const auto intervals = floor::buildReport(db, settings(), request);
  CHECK(intervals.header.at(0) == "interval_start");
  request.by = "weekday";
  CHECK_THROWS_WITH(floor::buildReport(db, settings(), request), Catch::Contains("--by must be agent, queue"));
  CHECK_FALSE(floor::parseLocalDate("2026-02-30"));
  CHECK(floor::parseLocalDate("2026-02-28"));
}
