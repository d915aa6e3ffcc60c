// From configuration to the desk's options and to the relay that sends replies; shared by
// the console window and `frontline serve`.
#pragma once

#include <memory>

#include "app/config.h"
#include "desk/desk.h"
#include "sync/sync_service.h"
#include "telephony/smtp/mail_relay.h"

namespace frontline::app {

desk::DeskOptions deskSettings(const Config& config);
// The relay for the agents' replies, or null when smtp.relay is empty.
std::unique_ptr<telephony::MailRelay> mailRelay(const Config& config);
// STARTTLS and AUTH for the relay, from smtp.relay_*; reads the password file (ConfigError
// naming it when it cannot).
telephony::RelaySecurity relaySecurity(const Config& config);
// The sync thread for central.url, or null when it is empty (sync off).
std::unique_ptr<sync::SyncService> syncService(const Config& config, std::function<void()> onChange);
// "Sync: connected to ..., 0 pending, last 14:05:10" for the status line.
std::string describeSync(const sync::SyncService* service, std::int64_t nowUs);

}  // namespace frontline::app
