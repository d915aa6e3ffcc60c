// The trainer's worker: a thread with its own read-only connection to the console's store
// (where a trainer's console pulls every console's events). It runs the searches, loads
// replay cases (masked unless unmasking was allowed and asked for) and the annotations and
// evaluations of the open contact, and publishes an immutable TrainerSnapshot. It watches
// `PRAGMA data_version` (every 200 ms, or on wake()) so that an annotation written through
// the desk, or an evaluation pulled from another trainer, shows at once, and a contact
// still in progress (a supervisor's "Replay it so far") grows as its events arrive. Never
// on the UI thread, never on the desk's writer.
//
// Thread: its own; the public functions from any thread.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "replay/trainer_snapshot.h"

namespace frontline::replay {

struct TrainerOptions {
  std::string storePath;
  std::string trainerId;
  bool mayUnmask = false;  // trainer.may_unmask
  std::string formsDirectory;
  std::string defaultRegion = "GB";  // for phone numbers typed into the search
  CaseOptions caseOptions;
  std::int64_t pollUs = 200'000;
};

class TrainerWorker {
 public:
  TrainerWorker(TrainerOptions options, std::function<void()> onPublish = {});
  ~TrainerWorker();
  TrainerWorker(const TrainerWorker&) = delete;
  TrainerWorker& operator=(const TrainerWorker&) = delete;

  TrainerSnapshotPtr snapshot() const;
  void search(SearchRequest request);
  // Opens a contact's replay; `unmasked` only when the options allow it (else masked).
  void open(const std::string& interactionId, bool unmasked = false);
  void wake();

 private:
  void run();

  TrainerOptions m_options;
  std::function<void()> m_onPublish;
  mutable std::mutex m_mutex;  // guards everything below but the thread
  std::condition_variable m_wake;
  TrainerSnapshotPtr m_snapshot;
  std::optional<SearchRequest> m_searchRequest;
  std::optional<std::pair<std::string, bool>> m_openRequest;
  bool m_woken = false;
  bool m_stopping = false;
  std::thread m_thread;  // last
};

}  // namespace frontline::replay
