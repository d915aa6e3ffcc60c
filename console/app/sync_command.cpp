// Central store commands; see sync_command.h.
#include "app/sync_command.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/progress_bar.h"
#include "app/secret_file.h"
#include "store/database.h"
#include "store/migrations.h"
#include "sync/central_import.h"
#include "sync/central_schema.h"
#include "sync/sync_engine.h"

namespace frontline::app {

std::string centralPassword(const Config& config) {
  if (const char* env = std::getenv("FRONTLINE_CENTRAL_PASSWORD"); env && *env) return env;
  if (config.central.passwordFile.empty()) return {};
  return readSecretFile(config.central.passwordFile, "central.password_file");
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

int runImport(const Config& config, const std::string& customersCsv, const std::string& ordersCsv) {
  try {
    auto central = sync::connectCentral(config.central.url, centralPassword(config));
    if (sync::centralVersion(*central) == 0) {
      throw sync::CentralError("the central store " + central->describe() +
                               " is not initialised: run frontline central init --config FILE");
    }
    ProgressBar bar("importing");
    const auto report =
        sync::importIntoCentral(*central, {customersCsv, ordersCsv}, config.region.defaultPhoneRegion,
                                [&bar](std::int64_t done, std::int64_t total) { bar.update(done, total); });
    bar.finish(std::to_string(report.customers) + " customers, " + std::to_string(report.addresses) +
               " new addresses, " + std::to_string(report.orders) + " orders");
    std::printf("frontline import: %s: %lld customers, %lld new addresses, %lld orders\n", central->describe().c_str(),
                static_cast<long long>(report.customers), static_cast<long long>(report.addresses),
                static_cast<long long>(report.orders));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontline import: %s (nothing was imported)\n", e.what());
    return 1;
  }
}

int runSyncOnce(const Config& config) {
  try {
    auto local = store::Database::open(config.store.path);
    store::migrate(local);
    auto central = sync::connectCentral(config.central.url, centralPassword(config));
    sync::SyncOptions options;
    options.role = config.agent.role;
    sync::SyncEngine engine(local, *central, config.agent.id, options);
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
