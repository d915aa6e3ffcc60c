// Start and teardown order of a console's parts; see runtime.h.
#include "app/runtime.h"

#include <cstdio>
#include <filesystem>

#include "app/desk_settings.h"
#include "app/listener_settings.h"
#include "app/log.h"

namespace frontline::app {

Runtime::Runtime(const Config& config, RuntimeOptions options) : m_config(config), m_options(std::move(options)) {
  if (!m_options.casePath.empty()) {
    // A training case: replayed from its own file; the desk keeps nothing, nothing syncs.
    m_config.agent.role = "trainer";
    m_config.store.path = ":memory:";
    m_config.central.url.clear();
  }
  const std::string logBeside = m_options.casePath.empty() ? m_config.store.path : m_options.casePath;
  startLog(logBeside);
  spdlog::info("starting: agent {} ({}), store {}, log {}", m_config.agent.id, m_config.agent.role,
               m_options.casePath.empty() ? m_config.store.path : "none (replaying " + m_options.casePath + ")",
               logPathFor(logBeside));
  desk::DeskOptions deskOptions = deskSettings(m_config);
  // Each publication follows the desk's commits: the sync pushes them within its debounce
  // (supervisors see an agent's change in about a second, not at the next interval).
  deskOptions.onPublish = [this] {
    if (m_options.onChange) m_options.onChange();
    std::lock_guard lock(m_syncToWakeMutex);
    if (m_syncToWake) m_syncToWake->wakeSoon();
  };
  m_desk = std::make_unique<desk::Desk>(deskOptions);
  m_relay = mailRelay(m_config);
  m_desk->setMailSender(m_relay.get());
  if (m_config.agent.role == "supervisor") {
    floor::AnalyticsOptions analytics;
    analytics.storePath = m_config.store.path;
    analytics.origin = m_config.agent.id;
    analytics.settings = m_config.floor;
    m_floor = std::make_unique<floor::AnalyticsWorker>(analytics, m_options.onChange);
  }
  if (m_config.agent.role == "trainer" ||
      m_config.agent.role == "supervisor") {  // a supervisor's drill-downs replay too
    replay::TrainerOptions trainer;
    trainer.storePath = m_options.casePath.empty() ? m_config.store.path : m_options.casePath;
    trainer.trainerId = m_config.agent.id;
    trainer.mayUnmask = m_config.trainer.mayUnmask;
    trainer.formsDirectory = m_config.trainer.forms;
    trainer.defaultRegion = m_config.region.defaultPhoneRegion;
    trainer.caseOptions.emailResponseUs = m_config.desk.emailResponseMinutes * 60'000'000LL;
    trainer.caseOptions.limits = {m_config.desk.historyLimit, m_config.desk.orderLimit};
    m_replay = std::make_unique<replay::TrainerWorker>(trainer, m_options.onChange);
    // The replayed call is heard through the trainer's headset (audio.device).
    auto device = telephony::media::openAudioDevice(m_config.audioDevice);
    if (auto* error = std::get_if<std::string>(&device)) {
      m_playerError = *error;
      device = telephony::media::openAudioDevice("null");
    }
    m_player = std::make_unique<replay::RecordingPlayer>(
        std::move(std::get<std::unique_ptr<telephony::media::AudioDevice>>(device)));
    m_player->start();
  }
  if (m_options.demoFloorAgents > 0 && !m_config.central.url.empty()) {
    DemoFloorOptions demo;
    demo.dir = (std::filesystem::path(m_config.store.path).parent_path() / "demo-floor").string();
    demo.centralUrl = m_config.central.url;
    demo.customersFrom = m_config.store.path;
    demo.agents = m_options.demoFloorAgents;
    m_demoFloor = std::make_unique<DemoFloor>(demo);
  }
  // A sync round may bring callbacks and supervisors' requests from other consoles: the
  // desk reads them again (and wakes the window only when they changed); a supervisor's
  // floor folds what it pulled at once.
  m_sync = syncService(m_config, [this] {
    if (m_options.onChange) m_options.onChange();
    m_desk->post(desk::RefreshCallbacks{});
    if (m_floor) m_floor->wake();
    if (m_replay) m_replay->wake();
  });
  {
    std::lock_guard lock(m_syncToWakeMutex);
    m_syncToWake = m_sync.get();
  }
}

bool Runtime::startListeners() {
  // The listeners' lines are refusals and protocol errors, the peer's bytes already escaped.
  m_listeners = std::make_unique<telephony::Listeners>(listenerSettings(m_config), *m_desk,
                                                       [](const std::string& line) { spdlog::warn("{}", line); });
  try {
    m_listeners->start();
  } catch (const std::exception& e) {
    m_listenerError = e.what();
    spdlog::error("{}", m_listenerError);
    m_listeners->stop();
    m_desk->post(desk::LinesDown{m_listenerError});
    return false;
  }
  m_listening = m_listeners->describe();
  for (const auto& l : m_listening) spdlog::info("listening: {}", l);
  m_desk->setCallControl(m_listeners.get());
  if (!m_listeners->audioDeviceSpec().empty()) {
    m_headset = std::make_unique<telephony::HeadsetSwitcher>(*m_listeners, m_options.onChange);
  }
  if (m_options.demoTrafficSeconds > 0) {
    DemoTrafficOptions traffic;
    traffic.storePath = m_config.store.path;
    traffic.sip = m_listeners->sipAddress();
    traffic.smtp = m_listeners->smtpAddress();
    if (!m_config.ctiToken.empty()) {
      traffic.cti = m_listeners->ctiAddress();
      traffic.ctiToken = m_config.ctiToken;
    }
    traffic.everySeconds = m_options.demoTrafficSeconds;
    m_demoTraffic = std::make_unique<DemoTraffic>(traffic);
  }
  return true;
}

void Runtime::refreshListening() {
  if (m_listeners && m_listenerError.empty()) m_listening = m_listeners->describe();
}

Runtime::~Runtime() {
  m_demoFloor.reset();
  {
    std::lock_guard lock(m_syncToWakeMutex);
    m_syncToWake = nullptr;  // the desk's publications stop waking it before it goes
  }
  m_sync.reset();
  m_floor.reset();
  m_replay.reset();
  m_demoTraffic.reset();
  m_headset.reset();  // a headset being opened is swapped in first
  m_desk->setCallControl(nullptr);
  if (m_listeners) m_listeners->stop();  // no new contacts from here on
  m_desk->setMailSender(nullptr);
  m_relay.reset();  // sends what is queued; its answers reach the desk
  m_desk.reset();   // handles every command already queued, then stops
  m_listeners.reset();
  spdlog::info("stopped");
}

}  // namespace frontline::app
