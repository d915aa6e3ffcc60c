// The sync thread; see sync_service.h.
#include "sync/sync_service.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "store/database.h"
#include "store/wal_sync.h"
#include "sync/central_connection.h"
#include "sync/sync_engine.h"

namespace frontline::sync {
namespace {

std::int64_t systemNowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SyncService::SyncService(SyncServiceOptions options, std::function<void()> onChange)
    : m_options(std::move(options)), m_onChange(std::move(onChange)) {
  if (!m_options.clock) m_options.clock = systemNowUs;
  m_status.central = redactedUrl(m_options.centralUrl);
  m_thread = std::thread([this] {
    pthread_setname_np(pthread_self(), "fl-sync");  // names show in top, gdb and perf
    run();
  });
  const bool postgres =
      m_options.centralUrl.rfind("postgresql://", 0) == 0 || m_options.centralUrl.rfind("postgres://", 0) == 0;
  if (postgres && m_options.role != "agent") {
    m_listener = std::thread([this] {
      pthread_setname_np(pthread_self(), "fl-sync-listen");
      listen();
    });
  }
}

SyncService::~SyncService() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
  if (m_listener.joinable()) m_listener.join();  // wakes at least every 250 ms to see m_stopping
}

SyncStatus SyncService::status() const {
  std::lock_guard lock(m_mutex);
  return m_status;
}

void SyncService::wake() {
  {
    std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_wake.notify_all();
}

void SyncService::wakeSoon() {
  {
    std::lock_guard lock(m_mutex);
    // A round is already due; or the central store is away and the backoff decides when to
    // try again (a busy desk commits many times a second: each nudge would be another
    // connection attempt and another count of the pending events).
    if (m_woken || m_backingOff) return;
    m_woken = true;
    m_soon = true;
  }
  m_wake.notify_all();
}

void SyncService::listen() {
  std::unique_ptr<CentralConnection> connection;
  for (;;) {
    {
      std::lock_guard lock(m_mutex);
      if (m_stopping) return;
    }
    try {
      if (!connection) {
        connection = connectCentral(m_options.centralUrl, m_options.password);
        connection->listen(kEventsChannel);
        wake();  // anything committed before LISTEN took effect
      }
      if (connection->waitForNotification(250)) wake();
    } catch (const std::exception&) {
      // The sync round reports the central store's absence; try again in a second.
      connection.reset();
      std::unique_lock lock(m_mutex);
      m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_stopping; });
    }
  }
}

void SyncService::publish(const SyncStatus& next) {
  bool changed = false;
  {
    std::lock_guard lock(m_mutex);
    changed = !(m_status == next);
    m_status = next;
  }
  if (changed && m_onChange) m_onChange();
}

void SyncService::run() {
  std::unique_ptr<store::Database> local;
  std::unique_ptr<store::WalSync> localWal;  // makes what a push read durable first
  std::unique_ptr<CentralConnection> central;
  std::int64_t waitMs = 0;
  for (;;) {
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return m_stopping || m_woken; });
      if (m_stopping) return;
      if (m_soon) {
        // Commits arrive in bursts: gather those of the next debounceMs into this round.
        m_soon = false;
        m_wake.wait_for(lock, std::chrono::milliseconds(m_options.debounceMs), [this] { return m_stopping; });
        if (m_stopping) return;
      }
      m_woken = false;
    }
    SyncStatus next = status();
    ++m_rounds;
    try {
      if (!local) local = std::make_unique<store::Database>(store::Database::open(m_options.localPath));
      if (!central) central = connectCentral(m_options.centralUrl, m_options.password);
      if (!localWal && m_options.localPath != ":memory:") {
        localWal = std::make_unique<store::WalSync>(m_options.localPath);
      }
      SyncOptions syncOptions;
      syncOptions.role = m_options.role;
      if (localWal) syncOptions.localDurable = [&localWal] { localWal->sync(); };
      SyncEngine engine(*local, *central, m_options.origin, syncOptions);
      const auto counts = engine.syncOnce();
      next.connected = true;
      next.everSynced = true;
      next.pending = engine.pendingEvents();
      next.pushedTotal += counts.pushed;
      next.pulledTotal += counts.pulled;
      next.lastSyncUs = m_options.clock();
      waitMs = m_options.intervalMs;
      std::lock_guard lock(m_mutex);
      m_backingOff = false;
    } catch (const std::exception& e) {
      central.reset();  // reconnect next time
      next.connected = false;
      next.lastError = e.what();
      try {
        if (local) next.pending = pendingEvents(*local, m_options.origin);
      } catch (const std::exception&) {
      }
      // Offline: try again later, twice as late each time, at most maxBackoffMs apart.
      waitMs = std::clamp<std::int64_t>(waitMs * 2, m_options.intervalMs, m_options.maxBackoffMs);
      std::lock_guard lock(m_mutex);
      m_backingOff = true;
    }
    publish(next);
  }
}

}  // namespace frontline::sync
