// The CTI webhook: POST /api/v1/cti/{token} over HTTP/1.1. Internal to telephony.
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

#include <string>

#include "cti/token_guard.h"
#include "peer_limiter.h"
#include "peer_log.h"
#include "telephony/listeners.h"

namespace frontline::telephony {

class CtiServer {
 public:
  CtiServer(asio::io_context& io, const ListenerEndpoint& endpoint, const ListenerSettings& settings,
            PeerLimiter& limiter, ContactSink& sink, PeerLog& log);
  void start();
  std::string describe() const;
  const ListenAddress& address() const { return m_endpoint.address; }

 private:
  void accept();

  ListenerEndpoint m_endpoint;
  const ListenerSettings& m_settings;
  PeerLimiter& m_limiter;
  TokenGuard m_guard;  // network thread only
  ContactSink& m_sink;
  PeerLog& m_log;
  asio::ip::tcp::acceptor m_acceptor;
};

}  // namespace frontline::telephony
