// The outgoing side of email: replies are queued and sent one at a time, in order, to the
// configured SMTP relay on a thread of the relay's own (a slow relay never holds up the
// desk, the UI or the listeners).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "telephony/smtp/smtp_client.h"

namespace frontline::telephony {

class MailRelay : public MailSender {
 public:
  MailRelay(std::string host, std::uint16_t port, std::string heloName, RelaySecurity security = {});
  // Sends what is queued (each with its timeout), then stops.
  ~MailRelay() override;
  MailRelay(const MailRelay&) = delete;
  MailRelay& operator=(const MailRelay&) = delete;

  void send(OutgoingEmail email, std::function<void(SendResult)> done) override;
  std::string describe() const { return m_host + ":" + std::to_string(m_port); }

 private:
  void run();

  std::string m_host;
  std::uint16_t m_port;
  std::string m_helo;
  RelaySecurity m_security;
  std::mutex m_mutex;  // guards m_queue and m_stopping
  std::condition_variable m_changed;
  std::deque<std::pair<OutgoingEmail, std::function<void(SendResult)>>> m_queue;
  bool m_stopping = false;
  std::thread m_thread;  // last
};

}  // namespace frontline::telephony
