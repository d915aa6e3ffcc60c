// Acknowledgements after the WAL's fsync, on their own thread; see durable_acks.h.
#include "durable_acks.h"

#include <pthread.h>

#include <chrono>

namespace frontline::desk {
namespace {
// A PASSIVE checkpoint at most this often while commits come: each one fsyncs the
// database file, so a checkpoint per commit would cost more than the commits.
constexpr auto kCheckpointInterval = std::chrono::seconds(1);
}  // namespace

DurableAcks::DurableAcks(const std::string& storePath) {
  if (storePath != ":memory:") m_wal = std::make_unique<store::WalSync>(storePath);
  m_thread = std::thread([this] { run(); });
}

DurableAcks::~DurableAcks() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_one();
  m_thread.join();
}

void DurableAcks::afterCommit(std::vector<Ack> acks) {
  if (!m_wal) {
    for (auto& ack : acks) ack({});
    return;
  }
  {
    std::lock_guard lock(m_mutex);
    m_dirty = true;
    for (auto& ack : acks) m_pending.push_back(std::move(ack));
  }
  m_wake.notify_one();
}

void DurableAcks::run() {
  pthread_setname_np(pthread_self(), "fl-fsync");
  auto lastCheckpoint = std::chrono::steady_clock::now();
  for (;;) {
    std::vector<Ack> acks;
    bool stopping = false;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_dirty || m_stopping; });
      acks.swap(m_pending);
      stopping = m_stopping;
      if (!m_dirty && stopping) return;
      m_dirty = false;
    }
    // Everything committed before this point is covered by this fsync.
    std::string error;
    try {
      m_wal->sync();
    } catch (const std::exception& e) {
      error = e.what();
    }
    for (auto& ack : acks) ack(error);
    if (stopping || std::chrono::steady_clock::now() - lastCheckpoint >= kCheckpointInterval) {
      lastCheckpoint = std::chrono::steady_clock::now();
      try {
        m_wal->checkpoint();
      } catch (const std::exception&) {
        // The WAL grows until a later checkpoint succeeds; nothing is lost.
      }
    }
    if (stopping) {
      std::lock_guard lock(m_mutex);
      if (!m_dirty && m_pending.empty()) return;
    }
  }
}

}  // namespace frontline::desk
