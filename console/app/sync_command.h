// `frontline central init` (create or upgrade the central store's schema) and
// `frontline sync --once` (push this console's events, pull the others', then exit).
#pragma once

#include "app/config.h"

namespace frontline::app {

int runCentralInit(const Config& config);
int runSyncOnce(const Config& config);
int runImport(const Config& config, const std::string& customersCsv, const std::string& ordersCsv);

// The central store's password: $FRONTLINE_CENTRAL_PASSWORD, else the first line of
// central.password_file, else empty (trust, peer or .pgpass authentication).
std::string centralPassword(const Config& config);

}  // namespace frontline::app
