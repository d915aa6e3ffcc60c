// The desk thread: command loop, store ownership and snapshot publication; see desk.h.
#include "desk/desk.h"

#include <pthread.h>

#include "desk_worker.h"

namespace frontline::desk {

Desk::Desk(DeskOptions options) : m_options(std::move(options)) {
  m_snapshot = std::make_shared<const DeskSnapshot>();
  m_thread = std::thread([this] {
    pthread_setname_np(pthread_self(), "fl-desk");  // names show in top, gdb and perf
    Worker(*this).run();
  });
}

Desk::~Desk() {
  {
    std::lock_guard lock(m_queueMutex);
    m_stopping = true;
  }
  m_queueChanged.notify_all();
  m_thread.join();
}

std::vector<std::int64_t> Desk::wireToViewSamples() const {
  std::lock_guard lock(m_samplesMutex);
  return m_wireToView;
}

void Desk::deliver(telephony::ContactEvent event, telephony::DeliveryCallback done) {
  post(RecordContact{std::move(event), std::move(done)});
}

std::uint64_t Desk::post(Command command) {
  std::uint64_t ticket = 0;
  {
    std::lock_guard lock(m_queueMutex);
    m_queue.push_back(std::move(command));
    ticket = ++m_posted;
  }
  m_queueChanged.notify_one();
  return ticket;
}

std::vector<Command> Desk::nextCommands(std::optional<std::chrono::microseconds> wait) {
  std::unique_lock lock(m_queueMutex);
  const auto ready = [this] { return m_stopping || !m_queue.empty(); };
  std::vector<Command> batch;
  if (wait) {
    if (!m_queueChanged.wait_for(lock, *wait, ready)) {
      batch.emplace_back(CheckTimers{});
      return batch;
    }
  } else {
    m_queueChanged.wait(lock, ready);
  }
  // When stopping, what is already queued is still handled (a caller's BYE or CANCEL was
  // answered on the network before it reached the store); only then does the loop end.
  if (m_stopping && m_queue.empty()) return batch;
  batch.reserve(m_queue.size());
  for (auto& c : m_queue) batch.push_back(std::move(c));
  m_queue.clear();
  return batch;
}

std::shared_ptr<const DeskSnapshot> Desk::snapshot() const {
  std::lock_guard lock(m_snapshotMutex);
  return m_snapshot;
}

std::shared_ptr<const DeskSnapshot> Desk::waitFor(const std::function<bool(const DeskSnapshot&)>& ready,
                                                  std::chrono::milliseconds timeout) const {
  std::unique_lock lock(m_snapshotMutex);
  m_snapshotChanged.wait_for(lock, timeout, [&] { return ready(*m_snapshot); });
  return m_snapshot;
}

void Desk::publish(std::shared_ptr<const DeskSnapshot> next) {
  publishQuietly(std::move(next));
  if (m_options.onPublish) m_options.onPublish();
}

void Desk::publishQuietly(std::shared_ptr<const DeskSnapshot> next) {
  {
    std::lock_guard lock(m_snapshotMutex);
    m_snapshot = std::move(next);
  }
  m_snapshotChanged.notify_all();
}

}  // namespace frontline::desk
