// The CTI webhook: POST /api/v1/cti/{token} over HTTP/1.1. Internal to telephony.
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

#include <string>

#include "peer_limiter.h"
#include "telephony/listeners.h"

namespace frontline::telephony {

class CtiServer {
 public:
  CtiServer(asio::io_context& io, const ListenerEndpoint& endpoint, const ListenerSettings& settings,
            PeerLimiter& limiter, ContactSink& sink, LogFunction& log);
  void start();
  std::string describe() const;

 private:
  void accept();

  ListenerEndpoint m_endpoint;
  const ListenerSettings& m_settings;
  PeerLimiter& m_limiter;
  ContactSink& m_sink;
  LogFunction& m_log;
  asio::ip::tcp::acceptor m_acceptor;
};

}  // namespace frontline::telephony
