// The analytics worker; see analytics_worker.h.
#include "floor/analytics_worker.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "floor/floor_model.h"
#include "floor/floor_reads.h"
#include "store/customer_values.h"
#include "store/customer_view.h"
#include "store/database.h"
#include "store/projections.h"

namespace frontline::floor {
namespace {

using Json = nlohmann::json;

std::int64_t systemNow() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t steadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string jsonText(const std::string& payload, const char* key) {
  const Json j = Json::parse(payload, nullptr, false);
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return {};
  return j[key].get<std::string>();
}

// Everything the worker keeps between rounds (worker thread only).
class Fold {
 public:
  Fold(store::Database& db, const AnalyticsOptions& options) : m_db(db), m_options(options) {}

  std::int64_t now() const { return m_options.clock ? m_options.clock() : systemNow(); }

  // The whole picture again: at start and when the day changes.
  void full() {
    store::Transaction read(m_db, store::Transaction::Mode::Deferred);  // one consistent picture
    const std::int64_t at = now();
    const std::int64_t day = dayStartUs(at, m_options.settings.dayStartOffsetUs);
    m_model = std::make_unique<FloorModel>(loadFloorModel(m_db, m_options.settings, day));
    m_cursors.clear();
    {
      store::Statement& s = m_db.cached("SELECT origin, seq FROM event_heads");
      while (s.step()) m_cursors[s.text(0)] = s.int64(1);
      s.reset();
    }
    m_inputs.acknowledged.clear();
    m_inputs.requests.clear();
    {
      store::Statement& s = m_db.cached(
          "SELECT kind, ts_us, payload_json FROM interaction_events WHERE interaction_id IS NULL AND ts_us >= ? "
          "AND kind IN ('alert_acknowledged', 'agent_state_requested') ORDER BY ts_us");
      s.bind(1, day - kDayUs);
      while (s.step()) note(s.text(0), s.int64(1), s.text(2));
      s.reset();
    }
    m_inputs.fcrByQueueChannel = fcrByQueueChannel(m_db, day - 30 * kDayUs, day, m_options.settings.fcrDays, at);
    refreshReference(at);
    read.commit();
  }

  void refreshReference(std::int64_t at) {
    const AgentDirectory directory = loadAgentDirectory(m_db);
    m_inputs.agentNames = directory.names;
    m_inputs.notAgents = directory.notAgents;
    m_inputs.notAgents.insert(m_options.origin);
    const auto values = store::loadCustomerValues(m_db, at, m_options.insight);
    m_feelings = store::customerFeelings(m_db, at);
    m_inputs.value =
        std::make_shared<const ValueOverview>(valueOverview(values, store::reportingCurrency(m_db), &m_feelings));
    m_inputs.feelingDays = feelingDays(m_db, dayStartUs(at, m_options.settings.dayStartOffsetUs), kFeelingDays - 1);
    // Each customer's quadrant in 16 bytes (a million customers: 16 MB), sorted by id;
    // names are read when a contact or complaint on the floor needs one.
    m_quadrants.clear();
    m_quadrants.reserve(values.size());
    for (const auto& v : values) m_quadrants.emplace_back(v.id, static_cast<std::uint8_t>(v.insight.quadrant));
    std::sort(m_quadrants.begin(), m_quadrants.end());
    m_names.clear();
    m_valueAtUs = at;
  }

