// Listener wiring and the network thread; see listeners.h.
#include "telephony/listeners.h"

#include <pthread.h>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <chrono>
#include <deque>
#include <future>
#include <stdexcept>

#include "cti/cti_server.h"
#include "peer_limiter.h"
#include "peer_log.h"
#include "sip/sip_server.h"
#include "smtp/smtp_server.h"
#include "telephony/smtp/email_parser.h"

namespace frontline::telephony {

struct Listeners::Impl {
  Impl(ListenerSettings s, ContactSink& contactSink, LogFunction logFunction)
      : settings(std::move(s)), sink(contactSink), log(std::move(logFunction)) {}
  ~Impl() {
    if (thread.joinable()) {
      io.stop();
      thread.join();
    }
  }

  // Declaration order is destruction order reversed, and it matters: the servers (with
  // their acceptors) go before the io_context, whose destruction frees pending
  // connections, which release their slots in their limiters, which go last.
  ListenerSettings settings;
  ContactSink& sink;
  LogFunction log;
  // One connection budget per listener (network thread only), so that a flood of slow
  // SMTP sessions cannot take the webhook's slots and blind call control. A deque: the
  // servers and connections hold references.
  std::deque<PeerLimiter> limiters;
  asio::io_context io;
  PeerLog peerLog{io, log};  // network thread only
  std::vector<std::unique_ptr<SmtpServer>> smtp;
  std::unique_ptr<CtiServer> cti;
  std::unique_ptr<media::MediaEngine> media;  // before sip: the SIP server uses it
  std::unique_ptr<SipServer> sip;
  std::thread thread;
};

Listeners::Listeners(ListenerSettings settings, ContactSink& sink, LogFunction log)
    : m_impl(std::make_unique<Impl>(std::move(settings), sink, std::move(log))) {
  if (!m_impl->log) m_impl->log = [](const std::string&) {};
}

Listeners::~Listeners() {
  stop();
}

void Listeners::start() {
  initEmailParsing();
  Impl& i = *m_impl;
  // The error names what the user must fix: the listener, the address, the config key and
  // the operating system's reason ("the SIP listener cannot listen on 127.0.0.1:5060
  // (sip.listen): Address already in use").
  auto bind = [&](auto& server, const ListenerEndpoint& endpoint, const char* name, const char* key) {
    try {
      server->start();
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("the ") + name + " listener cannot listen on " +
                               endpoint.address.toString() + " (" + key + "): " + e.what());
    }
  };
  auto budget = [&i]() -> PeerLimiter& { return i.limiters.emplace_back(i.settings.limits.connections); };
  if (i.settings.smtp) {
    i.smtp.push_back(std::make_unique<SmtpServer>(i.io, SmtpSession::Protocol::Smtp, *i.settings.smtp, i.settings,
                                                  budget(), i.sink, i.peerLog));
    bind(i.smtp.back(), *i.settings.smtp, "SMTP", "smtp.listen");
  }
  if (i.settings.lmtp) {
    i.smtp.push_back(std::make_unique<SmtpServer>(i.io, SmtpSession::Protocol::Lmtp, *i.settings.lmtp, i.settings,
                                                  budget(), i.sink, i.peerLog));
    bind(i.smtp.back(), *i.settings.lmtp, "LMTP", "lmtp.listen");
  }
  if (i.settings.cti) {
    i.cti = std::make_unique<CtiServer>(i.io, *i.settings.cti, i.settings, budget(), i.sink, i.peerLog);
    bind(i.cti, *i.settings.cti, "CTI webhook", "cti.listen");
  }
  if (i.settings.sip && i.settings.media.enabled) {
    i.media = std::make_unique<media::MediaEngine>(i.settings.media, i.log);
    // A closed recording becomes an event through the SIP server, on the network thread.
    i.media->setRecordingSink([&i](media::RecordingResult r) {
      asio::post(i.io, [&i, r = std::move(r)]() mutable {
        if (i.sip) i.sip->recorded(std::move(r));
      });
    });
    i.media->setQualitySink([&i](media::QualityReport r) {
      asio::post(i.io, [&i, r = std::move(r)]() mutable {
        if (i.sip) i.sip->qualityReported(std::move(r));
      });
    });
    try {
      i.media->start();
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("the calls' audio cannot start: ") + e.what());
    }
  }
  if (i.settings.sip) {
    i.sip = std::make_unique<SipServer>(i.io, *i.settings.sip, i.settings, budget(), i.sink, i.peerLog, i.media.get());
    bind(i.sip, *i.settings.sip, "SIP", "sip.listen");
    i.sip->resolveOutboundProxy();
  }
  i.thread = std::thread([&i] {
    pthread_setname_np(pthread_self(), "fl-network");  // names show in top, gdb and perf
    // A handler that throws must not take every listener down: log it and carry on
    // (io_context::run may be called again after an exception).
    for (;;) {
      try {
        i.io.run();
        return;
      } catch (const std::exception& e) {
        i.log(std::string("network thread: a handler failed (") + e.what() + "); carrying on");
      }
    }
  });
}

