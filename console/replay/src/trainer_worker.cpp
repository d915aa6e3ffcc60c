// The trainer's worker; see trainer_worker.h.
#include "replay/trainer_worker.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "store/address.h"
#include "store/customer_search.h"
#include "store/database.h"
#include "store/projections.h"

namespace frontline::replay {
namespace {

using Json = nlohmann::json;

std::vector<std::string> column(store::Database& db, const char* sql) {
  std::vector<std::string> values;
  store::Statement& s = db.cached(sql);
  while (s.step()) {
    if (!s.text(0).empty()) values.push_back(s.text(0));
  }
  return values;
}

// The trainer's work on one contact: annotations, evaluations and their acknowledgements.
void loadWork(store::Database& db, const std::string& interactionId, const Masker* masker, TrainerSnapshot& next) {
  next.annotations.clear();
  next.evaluations.clear();
  store::Statement& s = db.cached(
      "SELECT origin, ts_us, kind, payload_json FROM interaction_events WHERE interaction_id = ? AND kind IN "
      "('annotated', 'evaluated', 'evaluation_acknowledged') ORDER BY ts_us, origin, seq");
  s.bind(1, interactionId);
  std::vector<std::pair<std::string, std::int64_t>> acknowledged;
  while (s.step()) {
    const std::string kind = s.text(2);
    const std::string payload = s.text(3);
    if (kind == "annotated") {
      const auto p = Json::parse(payload, nullptr, false);
      if (!p.is_object()) continue;
      Annotation a{s.text(0),
                   p.value("by_name", s.text(0)),
                   s.int64(1),
                   p.value("at_us", std::int64_t{0}),
                   p.value("category", std::string("coaching_point")),
                   p.value("text", std::string())};
      if (masker) a.text = masker->text(a.text);
      next.annotations.push_back(std::move(a));
    } else if (kind == "evaluated") {
      if (auto e = evaluationFromPayload(payload, interactionId, s.text(0), s.int64(1))) {
        if (masker) {
          e->comment = masker->text(e->comment);
          for (auto& [id, a] : e->answers) a.comment = masker->text(a.comment);
        }
        next.evaluations.push_back(std::move(*e));
      }
    } else {
      const auto p = Json::parse(payload, nullptr, false);
      if (p.is_object()) acknowledged.emplace_back(p.value("evaluation_id", std::string()), s.int64(1));
    }
  }
  for (const auto& [id, at] : acknowledged) {
    for (auto& e : next.evaluations) {
      if (e.evaluationId == id && !e.acknowledgedUs) e.acknowledgedUs = at;
    }
  }
  std::stable_sort(next.annotations.begin(), next.annotations.end(),
                   [](const Annotation& a, const Annotation& b) { return a.atUs < b.atUs; });
}

void runSearch(store::Database& db, const TrainerOptions& options, TrainerSnapshot& next) {
  const auto started = std::chrono::steady_clock::now();
  next.searched = true;
  next.searchError.clear();
  store::InteractionFilter filter = next.search.filter;
  const std::string& text = next.search.customerText;
  try {
    if (text.find_first_not_of(' ') != std::string::npos) {
      // The customers the text names (a name, any of their phones or emails, an order
      // number): all their contacts. An address nobody owns: the contacts from it.
      for (const auto& m : store::searchCustomers(db, text, options.defaultRegion, 50)) {
        filter.customerIds.push_back(m.customerId);
      }
      if (filter.customerIds.empty()) {
        if (const auto email = store::normaliseEmail(text)) {
          filter.address = *email;
        } else if (const auto phone = store::normalisePhone(text, options.defaultRegion)) {
          filter.address = *phone;
        } else {
          next.page = {};
          next.searchError = "No customer matches '" + text + "'.";
          return;
        }
      }
    }
    next.page = store::searchInteractions(db, filter, next.search.sort, next.search.page);
  } catch (const std::exception& e) {
    next.page = {};
    next.searchError = e.what();
  }
  next.searchMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace

std::string categoryLabel(const std::string& category) {
  if (category == "good_practice") return "good practice";
  if (category == "coaching_point") return "coaching point";
  if (category == "compliance") return "compliance";
  return category;
}

TrainerWorker::TrainerWorker(TrainerOptions options, std::function<void()> onPublish)
    : m_options(std::move(options)), m_onPublish(std::move(onPublish)) {
  auto first = std::make_shared<TrainerSnapshot>();
  first->trainerId = m_options.trainerId;
  first->mayUnmask = m_options.mayUnmask;
  m_snapshot = first;
  m_thread = std::thread([this] { run(); });
}

TrainerWorker::~TrainerWorker() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

TrainerSnapshotPtr TrainerWorker::snapshot() const {
  std::lock_guard lock(m_mutex);
  return m_snapshot;
}

void TrainerWorker::search(SearchRequest request) {
  {
    std::lock_guard lock(m_mutex);
    m_searchRequest = std::move(request);
    m_woken = true;
  }
  m_wake.notify_all();
}

void TrainerWorker::open(const std::string& interactionId, bool unmasked) {
  {
    std::lock_guard lock(m_mutex);
    m_openRequest = std::make_pair(interactionId, unmasked && m_options.mayUnmask);
    m_woken = true;
  }
  m_wake.notify_all();
}

void TrainerWorker::wake() {
  {
    std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_wake.notify_all();
}

void TrainerWorker::run() {
  pthread_setname_np(pthread_self(), "fl-trainer");
  std::optional<store::Database> db;
  std::optional<Masker> masker;  // the open case's (when masked)
  std::string openId;
  std::int64_t openLastEventUs = 0;  // the open contact's last event when its case was loaded
  std::int64_t dataVersion = -1;
  TrainerSnapshot next = *snapshot();
  next.forms = loadForms(m_options.formsDirectory, next.formErrors);
  // The last 30 days, newest first, until the trainer asks for something else.
  next.search.filter.fromUs =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count() -
      30LL * 86'400'000'000;
  bool searchDue = true;
  for (;;) {
    bool changed = false;
    std::optional<std::pair<std::string, bool>> openRequest;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait_for(lock, std::chrono::microseconds(m_options.pollUs), [this] { return m_stopping || m_woken; });
      m_woken = false;
      if (m_stopping) return;
      if (m_searchRequest) {
        next.search = std::move(*m_searchRequest);
        m_searchRequest.reset();
        searchDue = true;
      }
      openRequest = std::move(m_openRequest);
      m_openRequest.reset();
    }
    try {
      if (!db) {
        store::OpenOptions ro;
        ro.readOnly = true;
        ro.create = false;
        db.emplace(store::Database::open(m_options.storePath, ro));
        next.agents = column(*db, "SELECT DISTINCT agent_id FROM agent_states ORDER BY agent_id");
        next.queues = column(*db, "SELECT DISTINCT queue FROM interactions ORDER BY queue");
        next.dispositions.clear();
        store::Statement& codes = db->cached("SELECT code, label FROM dispositions ORDER BY sort_order, code");
        while (codes.step()) next.dispositions.push_back({codes.text(0), codes.text(1)});
        if (const auto only = caseInteraction(*db); only && openId.empty() && !openRequest) {
          openRequest = std::make_pair(*only, false);  // a training case file: its contact, at once
          next.search.filter.fromUs = 0;
          searchDue = true;
        }
        changed = true;
      }
      // Opens (or opens again) a contact's case; its annotations and evaluations with it.
      auto openCase = [&](const std::string& id, bool unmasked) {
        next.openError.clear();
        try {
          ReplayCase plain = loadReplayCase(*db, id, m_options.caseOptions, true);
          masker.reset();
          if (!unmasked && !plain.masked) {
            masker = maskerFor(plain);
            maskCase(plain, *masker);
          }
          next.unmasked = unmasked && !plain.masked;
          auto shown = std::make_shared<const ReplayCase>(std::move(plain));
          // The recording is decoded once per contact (again only when its state changed:
          // recorded after the call, or deleted by the retention sweep).
          auto lane = std::make_shared<RecordingLane>(describeRecording(*shown));
          const bool same = next.recording && next.timeline && next.timeline->replayCase().interactionId == id &&
                            next.recording->path == lane->path && next.recording->unavailable == lane->unavailable;
          if (!same) {
            decodeRecording(*lane);
            next.recording = std::move(lane);
          }
          next.timeline = std::make_shared<const ReplayTimeline>(std::move(shown));
          openId = id;
          const auto row = store::loadInteraction(*db, id);
          openLastEventUs = row ? row->lastEventUs : 0;
          loadWork(*db, openId, masker ? &*masker : nullptr, next);
        } catch (const std::exception& e) {
          next.openError = e.what();
        }
        changed = true;
      };
      if (openRequest) openCase(openRequest->first, openRequest->second);
      const std::int64_t version = db->queryInt("PRAGMA data_version");
      if (version != dataVersion) {
        if (dataVersion >= 0 && !openId.empty()) {
          // A contact still in progress (a supervisor's "so far") grows as its events arrive.
          const auto row = store::loadInteraction(*db, openId);
          if (row && row->lastEventUs != openLastEventUs) {
            openCase(openId, next.unmasked);
          } else {
            loadWork(*db, openId, masker ? &*masker : nullptr, next);
            changed = true;
          }
        }
        if (dataVersion >= 0) searchDue = true;  // new contacts may match
        dataVersion = version;
      }
      if (searchDue) {
        runSearch(*db, m_options, next);
        searchDue = false;
        changed = true;
      }
    } catch (const std::exception& e) {
      if (next.searchError != e.what()) {
        next.searchError = e.what();  // no store yet (the desk creates it): try again
        changed = true;
      }
      db.reset();
    }
    if (!changed) continue;
    ++next.version;
    {
      std::lock_guard lock(m_mutex);
      m_snapshot = std::make_shared<const TrainerSnapshot>(next);
    }
    if (m_onPublish) m_onPublish();
  }
}

}  // namespace frontline::replay
