// The console's sync thread: pushes and pulls every few seconds, and within debounceMs of
// a local commit (wakeSoon); a supervisor's or trainer's console on PostgreSQL also
// LISTENs on its own connection and pulls as soon as any console's push is committed
// (NOTIFY in the push transaction); keeps working through the central store's absence with a doubling backoff
// (up to a minute; commits do not shorten it), and catches up by itself when it is back. Its status is what the
// status line shows: connected or offline, events pending, last sync, last error.
//
// Thread: one thread of its own with its own local connection (WAL lets it write beside
// the desk) and its own central connection; status() and wake() from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace frontline::sync {

struct SyncServiceOptions {
  std::string localPath;
  std::string centralUrl;
  std::string password;  // never logged
  std::string origin;
  std::string role = "agent";  // what it pulls (SyncOptions::role)
  std::int64_t intervalMs = 5000;
  std::int64_t maxBackoffMs = 60000;
  std::function<std::int64_t()> clock;  // microseconds since the epoch; the system clock when empty
  std::int64_t debounceMs = 100;        // wakeSoon(): commits this close together are pushed in one round
};

struct SyncStatus {
  bool connected = false;
  bool everSynced = false;
  std::int64_t pending = 0;      // this console's events not yet in the central store
  std::int64_t lastSyncUs = 0;   // end of the last successful round
  std::int64_t pushedTotal = 0;  // since start
  std::int64_t pulledTotal = 0;
  std::string central;    // where (no password)
  std::string lastError;  // the last failure (kept after recovery, for the record)
  bool operator==(const SyncStatus&) const = default;
};

class SyncService {
 public:
  // `onChange` is called on the sync thread whenever the status changes.
  SyncService(SyncServiceOptions options, std::function<void()> onChange = {});
  ~SyncService();  // finishes the round in progress, then stops
  SyncService(const SyncService&) = delete;
  SyncService& operator=(const SyncService&) = delete;

  SyncStatus status() const;
  void wake();      // sync now
  void wakeSoon();  // after a local commit: sync within debounceMs (several commits, one round); not while offline
  std::int64_t rounds() const { return m_rounds; }  // rounds tried since start

 private:
  void run();
  void listen();  // PostgreSQL supervisors and trainers: LISTEN, and wake() on each NOTIFY
  void publish(const SyncStatus& next);

  SyncServiceOptions m_options;
  std::function<void()> m_onChange;
  mutable std::mutex m_mutex;  // guards everything below but the thread
  std::condition_variable m_wake;
  bool m_stopping = false;
  bool m_woken = false;
  bool m_soon = false;        // the wake-up came from wakeSoon(): wait out the debounce first
  bool m_backingOff = false;  // the last round failed: only the backoff (or wake()) starts the next
  std::atomic<std::int64_t> m_rounds{0};
  SyncStatus m_status;
  std::thread m_thread;    // last but one
  std::thread m_listener;  // last; only on PostgreSQL for supervisors and trainers
};

}  // namespace frontline::sync
