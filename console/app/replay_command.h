// `frontline replay export --config FILE --interaction ID --out case.frontline`: writes a
// contact of this console's store as a masked, self-contained training case
// (replay::exportCase), which `frontline --replay case.frontline` opens with no store and
// no network.
#pragma once

#include <string>

#include "app/config.h"

namespace frontline::app {

struct ReplayExportArgs {
  std::string interactionId;
  std::string outPath;
};

int runReplayExport(const Config& config, const ReplayExportArgs& args);

}  // namespace frontline::app