  // Folds what was committed since the last round; returns the number of events.
  // No read transaction: a row read after a later commit already holds that commit's
  // events, which the next round folds again (an upsert replaces, so nothing counts twice).
  std::int64_t incremental() {
    std::map<std::string, std::int64_t> heads;
    {
      store::Statement& s = m_db.cached("SELECT origin, seq FROM event_heads");
      while (s.step()) heads[s.text(0)] = s.int64(1);
      s.reset();
    }
    std::set<std::string> interactions, complaints, agents;
    std::int64_t folded = 0;
    for (const auto& [origin, head] : heads) {
      std::int64_t& cursor = m_cursors[origin];
      if (head <= cursor) continue;
      store::Statement& s = m_db.cached(
          "SELECT seq, COALESCE(interaction_id, ''), ts_us, kind, agent_id, payload_json FROM interaction_events "
          "WHERE origin = ? AND seq > ? ORDER BY seq");
      s.bind(1, origin).bind(2, cursor);
      while (s.step()) {
        ++folded;
        cursor = s.int64(0);
        const auto kind = store::eventKindFromString(s.text(3));
        if (!kind) continue;
        const std::int64_t ts = s.int64(2);
        m_lastEventUs = std::max(m_lastEventUs, ts);
        switch (store::projectionTargetOf(*kind)) {
          case store::ProjectionTarget::Interaction:
            interactions.insert(s.text(1));
            break;
          case store::ProjectionTarget::Complaint:
            complaints.insert(jsonText(s.text(5), "complaint_id"));
            break;
          case store::ProjectionTarget::AgentState:
            agents.insert(s.text(4));
            if (ts >= m_model->dayStartUs()) m_model->agentStateChanged(s.text(4), ts, jsonText(s.text(5), "state"));
            break;
          case store::ProjectionTarget::None:
            note(s.text(3), ts, s.text(5));
            break;
        }
      }
      s.reset();
    }
    std::set<std::int64_t> feelingChanged;
    for (const auto& id : interactions) {
      if (auto row = store::loadInteraction(m_db, id)) {
        m_model->upsertContact(*row);
        if (row->customerId && !row->emotionBy.empty()) feelingChanged.insert(*row->customerId);
      }
    }
    // A contact scored or corrected: its customer's feeling now, not at the next refresh.
    for (const std::int64_t customer : feelingChanged) {
      const auto f = store::customerFeeling(m_db, customer, now());
      if (f.known) m_feelings[customer] = f;
    }
    for (const auto& id : complaints) {
      if (auto row = store::loadComplaint(m_db, id)) m_model->upsertComplaint(*row);
    }
    for (const auto& id : agents) {
      if (auto row = store::loadAgentState(m_db, id)) m_model->setAgentState(*row);
    }
    m_eventsFolded += folded;
    return folded;
  }

  FloorSnapshot snapshot() {
    const std::int64_t at = now();
    if (at - m_valueAtUs > m_options.valueRefreshUs) {
      store::Transaction read(m_db, store::Transaction::Mode::Deferred);
      refreshReference(at);
      read.commit();
    }
    m_inputs.contactName = [this](const store::InteractionRow& c) {
      if (c.customerId) {
        if (auto name = customerName(*c.customerId); !name.empty()) return name;
      }
      return c.displayName.empty() ? (c.address.empty() ? std::string("Unknown caller") : c.address) : c.displayName;
    };
    m_inputs.customerName = [this](std::int64_t id) {
      auto name = customerName(id);
      return name.empty() ? "Customer " + std::to_string(id) : name;
    };
    m_inputs.feelingOf = [this](std::int64_t id) -> std::optional<emotion::CustomerFeeling> {
      const auto it = m_feelings.find(id);
      return it == m_feelings.end() ? std::nullopt : std::optional<emotion::CustomerFeeling>(it->second);
    };
    m_inputs.quadrantOf = [this](std::int64_t id) {
      const auto it = std::lower_bound(m_quadrants.begin(), m_quadrants.end(), std::make_pair(id, std::uint8_t{0}));
      if (it == m_quadrants.end() || it->first != id) return std::string();
      return std::string(store::quadrantName(static_cast<store::Quadrant>(it->second)));
    };
    FloorSnapshot s = m_model->snapshot(at, m_inputs);
    s.eventsFolded = m_eventsFolded;
    s.lastEventUs = m_lastEventUs;
    return s;
  }

  bool dayChanged() const { return dayStartUs(now(), m_options.settings.dayStartOffsetUs) != m_model->dayStartUs(); }

 private:
  // A customer's name, read once (the floor names the customers of today's contacts and
  // of open complaints, not every customer).
  std::string customerName(std::int64_t id) {
    if (const auto it = m_names.find(id); it != m_names.end()) return it->second;
    store::Statement& s = m_db.cached("SELECT display_name FROM customers WHERE id = ?");
    s.bind(1, id);
    std::string name = s.step() ? s.text(0) : std::string();
    s.reset();
    return m_names.emplace(id, std::move(name)).first->second;
  }

  void note(const std::string& kind, std::int64_t ts, const std::string& payload) {
    if (kind == "alert_acknowledged") {
      m_inputs.acknowledged.insert(jsonText(payload, "key"));
    } else if (kind == "agent_state_requested") {
      auto& r = m_inputs.requests[jsonText(payload, "agent")];
      if (ts >= r.tsUs) r = {ts, jsonText(payload, "state")};
    }
  }

