// The sync thread; see sync_service.h.
#include "sync/sync_service.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "store/database.h"
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
}

SyncService::~SyncService() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
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
  std::unique_ptr<CentralConnection> central;
  std::int64_t waitMs = 0;
  for (;;) {
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return m_stopping || m_woken; });
      if (m_stopping) return;
      m_woken = false;
    }
    SyncStatus next = status();
    try {
      if (!local) local = std::make_unique<store::Database>(store::Database::open(m_options.localPath));
      if (!central) central = connectCentral(m_options.centralUrl, m_options.password);
      SyncOptions syncOptions;
      syncOptions.role = m_options.role;
      SyncEngine engine(*local, *central, m_options.origin, syncOptions);
      const auto counts = engine.syncOnce();
      next.connected = true;
      next.everSynced = true;
      next.pending = engine.pendingEvents();
      next.pushedTotal += counts.pushed;
      next.pulledTotal += counts.pulled;
      next.lastSyncUs = m_options.clock();
      waitMs = m_options.intervalMs;
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
    }
    publish(next);
  }
}

}  // namespace frontline::sync
