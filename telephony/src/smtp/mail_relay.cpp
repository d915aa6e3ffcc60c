// The reply relay's thread; see mail_relay.h.
#include "telephony/smtp/mail_relay.h"

#include <pthread.h>

namespace frontline::telephony {

MailRelay::MailRelay(std::string host, std::uint16_t port, std::string heloName, RelaySecurity security)
    : m_host(std::move(host)),
      m_port(port),
      m_helo(std::move(heloName)),
      m_security(std::move(security)),
      m_thread([this] {
        pthread_setname_np(pthread_self(), "fl-relay");  // names show in top, gdb and perf
        run();
      }) {}

MailRelay::~MailRelay() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_changed.notify_all();
  m_thread.join();
}

void MailRelay::send(OutgoingEmail email, std::function<void(SendResult)> done) {
  {
    std::lock_guard lock(m_mutex);
    m_queue.emplace_back(std::move(email), std::move(done));
  }
  m_changed.notify_one();
}

void MailRelay::run() {
  for (;;) {
    std::pair<OutgoingEmail, std::function<void(SendResult)>> next;
    {
      std::unique_lock lock(m_mutex);
      m_changed.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
      if (m_queue.empty()) return;  // stopping, nothing left
      next = std::move(m_queue.front());
      m_queue.pop_front();
    }
    SendResult result = sendEmail(m_host, m_port, m_helo, next.first, std::chrono::seconds(30), m_security);
    if (next.second) next.second(std::move(result));
  }
}

}  // namespace frontline::telephony
