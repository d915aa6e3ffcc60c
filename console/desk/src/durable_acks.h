// Acknowledgements that wait for the disk, off the desk thread. The desk commits a group
// of contacts (its connection at synchronous=NORMAL: the COMMIT does not wait for the
// disk), publishes the screen pop, and hands the group's acknowledgements here; this
// thread (fl-fsync) fsyncs the store's WAL and only then runs them (SIP 180, SMTP 250,
// the webhook's 200). Everything committed while an fsync runs is covered by the next one,
// so contacts from every session share one fsync, and no contact waits on the desk
// thread for another's fsync. It also checkpoints the WAL into the database now and then
// (the desk's connection does not), so the desk never stalls on a checkpoint either.
//
// An fsync that fails acknowledges the group as not recorded (the peers retry; the desk
// recognises a retried contact). Destruction syncs and acknowledges what is queued.
// ":memory:" stores have nothing to sync: acknowledgements run at once.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/wal_sync.h"

namespace frontline::desk {

class DurableAcks {
 public:
  // An acknowledgement: called with an empty string once durable, or with why not.
  using Ack = std::function<void(const std::string& error)>;

  explicit DurableAcks(const std::string& storePath);
  ~DurableAcks();
  DurableAcks(const DurableAcks&) = delete;
  DurableAcks& operator=(const DurableAcks&) = delete;

  // After a COMMIT on the desk thread: `acks` run once that commit is on disk. With no
  // acks, the commit is still made durable promptly (an agent's action).
  void afterCommit(std::vector<Ack> acks);

 private:
  void run();

  std::unique_ptr<store::WalSync> m_wal;  // null for ":memory:"
  std::mutex m_mutex;                     // guards m_pending, m_dirty, m_stopping
  std::condition_variable m_wake;
  std::vector<Ack> m_pending;
  bool m_dirty = false;
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace frontline::desk
