// Central schema migrations; see central_schema.h.
#include "sync/central_schema.h"

#include <string>

namespace frontline::sync {

int centralVersion(CentralConnection& central) {
  try {
    return static_cast<int>(toInt(central.query("SELECT COALESCE(MAX(version), 0) FROM central_schema").at(0).at(0)));
  } catch (const std::exception&) {
    return 0;  // no central_schema table: never initialised
  }
}

int initCentral(CentralConnection& central) {
  central.exec("CREATE TABLE IF NOT EXISTS central_schema (version BIGINT PRIMARY KEY, name TEXT NOT NULL)");
  const auto& all = centralMigrations();
  const int latest = all.empty() ? 0 : all.back().version;
  int version =
      static_cast<int>(toInt(central.query("SELECT COALESCE(MAX(version), 0) FROM central_schema").at(0).at(0)));
  if (version > latest) {
    throw CentralError("the central store " + central.describe() + " has schema version " + std::to_string(version) +
                       ", newer than this program's " + std::to_string(latest));
  }
  for (const auto& m : all) {
    if (m.version <= version) continue;
    central.beginExclusive();
    try {
      central.exec(std::string(m.sql));
      central.query("INSERT INTO central_schema (version, name) VALUES ($1, $2)",
                    {field(static_cast<std::int64_t>(m.version)), field(std::string(m.name))});
      central.commit();
    } catch (const std::exception& e) {
      central.rollback();
      throw CentralError("central migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                         ") failed: " + e.what());
    }
    version = m.version;
  }
  if (central.isPostgres()) {
    for (const auto& m : centralPostgresSetup()) {
      try {
        central.exec(std::string(m.sql));
      } catch (const std::exception& e) {
        throw CentralError("central " + std::string(m.name) + " failed: " + e.what());
      }
    }
  }
  return version;
}

}  // namespace frontline::sync
