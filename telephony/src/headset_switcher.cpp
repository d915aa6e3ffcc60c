// The Headset menu's worker; see headset_switcher.h.
#include "telephony/headset_switcher.h"

#include <pthread.h>

#include <utility>

namespace frontline::telephony {

HeadsetSwitcher::HeadsetSwitcher(Listeners& listeners, std::function<void()> onChange)
    : m_listeners(listeners), m_onChange(std::move(onChange)) {
  m_state.spec = m_listeners.audioDeviceSpec();
  m_state.description = m_listeners.audioDevice();
  m_thread = std::thread([this] { run(); });
}

HeadsetSwitcher::~HeadsetSwitcher() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void HeadsetSwitcher::refresh() {
  {
    std::lock_guard lock(m_mutex);
    m_listWanted = true;
    m_state.busy = true;
  }
  m_wake.notify_all();
}

void HeadsetSwitcher::choose(const std::string& spec) {
  {
    std::lock_guard lock(m_mutex);
    m_chooseWanted = spec;  // a newer choice replaces one not started yet
    m_state.busy = true;
  }
  m_wake.notify_all();
}

HeadsetState HeadsetSwitcher::state() const {
  std::lock_guard lock(m_mutex);
  return m_state;
}

void HeadsetSwitcher::publish(const std::function<void(HeadsetState&)>& change) {
  {
    std::lock_guard lock(m_mutex);
    change(m_state);
    ++m_state.version;
    m_state.busy = m_listWanted || m_chooseWanted.has_value();
  }
  if (m_onChange) m_onChange();
}

void HeadsetSwitcher::run() {
  pthread_setname_np(pthread_self(), "fl-headset");
  for (;;) {
    std::optional<std::string> spec;
    bool list = false;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stop || m_listWanted || m_chooseWanted; });
      if (m_stop) return;
      spec = std::exchange(m_chooseWanted, std::nullopt);
      list = std::exchange(m_listWanted, false);
    }
    if (spec) {
      std::string error = m_listeners.setAudioDevice(*spec);
      publish([&](HeadsetState& s) {
        s.chosen = *spec;
        s.error = std::move(error);
        s.spec = m_listeners.audioDeviceSpec();
        s.description = m_listeners.audioDevice();
      });
    }
    if (list) {
      media::AudioEndpoints endpoints = media::listAudioEndpoints();
      publish([&](HeadsetState& s) {
        s.endpoints = std::move(endpoints);
        s.listed = true;
      });
    }
  }
}

}  // namespace frontline::telephony
