// `frontline replay export`; see replay_command.h.
#include "app/replay_command.h"

#include <cstdio>
#include <filesystem>

#include "replay/replay_case.h"
#include "store/database.h"

namespace frontline::app {

int runReplayExport(const Config& config, const ReplayExportArgs& args) {
  if (!std::filesystem::exists(config.store.path)) {
    std::fprintf(stderr, "frontline: replay export: no store at %s (store.path)\n", config.store.path.c_str());
    return 1;
  }
  store::OpenOptions ro;
  ro.readOnly = true;
  ro.create = false;
  store::Database db = store::Database::open(config.store.path, ro);
  replay::CaseOptions options;
  options.emailResponseUs = config.desk.emailResponseMinutes * 60'000'000LL;
  options.limits = {config.desk.historyLimit, config.desk.orderLimit};
  const auto summary = replay::exportCase(db, args.interactionId, args.outPath, options);
  std::printf("wrote %s: contact %s, masked; %lld events, %lld earlier contacts, %lld orders of the customer\n",
              args.outPath.c_str(), args.interactionId.c_str(), static_cast<long long>(summary.events),
              static_cast<long long>(summary.historyContacts), static_cast<long long>(summary.orders));
  std::printf("open it with: frontline --replay %s\n", args.outPath.c_str());
  return 0;
}

}  // namespace frontline::app
