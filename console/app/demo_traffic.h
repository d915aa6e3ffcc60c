// Live demo traffic for `scripts/demo`: real SIP calls (INVITE; ACK and BYE once answered,
// CANCEL when nobody answers, 200 to the console's BYE) and real SMTP emails sent to the
// console's own listeners on loopback, from known customers (sampled from the store) and
// unknown callers, one contact at a time at a pleasant pace; while a call is answered, the
// lines of a scripted conversation posted to the CTI webhook as a PBX's speech-to-text
// would (README "Emotion index"). Runs on its own thread.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <thread>

#include "telephony/network_address.h"

namespace frontline::app {

struct DemoTrafficOptions {
  std::string storePath;                         // customers to call as
  std::optional<telephony::ListenAddress> sip;   // the console's SIP listener
  std::optional<telephony::ListenAddress> smtp;  // the console's SMTP listener
  std::optional<telephony::ListenAddress> cti;   // the console's CTI webhook (with its token)
  std::string ctiToken;
  double lineEverySeconds = 3.5;  // a transcript line of an answered call
  double everySeconds = 12.0;     // mean pause between contacts
  double firstAfterSeconds = 3.0;
  double ringSeconds = 25.0;  // then the caller gives up (CANCEL)
  double talkSeconds = 25.0;  // then the caller hangs up (BYE)
};

class DemoTraffic {
 public:
  explicit DemoTraffic(DemoTrafficOptions options);
  ~DemoTraffic();  // stops the thread (a call in progress is cancelled or hung up)
  DemoTraffic(const DemoTraffic&) = delete;
  DemoTraffic& operator=(const DemoTraffic&) = delete;

 private:
  void run();

  DemoTrafficOptions m_options;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

}  // namespace frontline::app
