// Accepts SMTP or LMTP connections and runs an SmtpSession on each. Internal to telephony.
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

#include <string>

#include "peer_limiter.h"
#include "peer_log.h"
#include "telephony/listeners.h"
#include "telephony/smtp/smtp_session.h"

namespace frontline::telephony {

class SmtpServer {
 public:
  SmtpServer(asio::io_context& io, SmtpSession::Protocol protocol, const ListenerEndpoint& endpoint,
             const ListenerSettings& settings, PeerLimiter& limiter, ContactSink& sink, PeerLog& log);
  void start();
  const ListenAddress& address() const { return m_endpoint.address; }
  std::string describe() const;

 private:
  void accept();

  SmtpSession::Protocol m_protocol;
  ListenerEndpoint m_endpoint;
  const ListenerSettings& m_settings;
  PeerLimiter& m_limiter;
  ContactSink& m_sink;
  PeerLog& m_log;
  asio::ip::tcp::acceptor m_acceptor;
};

}  // namespace frontline::telephony
