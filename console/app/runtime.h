// The running parts of a console, started and stopped in one place: the desk (store and
// live contacts), the reply relay, the sync thread, the listeners and the demo traffic.
// Shared by the window and `frontline serve`, so that the order below is written once:
//   start: desk -> relay -> analytics (supervisors) / replay (trainers) -> sync -> listeners -> demo traffic
//   stop:  sync -> analytics / replay -> demo traffic -> listeners (no new contacts) -> relay -> desk
//
// Thread: constructed, used and destroyed on one thread (the main thread).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/config.h"
#include "app/demo_floor.h"
#include "app/demo_traffic.h"
#include "desk/desk.h"
#include "floor/analytics_worker.h"
#include "replay/recording_player.h"
#include "replay/trainer_worker.h"
#include "sync/sync_service.h"
#include "telephony/headset_switcher.h"
#include "telephony/listeners.h"
#include "telephony/smtp/mail_relay.h"

namespace frontline::app {

struct RuntimeOptions {
  std::function<void()> onChange;  // a new desk snapshot or sync state (the window wakes up)
  double demoTrafficSeconds = 0;   // > 0: the console calls and writes to itself (scripts/demo)
  int demoFloorAgents = 0;         // > 0: that many simulated agent consoles push to the central store
  std::string casePath;            // a training case file to replay (frontline --replay): no store, no sync
};

class Runtime {
 public:
  Runtime(const Config& config, RuntimeOptions options);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Binds every configured listener, then starts the demo traffic. Returns false when one
  // could not be bound: listenerError() says which, where, under which key and why, and
  // the desk has been told (the agent cannot become available).
  bool startListeners();

  desk::Desk& desk() { return *m_desk; }
  const sync::SyncService* sync() const { return m_sync.get(); }
  // A supervisor's analytics worker (null for other roles).
  floor::AnalyticsWorker* floor() { return m_floor.get(); }
  // A trainer's search and replays (null for other roles).
  replay::TrainerWorker* replay() { return m_replay.get(); }
  // Where a trainer hears a replayed call (audio.device; null for agents).
  replay::RecordingPlayer* player() { return m_player.get(); }
  // Why the player's audio.device could not be opened ("" when it was, or there is none).
  const std::string& playerError() const { return m_playerError; }
  // "SMTP 127.0.0.1:2525", ... as bound; empty before startListeners() or after a failure.
  const std::vector<std::string>& listening() const { return m_listening; }
  const std::string& listenerError() const { return m_listenerError; }
  // The calls' network side (null before startListeners()): the call pane's quality line.
  const telephony::Listeners* listeners() const { return m_listeners.get(); }
  // The agent's choice of headset (null without call audio): the Headset menu.
  telephony::HeadsetSwitcher* headset() { return m_headset.get(); }
  // listening() again, after the headset changed (its RTP line names the device).
  void refreshListening();

 private:
  Config m_config;
  RuntimeOptions m_options;
  std::unique_ptr<desk::Desk> m_desk;
  std::unique_ptr<telephony::MailRelay> m_relay;  // replies; gone before the desk it answers to
  std::unique_ptr<sync::SyncService> m_sync;
  // The sync the desk thread wakes after its commits: set once the sync exists, cleared
  // before it stops (the desk starts first and publishes from its own thread).
  std::mutex m_syncToWakeMutex;  // guards m_syncToWake (desk thread and main thread)
  sync::SyncService* m_syncToWake = nullptr;
  std::unique_ptr<floor::AnalyticsWorker> m_floor;  // reads the store the desk and the sync write
  std::unique_ptr<replay::TrainerWorker> m_replay;  // likewise
  std::unique_ptr<replay::RecordingPlayer> m_player;
  std::string m_playerError;
  std::unique_ptr<telephony::Listeners> m_listeners;
  std::unique_ptr<telephony::HeadsetSwitcher> m_headset;  // gone before the listeners it switches
  std::unique_ptr<DemoTraffic> m_demoTraffic;             // stopped before the listeners it calls
  std::unique_ptr<DemoFloor> m_demoFloor;                 // simulated agents (supervisor demo)
  std::vector<std::string> m_listening;
  std::string m_listenerError;
};

}  // namespace frontline::app
