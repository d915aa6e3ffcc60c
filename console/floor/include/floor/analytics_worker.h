// The supervisor's analytics worker: a thread with its own read-only connection to the
// console's store (WAL lets it read beside the desk's writer and the sync thread), where
// the supervisor's console pulls every console's events. It folds each new event into the
// FloorModel (incrementally: only the contacts, complaints and agents the event touched
// are re-read) and publishes an immutable FloorSnapshot, like the desk's DeskSnapshot. A
// full recompute happens at start and when the day changes. Never on the UI thread,
// never on the desk's writer.
//
// New events are found through event_heads (schema 7): the newest seq per origin, kept by
// a trigger, compared with the worker's own cursors; `PRAGMA data_version` says whether
// anything was committed at all since the last look (checked every 100 ms, or on wake()).
//
// Thread: its own; snapshot() and wake() from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "floor/floor_settings.h"
#include "floor/floor_snapshot.h"
#include "store/insight.h"

namespace frontline::floor {

struct AnalyticsOptions {
  std::string storePath;
  std::string origin;  // this console's (a supervisor is not on the floor)
  FloorSettings settings;
  store::InsightPolicy insight;
  std::function<std::int64_t()> clock;        // microseconds since the epoch; the system clock when empty
  std::int64_t pollUs = 100'000;              // how often it looks for new commits
  std::int64_t valueRefreshUs = 600'000'000;  // the value panel is recomputed this often
};

struct AnalyticsStats {
  std::int64_t eventsFolded = 0;  // incrementally, since start
  std::int64_t foldNs = 0;        // time spent folding them (reading the events and rows included)
  std::int64_t fullRecomputes = 0;
  std::int64_t lastFullNs = 0;
};

class AnalyticsWorker {
 public:
  AnalyticsWorker(AnalyticsOptions options, std::function<void()> onPublish = {});
  ~AnalyticsWorker();
  AnalyticsWorker(const AnalyticsWorker&) = delete;
  AnalyticsWorker& operator=(const AnalyticsWorker&) = delete;

  FloorSnapshotPtr snapshot() const;
  AnalyticsStats stats() const;
  void wake();

 private:
  void run();
  void publish(FloorSnapshot next);

  AnalyticsOptions m_options;
  std::function<void()> m_onPublish;
  mutable std::mutex m_mutex;  // guards m_snapshot, m_stats, m_stopping, m_woken (UI and worker threads)
  std::condition_variable m_wake;
  FloorSnapshotPtr m_snapshot;
  AnalyticsStats m_stats;
  std::uint64_t m_version = 0;
  bool m_stopping = false;
  bool m_woken = false;
  std::thread m_thread;  // last
};

}  // namespace frontline::floor