  store::Database& m_db;
  const AnalyticsOptions& m_options;
  std::unique_ptr<FloorModel> m_model;
  std::map<std::string, std::int64_t> m_cursors;  // origin -> last seq folded
  SnapshotInputs m_inputs;
  std::unordered_map<std::int64_t, std::string> m_names;           // read on demand
  std::vector<std::pair<std::int64_t, std::uint8_t>> m_quadrants;  // (customer id, Quadrant), sorted
  store::FeelingMap m_feelings;  // customers with a scored contact; kept fresh as contacts are scored
  std::int64_t m_valueAtUs = 0;
  std::int64_t m_eventsFolded = 0;
  std::int64_t m_lastEventUs = 0;
};

}  // namespace

AnalyticsWorker::AnalyticsWorker(AnalyticsOptions options, std::function<void()> onPublish)
    : m_options(std::move(options)),
      m_onPublish(std::move(onPublish)),
      m_snapshot(std::make_shared<const FloorSnapshot>()),
      m_thread([this] { run(); }) {}

AnalyticsWorker::~AnalyticsWorker() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

FloorSnapshotPtr AnalyticsWorker::snapshot() const {
  std::lock_guard lock(m_mutex);
  return m_snapshot;
}

AnalyticsStats AnalyticsWorker::stats() const {
  std::lock_guard lock(m_mutex);
  return m_stats;
}

void AnalyticsWorker::wake() {
  {
    std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_wake.notify_all();
}

void AnalyticsWorker::publish(FloorSnapshot next) {
  {
    std::lock_guard lock(m_mutex);
    next.version = ++m_version;
    m_snapshot = std::make_shared<const FloorSnapshot>(std::move(next));
  }
  if (m_onPublish) m_onPublish();
}

void AnalyticsWorker::run() {
  pthread_setname_np(pthread_self(), "fl-analytics");
  auto waitFor = [this](std::int64_t us) {
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, std::chrono::microseconds(us), [this] { return m_stopping || m_woken; });
    m_woken = false;
    return !m_stopping;
  };
  // The desk creates and migrates the store; wait until it has schema 7.
  std::unique_ptr<store::Database> db;
  std::string lastError;
  while (!db) {
    try {
      store::OpenOptions ro;
      ro.readOnly = true;
      ro.create = false;
      auto opened = store::Database::open(m_options.storePath, ro);
      if (opened.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'event_heads'") == 1) {
        db = std::make_unique<store::Database>(std::move(opened));
      }
    } catch (const std::exception& e) {
      lastError = e.what();
    }
    if (!db && !waitFor(200'000)) return;
  }
  Fold fold(*db, m_options);
  std::int64_t dataVersion = -1;
  std::int64_t lastPublishUs = 0;
  bool needFull = true;
  for (;;) {
    try {
      bool changed = false;
      if (needFull || fold.dayChanged()) {
        const std::int64_t start = steadyNs();
        fold.full();
        needFull = false;
        changed = true;
        std::lock_guard lock(m_mutex);
        ++m_stats.fullRecomputes;
        m_stats.lastFullNs = steadyNs() - start;
      }
      const std::int64_t version = db->queryInt("PRAGMA data_version");
      if (version != dataVersion) {
        dataVersion = version;
        const std::int64_t start = steadyNs();
        const std::int64_t n = fold.incremental();
        if (n > 0) {
          changed = true;
          std::lock_guard lock(m_mutex);
          m_stats.eventsFolded += n;
          m_stats.foldNs += steadyNs() - start;
        }
      }
      // Clocks on the board move on their own: a new picture at least every second.
      const std::int64_t at = fold.now();
      if (changed || at - lastPublishUs >= 1'000'000) {
        publish(fold.snapshot());
        lastPublishUs = at;
      }
    } catch (const std::exception& e) {
      spdlog::error("analytics: {}", e.what());
      FloorSnapshot failed = *snapshot();
      failed.error = std::string("The floor's figures could not be read: ") + e.what();
      publish(std::move(failed));
      needFull = true;
      if (!waitFor(2'000'000)) return;
      continue;
    }
    if (!waitFor(m_options.pollUs)) return;
  }
}

}  // namespace frontline::floor
