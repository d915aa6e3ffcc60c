// `frontline relay-check --config FILE --to ADDRESS`: sends one short message through the
// configured relay (smtp.relay, with its STARTTLS and AUTH settings) and says what the
// relay answered, so an administrator can check the settings before agents reply.
#pragma once

#include <string>

#include "app/config.h"

namespace frontline::app {

int runRelayCheck(const Config& config, const std::string& to);

}  // namespace frontline::app
