// Forward-only numbered schema migrations (assets/sql/NNNN_name.sql, embedded at build
// time). Each runs in its own IMMEDIATE transaction that also sets PRAGMA user_version.
// A database whose user_version is newer than this program knows is refused untouched.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace frontline::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The migrations built into this program, ordered by version (1, 2, ...).
const std::vector<Migration>& builtInMigrations();
int latestSchemaVersion();

struct MigrationReport {
  int fromVersion = 0;
  int toVersion = 0;
};

// Brings `db` to the latest schema. Throws StoreError (and changes nothing) when the
// database is newer than this program or a migration fails.
MigrationReport migrate(Database& db);
// Same, over an explicit list (tests use this to add a version).
MigrationReport migrate(Database& db, const std::vector<Migration>& migrations);

int schemaVersion(Database& db);

}  // namespace frontline::store
