// The console's log, through spdlog: timestamped lines with a level, on stderr and in a
// rotating file beside the store (`store.path` + ".log", 10 MiB x 3 files, created 0600
// like the store: it names callers). What peers sent is escaped and truncated before it
// gets here (telephony/log_escape). Used by the running console and `serve`; the one-shot
// commands (demo-data, central init, import) answer on stderr as before.
#pragma once

#include <spdlog/spdlog.h>

#include <string>

namespace frontline::app {

// Installs the default logger for the store at `storePath`. Safe to call again (tests).
void startLog(const std::string& storePath);
// The file the log goes to for that store.
std::string logPathFor(const std::string& storePath);

}  // namespace frontline::app
