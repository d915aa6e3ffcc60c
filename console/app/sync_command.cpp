// Central store commands; see sync_command.h.
#include "app/sync_command.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "store/database.h"
#include "store/migrations.h"
#include "sync/central_schema.h"
#include "sync/sync_engine.h"

namespace frontline::app {

std::string centralPassword(const Config& config) {
  if (const char* env = std::getenv("FRONTLINE_CENTRAL_PASSWORD"); env && *env) return env;
  if (config.central.passwordFile.empty()) return {};
  std::ifstream in(config.central.passwordFile);
  if (!in) throw ConfigError(config.central.passwordFile + ": cannot read central.password_file");
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) line.pop_back();
  return line;
}

int runCentralInit(const Config& config) {
  try {
    auto central = sync::connectCentral(config.central.url, centralPassword(config));
    const int before = sync::centralVersion(*central);
    const int after = sync::initCentral(*central);
    std::printf("frontline central init: %s at schema %d (was %d)\n", central->describe().c_str(), after, before);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontline central init: %s\n", e.what());
    return 1;
  }
}

int runSyncOnce(const Config& config) {
  try {
    auto local = store::Database::open(config.store.path);
    store::migrate(local);
    auto central = sync::connectCentral(config.central.url, centralPassword(config));
    sync::SyncEngine engine(local, *central, config.agent.id);
    const auto counts = engine.syncOnce();
    std::printf("frontline sync: %s: pushed %lld events, pulled %lld, %lld pending; %lld reference rows\n",
                central->describe().c_str(), static_cast<long long>(counts.pushed),
                static_cast<long long>(counts.pulled), static_cast<long long>(engine.pendingEvents()),
                static_cast<long long>(counts.reference));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontline sync: %s\n", e.what());
    return 1;
  }
}

}  // namespace frontline::app
