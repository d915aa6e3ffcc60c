// The agent's choice of headset, carried out off the UI thread: listing the sound server's
// speakers and microphones and opening the chosen pair both block, so a thread of the
// switcher's own does them, one request at a time, and publishes where things stand for
// the Headset menu to draw.
//
// Thread: refresh(), choose() and state() from any thread (the UI's); the work runs on the
// switcher's thread. Destroy it before the Listeners it switches.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "telephony/listeners.h"
#include "telephony/media/audio_endpoints.h"

namespace frontline::telephony {

struct HeadsetState {
  std::uint64_t version = 0;        // changes with every published change
  media::AudioEndpoints endpoints;  // as last listed
  bool listed = false;              // listed at least once
  bool busy = false;                // a listing or a choice is under way
  std::string spec;                 // the device in use: "pulse:SINK,SOURCE", "file:...", "null"
  std::string description;          // as it describes itself
  std::string chosen;               // the last spec the agent chose (done or failed)
  std::string error;                // why that choice could not be opened ("" when it was)
};

class HeadsetSwitcher {
 public:
  // `onChange` runs on the switcher's thread after each change (the window wakes up).
  HeadsetSwitcher(Listeners& listeners, std::function<void()> onChange);
  ~HeadsetSwitcher();
  HeadsetSwitcher(const HeadsetSwitcher&) = delete;
  HeadsetSwitcher& operator=(const HeadsetSwitcher&) = delete;

  void refresh();                        // list the speakers and microphones again
  void choose(const std::string& spec);  // use this device from now on (a call carries on in it)
  HeadsetState state() const;

 private:
  void run();
  void publish(const std::function<void(HeadsetState&)>& change);

  Listeners& m_listeners;
  std::function<void()> m_onChange;
  mutable std::mutex m_mutex;  // guards everything below
  std::condition_variable m_wake;
  HeadsetState m_state;
  bool m_listWanted = false;
  std::optional<std::string> m_chooseWanted;
  bool m_stop = false;
  std::thread m_thread;  // last: starts once the rest exists
};

}  // namespace frontline::telephony
