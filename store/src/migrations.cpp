// Applies the embedded migrations in order; see migrations.h.
#include "store/migrations.h"

#include <string>

namespace frontline::store {

int schemaVersion(Database& db) {
  return static_cast<int>(db.queryInt("PRAGMA user_version"));
}

int latestSchemaVersion() {
  const auto& all = builtInMigrations();
  return all.empty() ? 0 : all.back().version;
}

MigrationReport migrate(Database& db) {
  return migrate(db, builtInMigrations());
}

MigrationReport migrate(Database& db, const std::vector<Migration>& migrations) {
  MigrationReport report;
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  {
    // Each migration below re-checks the version inside its IMMEDIATE transaction, so
    // two processes opening one file at once never apply a migration twice.
    Transaction check(db, Transaction::Mode::Deferred);
    report.fromVersion = schemaVersion(db);
    check.commit();
  }
  if (report.fromVersion > latest) {
    throw StoreError("database '" + db.path() + "' has schema version " + std::to_string(report.fromVersion) +
                     ", newer than this program's " + std::to_string(latest) +
                     "; upgrade Frontline to open it (the file was not changed)");
  }
  report.toVersion = report.fromVersion;
  for (const Migration& m : migrations) {
    Transaction tx(db, Transaction::Mode::Immediate);
    if (m.version <= schemaVersion(db)) continue;  // another process got here first
    try {
      db.exec(m.sql);
      db.exec("PRAGMA user_version = " + std::to_string(m.version));
    } catch (const StoreError& e) {
      throw StoreError("migration " + std::to_string(m.version) + " (" + std::string(m.name) + ") failed: " + e.what());
    }
    tx.commit();
    report.toVersion = m.version;
  }
  return report;
}

}  // namespace frontline::store
