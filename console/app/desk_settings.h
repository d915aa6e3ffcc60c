// From configuration to the desk's options and to the relay that sends replies; shared by
// the console window and `frontline serve`.
#pragma once

#include <memory>

#include "app/config.h"
#include "desk/desk.h"
#include "telephony/smtp/mail_relay.h"

namespace frontline::app {

desk::DeskOptions deskSettings(const Config& config);
// The relay for the agents' replies, or null when smtp.relay is empty.
std::unique_ptr<telephony::MailRelay> mailRelay(const Config& config);

}  // namespace frontline::app
