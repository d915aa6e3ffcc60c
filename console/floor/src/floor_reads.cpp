// Reading the floor's rows from a store; see floor_reads.h.
#include "floor/floor_reads.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "store/projection_tables.h"

namespace frontline::floor {

void forEachContactOffered(store::Database& db, std::int64_t fromUs, std::int64_t toUs,
                           const std::function<void(const store::InteractionRow&)>& each) {
  const auto& table = store::interactionsTable();
  store::Statement& s = db.cached(table.select("WHERE offered_us >= ? AND offered_us < ?"));
  s.bind(1, fromUs).bind(2, toUs);
  while (s.step()) each(table.read(s));
  s.reset();
}

std::vector<store::InteractionRow> loadContactsOffered(store::Database& db, std::int64_t fromUs, std::int64_t toUs) {
  std::vector<store::InteractionRow> rows;
  forEachContactOffered(db, fromUs, toUs, [&](const store::InteractionRow& row) { rows.push_back(row); });
  return rows;
}

std::vector<store::ComplaintRow> loadComplaints(store::Database& db, std::int64_t fromUs, std::int64_t toUs,
                                                bool open) {
  const auto& table = store::complaintsTable();
  store::Statement& s =
      db.cached(table.select("WHERE (opened_us >= ?1 AND opened_us < ?2) OR (?3 AND status IN ('open', 'responded'))"));
  s.bind(1, fromUs).bind(2, toUs).bind(3, open ? 1 : 0);
  std::vector<store::ComplaintRow> rows;
  while (s.step()) rows.push_back(table.read(s));
  s.reset();
  return rows;
}

FloorModel loadFloorModel(store::Database& db, const FloorSettings& settings, std::int64_t dayStartUs) {
  FloorModel model(settings, dayStartUs, dayStartUs - 29 * kDayUs);
  forEachContactOffered(db, dayStartUs, INT64_MAX, [&](const store::InteractionRow& row) { model.upsertContact(row); });
  for (const auto& row : loadComplaints(db, dayStartUs - 29 * kDayUs, INT64_MAX, true)) model.upsertComplaint(row);
  {
    const auto& table = store::agentStatesTable();
    store::Statement& s = db.cached(table.select());
    while (s.step()) model.setAgentState(table.read(s));
    s.reset();
  }
  {
    // Agent state changes are events without an interaction: the index on (interaction_id,
    // ts_us) finds today's.
    store::Statement& s = db.cached(
        "SELECT agent_id, ts_us, json_extract(payload_json, '$.state') FROM interaction_events "
        "WHERE interaction_id IS NULL AND ts_us >= ? AND kind = 'agent_state' ORDER BY ts_us");
    s.bind(1, dayStartUs);
    while (s.step()) model.agentStateChanged(s.text(0), s.int64(1), s.text(2));
    s.reset();
  }
  {
    store::Statement& s = db.cached(
        "SELECT agent_id, (SELECT json_extract(e.payload_json, '$.state') FROM interaction_events e "
        "  WHERE e.interaction_id IS NULL AND e.ts_us < ?1 AND e.kind = 'agent_state' AND e.agent_id = a.agent_id "
        "  ORDER BY e.ts_us DESC LIMIT 1) FROM agent_states a");
    s.bind(1, dayStartUs);
    while (s.step()) {
      if (!s.isNull(1)) model.setStateBeforeDay(s.text(0), s.text(1));
    }
    s.reset();
  }
  return model;
}

std::map<std::string, FcrCounts> fcrByQueueChannel(store::Database& db, std::int64_t fromUs, std::int64_t toUs,
                                                   int days, std::int64_t nowUs) {
  // Every contact of a known customer from the range's start to the end of its FCR window.
  store::Statement& s = db.cached(
      "SELECT id, queue, channel, customer_id, offered_us, answered_us, direction FROM interactions "
      "WHERE offered_us >= ? AND offered_us < ? AND customer_id IS NOT NULL");
  const std::int64_t until = toUs > INT64_MAX - days * kDayUs ? INT64_MAX : toUs + days * kDayUs;
  s.bind(1, fromUs).bind(2, until);
  std::vector<store::InteractionRow> rows;
  while (s.step()) {
    store::InteractionRow r;
    r.id = s.text(0);
    r.queue = s.text(1);
    r.channel = s.text(2);
    r.customerId = s.optionalInt64(3);
    r.offeredUs = s.int64(4);
    r.answeredUs = s.optionalInt64(5);
    r.direction = s.text(6);
    rows.push_back(std::move(r));
  }
  s.reset();
  std::vector<const store::InteractionRow*> all;
  std::map<std::string, bool> keys;
  for (const auto& r : rows) {
    all.push_back(&r);
    if (r.offeredUs < toUs && r.direction != "out") keys[r.queue + "\n" + r.channel] = true;
  }
  std::map<std::string, FcrCounts> result;
  for (const auto& entry : keys) {
    const std::string& key = entry.first;
    result[key] = firstContactResolution(all, days, nowUs, [&](const store::InteractionRow& r) {
      return r.offeredUs >= fromUs && r.offeredUs < toUs && r.direction != "out" && r.queue + "\n" + r.channel == key;
    });
  }
  return result;
}

std::map<std::string, std::vector<FeelingDay>> feelingDays(store::Database& db, std::int64_t dayStartUs, int days) {
  const std::int64_t from = dayStartUs - days * kDayUs;
  store::Statement& s = db.cached(
      "SELECT queue, channel, (offered_us - ?1) / ?2, SUM(emotion_index), COUNT(*) FROM interactions "
      "WHERE emotion_index IS NOT NULL AND offered_us >= ?1 AND offered_us < ?3 GROUP BY 1, 2, 3");
  s.bind(1, from).bind(2, kDayUs).bind(3, dayStartUs);
  std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> sums;  // key -> (sum, count) per day
  auto add = [&](const std::string& key, std::size_t day, std::int64_t sum, std::int64_t count) {
    auto& v = sums[key];
    v.resize(static_cast<std::size_t>(days));
    v[day].first += sum;
    v[day].second += count;
  };
  while (s.step()) {
    const auto day = static_cast<std::size_t>(std::clamp<std::int64_t>(s.int64(2), 0, days - 1));
    add(s.text(0) + "\n" + s.text(1), day, s.int64(3), s.int64(4));
    add("", day, s.int64(3), s.int64(4));
  }
  s.reset();
  std::map<std::string, std::vector<FeelingDay>> out;
  for (const auto& [key, perDay] : sums) {
    auto& v = out[key];
    for (int d = 0; d < days; ++d) {
      const auto& [sum, count] = perDay[static_cast<std::size_t>(d)];
      v.push_back({from + d * kDayUs,
                   count ? std::optional<double>(static_cast<double>(sum) / static_cast<double>(count)) : std::nullopt,
                   count});
    }
  }
  return out;
}

ValueOverview valueOverview(const std::vector<store::CustomerValue>& values, std::string currency,
                            const FeelingMap* feelings, std::size_t winBackLimit) {
  ValueOverview v;
  v.currency = std::move(currency);
  v.customers = static_cast<std::int64_t>(values.size());
  std::int64_t total = 0;
  auto feelingOf = [&](std::int64_t id) -> std::optional<emotion::CustomerFeeling> {
    if (!feelings) return std::nullopt;
    const auto it = feelings->find(id);
    return it == feelings->end() ? std::nullopt : std::optional<emotion::CustomerFeeling>(it->second);
  };
  std::vector<std::pair<std::int64_t, std::int8_t>> byRevenue;
  byRevenue.reserve(values.size());
  for (const auto& c : values) {
    const auto f = feelingOf(c.id);
    byRevenue.emplace_back(std::max<std::int64_t>(0, c.revenueMinor),
                           f ? static_cast<std::int8_t>(std::clamp(f->average, -100, 100)) : kNoFeeling);
    if (f) ++v.customersWithFeeling;
    total += std::max<std::int64_t>(0, c.revenueMinor);
    ++v.quadrantCounts[static_cast<std::size_t>(c.insight.quadrant)];
  }
  std::stable_sort(byRevenue.begin(), byRevenue.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  v.revenueSorted.reserve(byRevenue.size());
  v.feelingSorted.reserve(byRevenue.size());
  for (const auto& [revenue, feeling] : byRevenue) {
    v.revenueSorted.push_back(revenue);
    v.feelingSorted.push_back(feeling);
  }
  // METRICS.md "Value": where x = 20 % of customers, and where y reaches 80 % of revenue.
  if (total > 0 && !v.revenueSorted.empty()) {
    const auto n = v.revenueSorted.size();
    const auto fifth = static_cast<std::size_t>(std::ceil(0.2 * static_cast<double>(n)));
    std::int64_t sum = 0;
    bool found = false;
    for (std::size_t i = 0; i < n; ++i) {
      sum += v.revenueSorted[i];
      if (i + 1 == fifth) v.topFifthShare = static_cast<double>(sum) / static_cast<double>(total);
      if (!found && static_cast<double>(sum) >= 0.8 * static_cast<double>(total)) {
        v.customersForFourFifths = static_cast<double>(i + 1) / static_cast<double>(n);
        found = true;
      }
    }
  }
  std::vector<const store::CustomerValue*> winBack;
  for (const auto& c : values)
    if (c.insight.winBack) winBack.push_back(&c);
  std::sort(winBack.begin(), winBack.end(),
            [](const auto* a, const auto* b) { return a->revenueMinor > b->revenueMinor; });
  for (const auto* c : winBack) {
    if (v.winBack.size() >= winBackLimit) break;
    v.winBack.push_back({c->id, c->name, c->revenueMinor, std::string(store::lifecycleName(c->insight.lifecycle)),
                         std::string(store::quadrantName(c->insight.quadrant)), feelingOf(c->id)});
  }
  std::vector<const store::CustomerValue*> worse;
  for (const auto& c : values) {
    const bool high =
        c.insight.quadrant == store::Quadrant::TrueFriend || c.insight.quadrant == store::Quadrant::Butterfly;
    if (!high) continue;
    const auto f = feelingOf(c.id);
    if (f && f->trend == emotion::Direction::Worse) worse.push_back(&c);
  }
  std::sort(worse.begin(), worse.end(), [](const auto* a, const auto* b) { return a->revenueMinor > b->revenueMinor; });
  for (const auto* c : worse) {
    if (v.feelingWorse.size() >= winBackLimit) break;
    v.feelingWorse.push_back({c->id, c->name, c->revenueMinor, std::string(store::lifecycleName(c->insight.lifecycle)),
                              std::string(store::quadrantName(c->insight.quadrant)), feelingOf(c->id)});
  }
  return v;
}

AgentDirectory loadAgentDirectory(store::Database& db) {
  AgentDirectory d;
  store::Statement& s = db.cached("SELECT id, name, role FROM agents");
  while (s.step()) {
    if (s.text(2) == "agent") {
      d.names[s.text(0)] = s.text(1);
    } else {
      d.notAgents.insert(s.text(0));
    }
  }
  s.reset();
  return d;
}

}  // namespace frontline::floor
