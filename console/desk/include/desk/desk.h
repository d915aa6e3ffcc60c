// The desk: the single owner of the local store's write connection and of live contact
// state. It runs on its own thread, executes Commands in order, and publishes an
// immutable DeskSnapshot after each change; onPublish (for the GUI: glfwPostEmptyEvent)
// is called on the desk thread after every publication.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "desk/clock.h"
#include "desk/command.h"
#include "desk/desk_snapshot.h"
#include "store/customer_view.h"
#include "store/insight.h"
#include "telephony/contact_event.h"
#include "telephony/smtp/smtp_client.h"

namespace frontline::desk {

struct DeskOptions {
  std::string storePath;
  std::string origin = "console";  // this console's id in the event log (the agent's id)
  std::string agentName;           // shown beside the id
  std::string defaultPhoneRegion = "GB";
  store::InsightPolicy insight;
  bool autoAnswer = false;       // desk.auto_answer: answer SIP calls without an agent
  bool takesContacts = true;     // false for supervisors and trainers: the desk does not log them in as agents
  store::ViewLimits viewLimits;  // history and orders in a pop
  std::int64_t emailResponseUs = 4LL * 3600'000'000;  // an email's first response is due this long after receipt
  std::string replyFrom = "support@frontline.local";  // From: of the agent's replies
  std::string replyFromName = "Customer service";
  std::string relayName;  // shown on the status line when replies are relayed
  std::int64_t outboxFirstRetryUs =
      30'000'000;      // a reply the relay did not take is tried again after this, then 2x, ...
  int maxRinging = 1;  // desk.max_ringing: calls ringing at once; the next gets 486 (a PBX offers it elsewhere)
  std::int64_t wrapUpLimitUs = 0;                   // desk.wrap_up_limit_s: 0 = wrap-up until the agent finishes it
  std::string wrapUpDefault;                        // the disposition a timed-out wrap-up gets (empty: the first one)
  std::map<std::string, std::string> queueAliases;  // [[queues]] addresses (lowercase) -> queue name
  std::string recordingsPath;                       // recordings.path: where the calls' recordings are
  int recordingRetentionDays = 0;                   // recordings.retention_days: swept daily when > 0
  bool scoreEmotion = false;                        // the emotion index: customers' words scored as they come
  emotion::LexiconSources emotionSources;           // [emotion]: where its lexicons are
  std::int64_t emotionCatchUpUs = 30LL * 86'400'000'000;  // at start, contacts this recent are scored if due
  Clock clock = systemNowUs;
  std::function<void()> onPublish;
};

class Desk : public telephony::ContactSink {
 public:
  // Starts the desk thread, which opens and migrates the store.
  explicit Desk(DeskOptions options);
  // Handles every command already queued, then stops the thread. Stop the listeners
  // first so that nothing new arrives.
  ~Desk() override;
  Desk(const Desk&) = delete;
  Desk& operator=(const Desk&) = delete;

  // Queues a command; returns its ticket: the snapshot whose `handled` reaches it comes
  // after the command ran (for tests and headless tools).
  std::uint64_t post(Command command);
  // Where call actions go (the listeners); set once they are running. Any thread.
  void setCallControl(telephony::CallControl* control) { m_callControl.store(control); }
  // Where replies are sent (the SMTP relay), when one is configured. Any thread.
  void setMailSender(telephony::MailSender* sender) { m_mailSender.store(sender); }
  // ContactSink: called on the network thread; records on the desk thread.
  void deliver(telephony::ContactEvent event, telephony::DeliveryCallback done) override;
  std::shared_ptr<const DeskSnapshot> snapshot() const;
  // Blocks until a published snapshot satisfies `ready` or the timeout passes; returns
  // the latest snapshot either way (for tests and headless tools, never the UI thread).
  // Microseconds from receipt of each INVITE's bytes to the publication of the snapshot
  // that carries its screen pop (CustomerView) to the UI, for every offered call so far.
  // Any thread.
  std::vector<std::int64_t> wireToViewSamples() const;

  std::shared_ptr<const DeskSnapshot> waitFor(const std::function<bool(const DeskSnapshot&)>& ready,
                                              std::chrono::milliseconds timeout) const;

 private:
  class Worker;
  // Blocks for at least one command; empty when stopping. With `wait`, returns
  // {CheckTimers} when that long passed without one (the wrap-up limit).
  std::vector<Command> nextCommands(std::optional<std::chrono::microseconds> wait = std::nullopt);
  void publish(std::shared_ptr<const DeskSnapshot> next);
  // The same without waking the UI (onPublish): for a snapshot that shows nothing new.
  void publishQuietly(std::shared_ptr<const DeskSnapshot> next);

  DeskOptions m_options;

  // Guards m_queue and m_stopping. Taken by any thread in post() and by the desk thread
  // to pop a command; never held while a command runs.
  std::mutex m_queueMutex;
  std::condition_variable m_queueChanged;
  std::deque<Command> m_queue;
  std::uint64_t m_posted = 0;
  bool m_stopping = false;

  // Guards m_snapshot (the pointer only; the snapshot itself is immutable). Taken briefly
  // by the desk thread to publish and by readers to copy the pointer.
  mutable std::mutex m_snapshotMutex;
  mutable std::condition_variable m_snapshotChanged;
  std::shared_ptr<const DeskSnapshot> m_snapshot;

  std::atomic<telephony::CallControl*> m_callControl{nullptr};
  std::atomic<telephony::MailSender*> m_mailSender{nullptr};

  // Guards m_wireToView. Appended to by the desk thread, copied by any reader.
  mutable std::mutex m_samplesMutex;
  std::vector<std::int64_t> m_wireToView;

  std::thread m_thread;  // last: started after everything above exists
};

}  // namespace frontline::desk
