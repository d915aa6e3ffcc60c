// Desk options and the reply relay from configuration; see desk_settings.h.
#include "app/desk_settings.h"

namespace frontline::app {

desk::DeskOptions deskSettings(const Config& config) {
  desk::DeskOptions o;
  o.storePath = config.store.path;
  o.origin = config.agent.id;
  o.agentName = config.agent.name;
  o.defaultPhoneRegion = config.region.defaultPhoneRegion;
  o.autoAnswer = config.desk.autoAnswer;
  o.emailResponseUs = config.desk.emailResponseMinutes * 60'000'000;
  o.viewLimits.history = config.desk.historyLimit;
  o.viewLimits.orders = config.desk.orderLimit;
  o.replyFrom = config.reply.from;
  o.replyFromName = config.reply.fromName;
  if (!config.reply.relayHost.empty()) {
    o.relayName = config.reply.relayHost + ":" + std::to_string(config.reply.relayPort);
  }
  return o;
}

std::unique_ptr<telephony::MailRelay> mailRelay(const Config& config) {
  if (config.reply.relayHost.empty()) return nullptr;
  return std::make_unique<telephony::MailRelay>(config.reply.relayHost, config.reply.relayPort, config.smtpHostname);
}

}  // namespace frontline::app
