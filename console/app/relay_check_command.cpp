// The relay check; see relay_check_command.h.
#include "app/relay_check_command.h"

#include <chrono>
#include <cstdio>

#include "app/desk_settings.h"
#include "desk/uuid.h"
#include "telephony/smtp/smtp_client.h"

namespace frontline::app {

int runRelayCheck(const Config& config, const std::string& to) {
  if (config.reply.relayHost.empty()) {
    std::fprintf(stderr, "frontline relay-check: smtp.relay is not set: replies are recorded, not sent\n");
    return 1;
  }
  const auto security = relaySecurity(config);
  telephony::OutgoingEmail email;
  const auto at = config.reply.from.find('@');
  email.messageId = desk::UuidGenerator().next() + "@" + config.reply.from.substr(at + 1);
  email.fromAddress = config.reply.from;
  email.fromName = config.reply.fromName;
  email.to = to;
  email.subject = "Frontline relay check";
  email.body = "This message checks that Frontline can send the agents' replies through " + config.reply.relayHost +
               ". Nothing needs to be done with it.\n";
  email.dateUs =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  const std::string how = std::string(security.startTls ? "STARTTLS" : "no TLS") +
                          (security.user.empty() ? "" : ", AUTH as " + security.user);
  const auto result = telephony::sendEmail(config.reply.relayHost, config.reply.relayPort, config.smtpHostname, email,
                                           std::chrono::seconds(30), security);
  const std::string where = config.reply.relayHost + ":" + std::to_string(config.reply.relayPort);
  if (!result.ok) {
    std::fprintf(stderr, "frontline relay-check: not sent through %s (%s): %s\n", where.c_str(), how.c_str(),
                 result.detail.c_str());
    return 1;
  }
  std::printf("frontline relay-check: sent to %s through %s (%s): %s\n", to.c_str(), where.c_str(), how.c_str(),
              result.detail.c_str());
  return 0;
}

}  // namespace frontline::app
