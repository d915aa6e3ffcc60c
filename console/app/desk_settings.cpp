// Desk options and the reply relay from configuration; see desk_settings.h.
#include "app/desk_settings.h"

#include "app/secret_file.h"
#include "app/sync_command.h"
#include "desk/format.h"

namespace frontline::app {

desk::DeskOptions deskSettings(const Config& config) {
  desk::DeskOptions o;
  o.storePath = config.store.path;
  o.origin = config.agent.id;
  o.agentName = config.agent.name;
  o.defaultPhoneRegion = config.region.defaultPhoneRegion;
  o.autoAnswer = config.desk.autoAnswer;
  o.takesContacts = config.agent.role == "agent";
  o.queueAliases = config.floor.queueAliases();
  o.emailResponseUs = config.desk.emailResponseMinutes * 60'000'000;
  o.viewLimits.history = config.desk.historyLimit;
  o.viewLimits.orders = config.desk.orderLimit;
  o.maxRinging = config.desk.maxRinging;
  o.wrapUpLimitUs = config.desk.wrapUpLimitSeconds * 1'000'000LL;
  o.wrapUpDefault = config.desk.wrapUpDisposition;
  o.recordingsPath = config.recordingsPath;
  o.recordingRetentionDays = config.recordingRetentionDays;
  o.scoreEmotion = o.takesContacts;  // the consoles that record customers' words score them
  o.emotionSources = config.emotion;
  o.replyFrom = config.reply.from;
  o.replyFromName = config.reply.fromName;
  o.outboxFirstRetryUs = config.reply.firstRetrySeconds * 1'000'000;
  if (!config.reply.relayHost.empty()) {
    o.relayName = config.reply.relayHost + ":" + std::to_string(config.reply.relayPort);
  }
  return o;
}

std::unique_ptr<sync::SyncService> syncService(const Config& config, std::function<void()> onChange) {
  if (config.central.url.empty()) return nullptr;
  sync::SyncServiceOptions o;
  o.localPath = config.store.path;
  o.centralUrl = config.central.url;
  o.password = centralPassword(config);
  o.origin = config.agent.id;
  o.role = config.agent.role;
  o.intervalMs = config.central.syncIntervalSeconds * 1000LL;
  // A supervisor's floor is live: other consoles' events are pulled at least every second
  // (on PostgreSQL, at once on their NOTIFY).
  if (config.agent.role == "supervisor") o.intervalMs = std::min<std::int64_t>(o.intervalMs, 1000);
  return std::make_unique<sync::SyncService>(o, std::move(onChange));
}

std::string describeSync(const sync::SyncService* service, std::int64_t nowUs) {
  if (!service) return "Sync: off (central.url is empty)";
  const auto s = service->status();
  std::string line = "Sync: " + std::string(s.connected ? "connected to " : "offline from ") + s.central + ", " +
                     std::to_string(s.pending) + " pending";
  (void)nowUs;
  if (s.everSynced) line += ", last " + desk::formatDateTime(s.lastSyncUs);
  if (!s.connected && !s.lastError.empty()) line += " (" + s.lastError + ")";
  return line;
}

telephony::RelaySecurity relaySecurity(const Config& config) {
  telephony::RelaySecurity security;
  security.startTls = config.reply.startTls;
  security.caFile = config.reply.caFile;
  security.user = config.reply.user;
  if (!security.user.empty()) security.password = readSecretFile(config.reply.passwordFile, "smtp.relay_password_file");
  return security;
}

std::unique_ptr<telephony::MailRelay> mailRelay(const Config& config) {
  if (config.reply.relayHost.empty()) return nullptr;
  return std::make_unique<telephony::MailRelay>(config.reply.relayHost, config.reply.relayPort, config.smtpHostname,
                                                relaySecurity(config));
}

}  // namespace frontline::app
