#include "app/listener_settings.h"

namespace frontline::app {
namespace {

// The configuration was validated when it was read, so parsing cannot fail here.
std::optional<telephony::ListenerEndpoint> endpoint(const ListenerConfig& c) {
  if (c.listen.empty()) return std::nullopt;
  telephony::ListenerEndpoint e{std::get<telephony::ListenAddress>(telephony::parseListenAddress(c.listen)), {}};
  for (const auto& cidr : c.allow) e.allow.push_back(std::get<telephony::CidrBlock>(telephony::parseCidr(cidr)));
  return e;
}

}  // namespace

telephony::ListenerSettings listenerSettings(const Config& config) {
  telephony::ListenerSettings s;
  s.hostname = config.smtpHostname;
  s.smtp = endpoint(config.smtp);
  s.lmtp = endpoint(config.lmtp);
  s.cti = endpoint(config.cti);
  s.sip = endpoint(config.sip);
  s.media.enabled = config.sipMedia;
  s.sipTransferDomain = config.sipTransferDomain;
  s.outbound.proxy = config.sipOutbound.proxy;
  s.outbound.domain = config.sipOutbound.domain;
  s.outbound.user = config.sipOutbound.user;
  s.outbound.credentials = config.sipOutbound.credentials;
  s.outbound.ringTimeout = std::chrono::seconds(config.sipOutbound.ringTimeoutSeconds);
  s.media.firstPort = config.rtpFirstPort;
  s.media.lastPort = config.rtpLastPort;
  s.media.device = config.audioDevice;
  s.media.voiceProcessing = config.voiceProcessing;
  s.media.musicOnHold = config.musicOnHold;
  s.media.recordingsPath = config.recordingsPath;
  if (s.sip) {
    const auto& host = s.sip->address.host;
    s.media.address = config.sipMediaAddress.empty()
                          ? (host.is_unspecified() ? std::string("127.0.0.1") : host.to_string())
                          : config.sipMediaAddress;
  }
  s.ctiToken = config.ctiToken;
  s.limits = config.limits;
  return s;
}

}  // namespace frontline::app