void Listeners::stop() {
  if (!m_impl || !m_impl->thread.joinable()) return;
  if (m_impl->media) {
    // The media first: closing the calls' recordings posts their results to the network
    // thread, which delivers them to the desk before it stops (a call in progress at
    // shutdown keeps its recorded event).
    m_impl->media->stop();
    auto drained = std::make_shared<std::promise<void>>();
    asio::post(m_impl->io, [drained] { drained->set_value(); });
    drained->get_future().wait_for(std::chrono::seconds(5));
  }
  m_impl->io.stop();
  m_impl->thread.join();
}

std::vector<std::string> Listeners::describe() const {
  std::vector<std::string> out;
  for (const auto& s : m_impl->smtp) out.push_back(s->describe());
  if (m_impl->cti) out.push_back(m_impl->cti->describe());
  if (m_impl->sip) {
    for (auto& d : m_impl->sip->describe()) out.push_back(std::move(d));
  }
  if (m_impl->media) {
    const auto& m = m_impl->media->settings();
    out.push_back("RTP " + m.address + ":" + std::to_string(m.firstPort) + "-" + std::to_string(m.lastPort) +
                  " (audio " + m_impl->media->deviceName() + ")");
  }
  return out;
}

std::optional<media::CallQuality> Listeners::callQuality(const std::string& callId) const {
  if (!m_impl->media) return std::nullopt;
  return m_impl->media->quality(callId);
}

void Listeners::holdCall(const std::string& callId, bool hold) {
  asio::post(m_impl->io, [this, callId, hold] {
    if (m_impl->sip) m_impl->sip->hold(callId, hold);
  });
}

void Listeners::transferCall(const std::string& callId, const std::string& target) {
  asio::post(m_impl->io, [this, callId, target] {
    if (m_impl->sip) m_impl->sip->transfer(callId, target);
  });
}

void Listeners::transferToConsult(const std::string& callId, const std::string& consultCallId) {
  asio::post(m_impl->io, [this, callId, consultCallId] {
    if (m_impl->sip) m_impl->sip->transferToConsult(callId, consultCallId);
  });
}

void Listeners::sendDtmf(const std::string& callId, const std::string& digits) {
  if (m_impl->media) m_impl->media->sendDtmf(callId, digits);
}

std::string Listeners::dialError() const {
  if (!m_impl->settings.sip) return "this console has no SIP listener (sip.listen), so it places no calls";
  if (m_impl->settings.outbound.proxy.empty()) {
    return "no sip.outbound_proxy is configured: calls out go through your PBX (see the README)";
  }
  return "";
}

void Listeners::dialCall(const OutboundCall& call) {
  asio::post(m_impl->io, [this, call] {
    if (m_impl->sip) m_impl->sip->dial(call);
  });
}

void Listeners::pauseRecording(const std::string& callId, bool paused) {
  if (m_impl->media) m_impl->media->pauseRecording(callId, paused);
}

void Listeners::muteCall(const std::string& callId, bool muted) {
  if (m_impl->media) m_impl->media->mute(callId, muted);
}

std::string Listeners::audioDevice() const {
  return m_impl->media ? m_impl->media->deviceName() : "off";
}

std::string Listeners::audioDeviceSpec() const {
  return m_impl->media ? m_impl->media->deviceSpec() : std::string();
}

std::string Listeners::setAudioDevice(const std::string& spec) {
  if (!m_impl->media) return "this console carries no call audio (sip.media = false, or no SIP listener)";
  std::string error = m_impl->media->setDevice(spec);
  if (m_impl->log)
    m_impl->log(error.empty() ? "audio device: now " + m_impl->media->deviceName() : "audio device: " + error);
  return error;
}

void Listeners::answerCall(const std::string& callId) {
  asio::post(m_impl->io, [this, callId] {
    if (m_impl->sip) m_impl->sip->answer(callId);
  });
}

void Listeners::declineCall(const std::string& callId) {
  asio::post(m_impl->io, [this, callId] {
    if (m_impl->sip) m_impl->sip->decline(callId);
  });
}

void Listeners::hangUpCall(const std::string& callId) {
  asio::post(m_impl->io, [this, callId] {
    if (m_impl->sip) m_impl->sip->hangUp(callId);
  });
}

std::optional<ListenAddress> Listeners::sipAddress() const {
  if (!m_impl->sip) return std::nullopt;
  return m_impl->sip->address();
}

std::optional<ListenAddress> Listeners::ctiAddress() const {
  if (!m_impl->cti) return std::nullopt;
  return m_impl->cti->address();
}

std::optional<ListenAddress> Listeners::smtpAddress() const {
  for (const auto& s : m_impl->smtp) {
    if (s->describe().rfind("SMTP", 0) == 0) return s->address();
  }
  return std::nullopt;
}

}  // namespace frontline::telephony
