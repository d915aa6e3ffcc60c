// SMTP/LMTP acceptor and connections; see smtp_server.h. Network thread only.
#include "smtp/smtp_server.h"

#include <asio/post.hpp>
#include <asio/read.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>

#include "tcp_connection.h"
#include "telephony/log_escape.h"
#include "telephony/smtp/email_parser.h"
#include "wall_clock.h"

namespace frontline::telephony {
namespace {

using asio::ip::tcp;

class SmtpConnection : public TcpConnection {
 public:
  SmtpConnection(tcp::socket socket, asio::ip::address peer, SmtpSession::Protocol protocol,
                 const ListenerSettings& settings, PeerLimiter& limiter, ContactSink& sink, PeerLog& log)
      : TcpConnection(std::move(socket), std::move(peer), limiter),
        m_idle(m_socket.get_executor()),
        m_deadline(m_socket.get_executor()),
        m_session(protocol, settings.limits.smtp, settings.hostname),
        m_limits(settings.limits.smtp),
        m_sink(sink),
        m_log(log) {}

  void start() {
    send(m_session.greeting());
    m_deadline.expires_after(m_limits.sessionDeadline);
    m_deadline.async_wait([self = self<SmtpConnection>()](const asio::error_code& ec) {
      if (!ec) self->timeOut("session deadline");
    });
    read();
  }

 private:
  void read() {
    if (closing() || m_session.awaitingCommit()) return;  // resumed by the commit callback
    const auto now = std::chrono::steady_clock::now();
    const bool slowData = m_session.inData() && m_dataDeadline - now < m_limits.idleTimeout;
    if (slowData) {
      m_idle.expires_at(m_dataDeadline);
    } else {
      m_idle.expires_after(m_limits.idleTimeout);
    }
    m_idle.async_wait([self = self<SmtpConnection>(), slowData](const asio::error_code& ec) {
      if (!ec) self->timeOut(slowData ? "DATA slower than the minimum rate" : "idle timeout");
    });
    m_socket.async_read_some(asio::buffer(m_buffer),
                             [self = self<SmtpConnection>()](const asio::error_code& ec, std::size_t n) {
                               if (ec) return self->close();
                               const bool wasInData = self->m_session.inData();
                               self->handle(self->m_session.feed(std::string_view(self->m_buffer.data(), n)));
                               self->accountData(wasInData, n);
                               self->read();
                             });
  }

  // The DATA time budget (SmtpLimits::minDataRate): idleTimeout when DATA begins, plus
  // bytes / rate for every read inside it.
  void accountData(bool wasInData, std::size_t bytes) {
    if (!m_session.inData()) return;
    const auto now = std::chrono::steady_clock::now();
    if (!wasInData) {
      m_dataDeadline = now + m_limits.idleTimeout;
      return;
    }
    const auto rate = static_cast<double>(std::max<std::size_t>(m_limits.minDataRate, 1));
    m_dataDeadline += std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(static_cast<double>(bytes) / rate));
  }

  void timeOut(const char* why) {
    if (closing()) return;
    m_log(m_peer, "smtp " + m_peer.to_string() + ": " + why);
    send(m_session.timeoutReply());
    closeAfterWrites();
  }

  void handle(SmtpSession::Output out) {
    if (!out.replies.empty()) send(std::move(out.replies));
    if (out.message) deliver(std::move(*out.message));
    if (out.close) closeAfterWrites();
  }

  void deliver(SmtpMessage message) {
    ReceivedEmail email;
    email.protocol = m_session.protocol() == SmtpSession::Protocol::Lmtp ? "lmtp" : "smtp";
    email.peer = m_peer.to_string();
    email.envelopeFrom = std::move(message.envelopeFrom);
    email.envelopeRecipients = std::move(message.recipients);
    email.receivedUs = nowUs();
    parseEmail(message.data, email);
    auto executor = m_socket.get_executor();
    m_sink.deliver(std::move(email), [self = self<SmtpConnection>(), executor](DeliveryResult result) {
      asio::post(executor, [self, result = std::move(result)] {
        self->handle(self->m_session.messageCommitted(result.ok, result.ok ? result.interactionId : result.error));
        self->read();
      });
    });
  }

  void close() override {
    m_idle.cancel();
    m_deadline.cancel();
    TcpConnection::close();
  }

  asio::steady_timer m_idle;  // no bytes for idleTimeout; in DATA, also the data-rate budget
  asio::steady_timer m_deadline;
  std::chrono::steady_clock::time_point m_dataDeadline;
  SmtpSession m_session;
  SmtpLimits m_limits;
  ContactSink& m_sink;
  PeerLog& m_log;
  std::array<char, 16384> m_buffer{};
};

}  // namespace

SmtpServer::SmtpServer(asio::io_context& io, SmtpSession::Protocol protocol, const ListenerEndpoint& endpoint,
                       const ListenerSettings& settings, PeerLimiter& limiter, ContactSink& sink, PeerLog& log)
    : m_protocol(protocol),
      m_endpoint(endpoint),
      m_settings(settings),
      m_limiter(limiter),
      m_sink(sink),
      m_log(log),
      m_acceptor(io) {}

void SmtpServer::start() {
  m_endpoint.address.port = listenOn(m_acceptor, m_endpoint.address);
  accept();
}

std::string SmtpServer::describe() const {
  return std::string(m_protocol == SmtpSession::Protocol::Lmtp ? "LMTP " : "SMTP ") + m_endpoint.address.toString();
}

void SmtpServer::accept() {
  const bool lmtp = m_protocol == SmtpSession::Protocol::Lmtp;
  acceptLoop(m_acceptor,
             {lmtp ? "lmtp" : "smtp", m_endpoint.allow, "554 5.7.1 Access denied\r\n",
              "421 4.7.0 Too many connections, try again later\r\n"},
             m_limiter, m_log, [this](tcp::socket socket, asio::ip::address peer) {
               std::make_shared<SmtpConnection>(std::move(socket), std::move(peer), m_protocol, m_settings, m_limiter,
                                                m_sink, m_log)
                   ->start();
             });
}

}  // namespace frontline::telephony
