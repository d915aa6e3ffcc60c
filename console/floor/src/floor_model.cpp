// Running figures of the floor; see floor_model.h.
#include "floor/floor_model.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <map>

#include "desk/format.h"
#include "emotion/interaction_feeling.h"

namespace frontline::floor {
namespace {

std::int64_t intervalOf(std::int64_t us) {
  return us - ((us % kIntervalUs) + kIntervalUs) % kIntervalUs;
}

bool staffedForContacts(const std::string& state) {
  return state == "available" || state == "on_contact" || state == "wrap_up";
}

// Still waiting for its service-level answer and younger than T: not counted yet
// (METRICS.md SL edge cases).
bool waitingYoung(const store::InteractionRow& c, const QueueSettings& q, std::int64_t nowUs) {
  return c.direction != "out" && c.offeredUs > 0 && !responseUs(c) && !c.endedUs &&
         nowUs - c.offeredUs < answerTargetUs(c, q);
}

ComplaintTimes& group(std::vector<ComplaintTimes>& groups, const std::string& key) {
  for (auto& g : groups)
    if (g.key == key) return g;
  groups.push_back({});
  groups.back().key = key;
  return groups.back();
}

void tally(TargetOutcome outcome, std::int64_t& met, std::int64_t& missed) {
  if (outcome == TargetOutcome::Met) ++met;
  if (outcome == TargetOutcome::Missed) ++missed;
}

void count(ComplaintTimes& t, const store::ComplaintRow& c) {
  ++t.opened;
  if (c.firstResponseUs) t.firstResponseUs.push_back(*c.firstResponseUs - c.openedUs);
  if (c.resolvedUs) t.resolutionUs.push_back(*c.resolvedUs - c.openedUs);
  tally(responseOutcome(c), t.responseMet, t.responseMissed);
  tally(resolutionOutcome(c), t.resolutionMet, t.resolutionMissed);
}

std::optional<double> share(std::int64_t met, std::int64_t missed) {
  if (met + missed == 0) return std::nullopt;
  return static_cast<double>(met) / static_cast<double>(met + missed);
}

// The feeling of the days before today (read every few minutes), then today's, live.
std::vector<FeelingDay> feelingTrend(const SnapshotInputs& in, const std::string& key,
                                     const std::map<std::string, std::pair<std::int64_t, std::int64_t>>& today,
                                     std::int64_t dayStartUs) {
  std::vector<FeelingDay> days;
  if (const auto it = in.feelingDays.find(key); it != in.feelingDays.end()) days = it->second;
  if (days.size() != kFeelingDays - 1) {  // no contact of this queue was scored before today
    days.clear();
    for (int d = kFeelingDays - 1; d >= 1; --d) days.push_back({dayStartUs - d * kDayUs, std::nullopt, 0});
  }
  FeelingDay now{dayStartUs, std::nullopt, 0};
  if (const auto it = today.find(key); it != today.end() && it->second.second > 0) {
    now.average = static_cast<double>(it->second.first) / static_cast<double>(it->second.second);
    now.scored = it->second.second;
  }
  days.push_back(now);
  return days;
}

}  // namespace

std::optional<double> ComplaintTimes::responseShare() const {
  return share(responseMet, responseMissed);
}
std::optional<double> ComplaintTimes::resolutionShare() const {
  return share(resolutionMet, resolutionMissed);
}

TargetOutcome responseOutcome(const store::ComplaintRow& c) {
  if (!c.firstResponseUs) return TargetOutcome::Open;
  return *c.firstResponseUs <= c.responseDueUs ? TargetOutcome::Met : TargetOutcome::Missed;
}

TargetOutcome resolutionOutcome(const store::ComplaintRow& c) {
  if (!c.resolvedUs) return TargetOutcome::Open;
  return *c.resolvedUs <= c.resolutionDueUs ? TargetOutcome::Met : TargetOutcome::Missed;
}

ComplaintRangeFigures complaintFigures(const std::vector<const store::ComplaintRow*>& complaints, std::int64_t fromUs,
                                       std::int64_t toUs, const FloorSettings& settings) {
  ComplaintRangeFigures f;
  for (const auto* c : complaints) {
    if (c->openedUs < fromUs || c->openedUs >= toUs) continue;
    count(f.all, *c);
    count(group(f.byPriority, c->priority), *c);
    count(group(f.byCategory, c->category), *c);
    count(group(f.byAgent, c->ownerAgentId), *c);
    const std::string team = settings.team(c->ownerAgentId);
    count(group(f.byTeam, team.empty() ? "(no team)" : team), *c);
  }
  for (auto* groups : {&f.byPriority, &f.byCategory, &f.byAgent, &f.byTeam}) {
    std::sort(groups->begin(), groups->end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  }
  return f;
}

FloorModel::FloorModel(FloorSettings settings, std::int64_t dayStartUs, std::int64_t complaintsFromUs,
                       bool keepContacts)
    : m_settings(std::move(settings)),
      m_dayStartUs(dayStartUs),
      m_complaintsFromUs(complaintsFromUs),
      m_keepContacts(keepContacts) {}

void FloorModel::add(const store::InteractionRow& row, int sign) {
  const QueueCounts c = contributionOf(row, m_settings.queue(row.queue));
  auto& bucket = m_buckets[{row.queue, row.channel, intervalOf(row.offeredUs)}];
  auto& agent = m_byAgent[row.agentId];
  if (sign > 0) {
    bucket += c;
    if (row.answeredUs) agent += c;
  } else {
    bucket -= c;
    if (row.answeredUs) agent -= c;
  }
}

void FloorModel::upsertContact(const store::InteractionRow& row) {
  auto it = m_contacts.find(row.id);
  if (it == m_contacts.end()) {
    if (row.offeredUs < m_dayStartUs) return;  // before the range
    add(row, +1);
    if (m_keepContacts) m_contacts.emplace(row.id, row);
    return;
  }
  add(it->second, -1);
  it->second = row;
  add(row, +1);
}

void FloorModel::upsertComplaint(const store::ComplaintRow& row) {
  if (row.openedUs < m_complaintsFromUs && row.status == "resolved") {
    m_complaints.erase(row.id);
    return;
  }
  m_complaints[row.id] = row;
}

void FloorModel::setAgentState(const store::AgentStateRow& row) {
  auto& current = m_agents[row.agentId];
  if (row.sinceUs >= current.sinceUs) current = row;
}

void FloorModel::agentStateChanged(const std::string& agentId, std::int64_t tsUs, const std::string& state) {
  auto& changes = m_stateChanges[agentId];
  const StateSpan change{tsUs, state};
  const auto at = std::upper_bound(changes.begin(), changes.end(), change,
                                   [](const StateSpan& a, const StateSpan& b) { return a.sinceUs < b.sinceUs; });
  changes.insert(at, change);
}

void FloorModel::setStateBeforeDay(const std::string& agentId, const std::string& state) {
  m_stateBeforeDay[agentId] = state;
}

QueueCounts FloorModel::counts(const std::string& queue, const std::string& channel, std::int64_t fromUs,
                               std::int64_t toUs) const {
  QueueCounts sum;
  for (const auto& [key, c] : m_buckets) {
    const auto& [q, ch, start] = key;
    if ((!queue.empty() && q != queue) || (!channel.empty() && ch != channel)) continue;
    if (start >= fromUs && start < toUs) sum += c;
  }
  return sum;
}

FloorSnapshot FloorModel::snapshot(std::int64_t nowUs, const SnapshotInputs& in) const {
  FloorSnapshot s;
  s.ready = true;
  s.computedUs = nowUs;
  s.dayStartUs = m_dayStartUs;

  // Handle time and staffing for the predictions: today's AHT over every queue (3 minutes
  // before any contact is handled) and the agents who can take a contact now.
  const double handleSeconds = ahtSeconds(counts("", "", m_dayStartUs, INT64_MAX)).value_or(180.0);
  int staffed = 0;
  for (const auto& [id, a] : m_agents) staffed += staffedForContacts(a.state) ? 1 : 0;

  // Agents: everyone in the directory and everyone seen today.
  std::set<std::string> ids;
  for (const auto& [id, name] : in.agentNames) ids.insert(id);
  for (const auto& [id, a] : m_agents) ids.insert(id);
  // README "Call quality": per agent, today's answered calls with a score and the poor ones.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> callQuality;
  for (const auto& [cid, c] : m_contacts) {
    if (c.worstGrade.empty() || c.outcome != "answered") continue;
    auto& [scored, poor] = callQuality[c.agentId];
    ++scored;
    if (c.worstGrade == "poor") ++poor;
  }
  for (const auto& id : ids) {
    if (id.empty() || in.notAgents.count(id)) continue;
    FloorAgent a;
    a.id = id;
    const auto name = in.agentNames.find(id);
    a.name = name != in.agentNames.end() ? name->second : id;
    a.team = m_settings.team(id);
    a.state = "logged_out";
    if (const auto st = m_agents.find(id); st != m_agents.end()) {
      a.state = st->second.state;
      a.reason = st->second.reason;
      a.sinceUs = st->second.sinceUs;
    }
    if (const auto* t = m_settings.threshold(a.state); t && a.sinceUs > 0) {
      const std::int64_t inState = nowUs - a.sinceUs;
      a.tone = t->redUs > 0 && inState >= t->redUs       ? Tone::Red
               : t->amberUs > 0 && inState >= t->amberUs ? Tone::Amber
                                                         : Tone::Normal;
    }
    if (const auto q = callQuality.find(id); q != callQuality.end()) {
      a.scoredCallsToday = q->second.first;
      a.poorCallsToday = q->second.second;
    }
    if (const auto c = m_byAgent.find(id); c != m_byAgent.end()) {
      a.handledToday = c->second.handled;
      a.ahtSecondsToday = ahtSeconds(c->second);
    }
    const auto changes = m_stateChanges.find(id);
    const auto before = m_stateBeforeDay.find(id);
    a.occupancyToday = agentTime(changes != m_stateChanges.end() ? changes->second : std::vector<StateSpan>{},
                                 before != m_stateBeforeDay.end() ? before->second : "logged_out", m_dayStartUs, nowUs)
                           .occupancy();
    // Pending until the agent's state changes after it to what was asked.
    if (const auto r = in.requests.find(id);
        r != in.requests.end() && r->second.tsUs > a.sinceUs && r->second.state != a.state) {
      a.pendingRequest = r->second.state;
    }
    s.agents.push_back(std::move(a));
  }
  // Each agent's contact in hand: the latest answered and not yet wrapped.
  for (const auto& [cid, c] : m_contacts) {
    if (!c.answeredUs || c.wrappedUs || c.outcome != "answered") continue;
    for (auto& a : s.agents) {
      if (a.id != c.agentId || (a.contact && a.contact->sinceUs > *c.answeredUs)) continue;
      AgentCurrentContact cur;
      cur.interactionId = c.id;
      cur.channel = c.channel;
      cur.customer = in.contactName ? in.contactName(c) : c.displayName;
      cur.sinceUs = *c.answeredUs;
      if (c.customerId && in.quadrantOf) cur.quadrant = in.quadrantOf(*c.customerId);
      cur.qualityGrade = c.qualityGrade;
      if (c.mosX100) cur.mos = static_cast<double>(*c.mosX100) / 100.0;
      if (c.emotionIndex) cur.feeling = static_cast<int>(*c.emotionIndex);
      cur.arousalX100 = static_cast<int>(c.emotionArousalX100);
      a.contact = std::move(cur);
    }
  }

  // Queues, per queue and channel: configured ones always, others once they had a contact.
  std::map<std::pair<std::string, std::string>, FloorQueue> queues;
  auto queueOf = [&](const std::string& name, const std::string& channel) -> FloorQueue& {
    auto [it, inserted] = queues.try_emplace({name, channel});
    if (inserted) {
      const auto& settings = m_settings.queue(name);
      it->second.name = name;
      it->second.label = settings.displayName();
      it->second.channel = channel;
      it->second.targetPercent = settings.targetPercent;
      it->second.answerWithinUs = channel == "email" ? settings.emailAnswerWithinUs : settings.answerWithinUs;
    }
    return it->second;
  };
  for (const auto& q : m_settings.queues) queueOf(q.name, "voice");
  std::map<std::pair<std::string, std::string>, std::map<std::int64_t, QueueCounts>> intervals;
  for (const auto& [key, c] : m_buckets) {
    const auto& [name, channel, start] = key;
    if (c == QueueCounts{}) continue;  // every contact it had moved to another bucket
    queueOf(name, channel).today += c;
    intervals[{name, channel}][start] += c;
  }
  std::map<std::pair<std::string, std::string>, std::int64_t> lastHour;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> feelingToday;  // "queue\nchannel" -> sum, count
  for (const auto& [cid, c] : m_contacts) {
    if (c.emotionIndex) {
      for (const std::string& key : {c.queue + "\n" + c.channel, std::string()}) {
        feelingToday[key].first += *c.emotionIndex;
        ++feelingToday[key].second;
      }
    }
    if (c.direction == "out") continue;
    const auto& settings = m_settings.queue(c.queue);
    if (isWaiting(c)) {
      auto& q = queueOf(c.queue, c.channel);
      ++q.waiting;
      if (q.oldestWaitingSinceUs == 0 || c.offeredUs < q.oldestWaitingSinceUs) q.oldestWaitingSinceUs = c.offeredUs;
    }
    if (waitingYoung(c, settings, nowUs)) {
      ++queueOf(c.queue, c.channel).today.waitingYoung;
      ++intervals[{c.queue, c.channel}][intervalOf(c.offeredUs)].waitingYoung;
    }
    if (c.offeredUs >= nowUs - 60 * kMinuteUs) ++lastHour[{c.queue, c.channel}];
  }
  for (auto& [key, q] : queues) {
    q.serviceLevel = serviceLevel(q.today);
    q.asaSeconds = asaSeconds(q.today);
    q.ahtSeconds = ahtSeconds(q.today);
    q.abandonmentRate = abandonmentRate(q.today);
    if (const auto f = in.fcrByQueueChannel.find(key.first + "\n" + key.second); f != in.fcrByQueueChannel.end()) {
      q.fcr = f->second;
    }
    q.predicted = erlangC(static_cast<double>(lastHour[key]) / 3600.0, q.ahtSeconds.value_or(handleSeconds), staffed);
    for (std::int64_t start = m_dayStartUs; start <= nowUs; start += kIntervalUs) {
      IntervalPoint p{start, 0, std::nullopt};
      const auto& byInterval = intervals[key];
      if (const auto it = byInterval.find(start); it != byInterval.end()) {
        p.offered = it->second.offered;
        p.serviceLevel = serviceLevel(it->second);
      }
      q.intervals.push_back(p);
    }
    q.feeling = feelingTrend(in, key.first + "\n" + key.second, feelingToday, m_dayStartUs);
    s.queues.push_back(std::move(q));
  }
  s.feeling = feelingTrend(in, "", feelingToday, m_dayStartUs);

  // Complaints: the board of open ones with the at-risk prediction (METRICS.md
  // "Prediction"), then the figures per range.
  std::int64_t offeredLastHour = 0;
  for (const auto& [key, n] : lastHour) offeredLastHour += n;
  s.complaintPrediction = erlangC(static_cast<double>(offeredLastHour) / 3600.0, handleSeconds, staffed);
  const ErlangC& erlang = s.complaintPrediction;
  std::vector<const store::ComplaintRow*> open, all;
  for (const auto& [id, c] : m_complaints) {
    all.push_back(&c);
    if (c.status != "resolved") open.push_back(&c);
  }
  std::sort(open.begin(), open.end(), [](const auto* a, const auto* b) {
    const std::int64_t da = a->firstResponseUs ? a->resolutionDueUs : a->responseDueUs;
    const std::int64_t db = b->firstResponseUs ? b->resolutionDueUs : b->responseDueUs;
    return da != db ? da < db : a->id < b->id;
  });
  int position = 0;
  for (const auto* c : open) {
    ComplaintCard card;
    card.id = c->id;
    card.customerId = c->customerId;
    card.customer = c->customerId && in.customerName ? in.customerName(*c->customerId) : "Unknown customer";
    card.category = c->category;
    card.priority = c->priority;
    card.summary = c->summary;
    card.owner = c->ownerAgentId;
    card.team = m_settings.team(c->ownerAgentId);
    card.openedUs = c->openedUs;
    if (c->customerId && in.feelingOf) card.feeling = in.feelingOf(*c->customerId);
    card.awaitingFirstResponse = !c->firstResponseUs;
    card.dueUs = card.awaitingFirstResponse ? c->responseDueUs : c->resolutionDueUs;
    if (card.awaitingFirstResponse) {
      // Its place among the complaints still awaiting a first response, served in due
      // order by the agents staffed now at today's handle rate, and never sooner than
      // Erlang C's mean wait.
      ++position;
      if (erlang.overloaded) {
        card.predictedUs = INT64_MAX;
        card.breachProbability = 1.0;
        card.why = staffed == 0 ? "Nobody is staffed to respond"
                                : "The queue is overloaded: " + std::to_string(staffed) + " agents staffed for " +
                                      std::to_string(erlang.load).substr(0, 4) + " erlangs of load";
      } else {
        const double seconds = std::max(position * handleSeconds / staffed, erlang.meanWaitSeconds);
        card.predictedUs = nowUs + static_cast<std::int64_t>(seconds * 1e6);
        const double left = std::max<double>(0.0, static_cast<double>(card.dueUs - nowUs) / 1e6);
        card.breachProbability = 1.0 - erlang.serviceLevel(left);
        card.why = "Position " + std::to_string(position) + " of the complaints awaiting a first response; " +
                   std::to_string(staffed) + " agents staffed, " +
                   desk::formatDuration(static_cast<std::int64_t>(handleSeconds * 1e6)) +
                   " handle time: response in about " + desk::formatDuration(static_cast<std::int64_t>(seconds * 1e6));
      }
    } else {
      // Resolution has no queue to predict from: at risk once three quarters of its time
      // is used (the policies' default at-risk share).
      const std::int64_t budget = c->resolutionDueUs - c->openedUs;
      card.predictedUs = nowUs - c->openedUs >= budget * 3 / 4 ? card.dueUs + 1 : card.dueUs;
      card.why = "Resolution: at risk once three quarters of its time is used";
    }
    if (nowUs > card.dueUs) {
      card.state = ComplaintState::Breached;
      card.why = std::string("Its ") + (card.awaitingFirstResponse ? "first response" : "resolution") +
                 " is overdue: respond now, or reassign it to someone available";
    } else if (card.predictedUs > card.dueUs || card.breachProbability > 0.5) {
      card.state = ComplaintState::AtRisk;
    }
    s.openComplaints.push_back(std::move(card));
  }
  std::stable_sort(s.openComplaints.begin(), s.openComplaints.end(),
                   [](const ComplaintCard& a, const ComplaintCard& b) { return a.dueUs < b.dueUs; });
  for (const auto* c : all) {
    if (c->firstResponseUs && *c->firstResponseUs >= m_dayStartUs) {
      tally(responseOutcome(*c), s.responseMetToday, s.responseMissedToday);
    }
    if (c->resolvedUs && *c->resolvedUs >= m_dayStartUs) {
      tally(resolutionOutcome(*c), s.resolutionMetToday, s.resolutionMissedToday);
    }
  }
  const int days[3] = {1, 7, 30};
  for (int i = 0; i < 3; ++i) {
    s.complaintRanges[i] = complaintFigures(all, m_dayStartUs - (days[i] - 1) * kDayUs, INT64_MAX, m_settings);
    s.complaintRanges[i].days = days[i];
  }
  for (int d = 29; d >= 0; --d) {
    const std::int64_t from = m_dayStartUs - d * kDayUs;
    const ComplaintRangeFigures f = complaintFigures(all, from, from + kDayUs, m_settings);
    s.trend.push_back(
        {from, f.all.firstResponseP50(), f.all.resolutionP50(), f.all.responseShare(), f.all.resolutionShare()});
  }

  // Alerts, each with a key that stays the same while its cause lasts.
  auto alert = [&](std::string key, std::string text, bool red, std::int64_t since, std::string subject) {
    if (in.acknowledged.count(key)) return;
    s.alerts.push_back({std::move(key), std::move(text), red, since, std::move(subject)});
  };
  for (const auto& card : s.openComplaints) {
    const char* target = card.awaitingFirstResponse ? "first response" : "resolution";
    const std::string what = "Complaint \"" + card.summary + "\" (" + card.customer + ", " + card.priority + ")";
    if (card.state == ComplaintState::Breached) {
      alert("breached:" + card.id + ":" + target, what + " has breached its " + target + " due time", true, card.dueUs,
            "complaint:" + card.id);
    } else if (card.dueUs - nowUs <= m_settings.breachAlertUs) {
      alert("breaching:" + card.id + ":" + target,
            what + " breaches its " + target + " in " + desk::formatDuration(card.dueUs - nowUs),
            card.state == ComplaintState::AtRisk, card.openedUs, "complaint:" + card.id);
    }
  }
  for (const auto& q : s.queues) {
    const auto& settings = m_settings.queue(q.name);
    if (!q.intervals.empty() && q.intervals.back().serviceLevel &&
        *q.intervals.back().serviceLevel * 100.0 < q.targetPercent) {
      alert("sl:" + q.name + ":" + q.channel + ":" + std::to_string(q.intervals.back().startUs),
            q.label + " (" + q.channel + "): service level " + desk::formatPercent(*q.intervals.back().serviceLevel) +
                " this interval, under the " + std::to_string(static_cast<int>(q.targetPercent)) + " % target",
            false, q.intervals.back().startUs, "queue:" + q.name);
    }
    if (q.oldestWaitingSinceUs && nowUs - q.oldestWaitingSinceUs > settings.longestWaitAlertUs) {
      alert("wait:" + q.name + ":" + q.channel + ":" + std::to_string(q.oldestWaitingSinceUs),
            q.label + " (" + q.channel + "): a contact has waited " +
                desk::formatDuration(nowUs - q.oldestWaitingSinceUs),
            true, q.oldestWaitingSinceUs, "queue:" + q.name);
    }
  }
  // A call in progress that sounds poor (README "Call quality"): the supervisor can ask the
  // agent to call back from another line, or look at the network, while the caller is there.
  for (const auto& a : s.agents) {
    if (!a.contact || a.contact->qualityGrade != "poor" || a.state == "logged_out") continue;
    const auto c = m_contacts.find(a.contact->interactionId);
    if (c == m_contacts.end() || c->second.endedUs) continue;
    char mos[16] = "";
    if (a.contact->mos) std::snprintf(mos, sizeof mos, " (MOS %.1f)", *a.contact->mos);
    alert("quality:" + a.contact->interactionId, a.name + "'s call with " + a.contact->customer + " sounds poor" + mos,
          true, a.contact->sinceUs, "agent:" + a.id);
  }
  // A customer upset in their words on a contact in hand (a call's live transcript, an
  // email being answered): the supervisor can listen in, help or take it over before it
  // becomes a complaint. About the customer, never a mark against the agent.
  for (const auto& a : s.agents) {
    if (!a.contact || !a.contact->feeling || *a.contact->feeling > kUpsetAlertIndex || a.state == "logged_out") {
      continue;
    }
    alert("upset:" + a.contact->interactionId,
          a.name + "'s " + (a.contact->channel == "email" ? "customer " : "caller ") + a.contact->customer +
              " is upset (feeling " + emotion::signedIndex(*a.contact->feeling) + ", an estimate from their words)",
          true, a.contact->sinceUs, "agent:" + a.id);
  }
  for (const auto& a : s.agents) {
    if (a.tone != Tone::Red) continue;
    alert("agent:" + a.id + ":" + std::to_string(a.sinceUs),
          a.name + " has been " + a.state + (a.reason.empty() ? "" : " (" + a.reason + ")") + " for " +
              desk::formatDuration(nowUs - a.sinceUs),
          false, a.sinceUs, "agent:" + a.id);
  }

  for (const auto& [cid, c] : m_contacts) {
    FloorContact fc;
    fc.id = c.id;
    fc.queue = c.queue;
    fc.channel = c.channel;
    fc.agentId = c.agentId;
    fc.customer = in.contactName ? in.contactName(c) : c.displayName;
    fc.customerId = c.customerId;
    fc.outcome = c.outcome;
    fc.status = c.status;
    fc.offeredUs = c.offeredUs;
    fc.waitUs = c.waitUs();
    if (c.answeredUs && c.wrappedUs) fc.handleUs = *c.wrappedUs - *c.answeredUs;
    fc.qualityGrade = c.qualityGrade;
    fc.worstGrade = c.worstGrade;
    if (c.mosX100) fc.mos = static_cast<double>(*c.mosX100) / 100.0;
    s.contactsToday.push_back(std::move(fc));
  }
  std::sort(s.contactsToday.begin(), s.contactsToday.end(),
            [](const FloorContact& a, const FloorContact& b) { return a.offeredUs > b.offeredUs; });
  s.value = in.value ? in.value : std::make_shared<const ValueOverview>();
  return s;
}

}  // namespace frontline::floor
