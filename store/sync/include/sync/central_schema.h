// The central store's schema: numbered migrations from assets/sql/central (one SQL text
// for PostgreSQL and SQLite), applied by `frontline central init`, each in a transaction
// that also records its version in central_schema.
#pragma once

#include <vector>

#include "store/migrations.h"
#include "sync/central_connection.h"

namespace frontline::sync {

const std::vector<store::Migration>& centralMigrations();  // generated from assets/sql/central
// PostgreSQL only, applied after the schema on every init (idempotent): the roles.
const std::vector<store::Migration>& centralPostgresSetup();  // from assets/sql/central/postgresql
// The version the central store is at (0: not initialised).
int centralVersion(CentralConnection& central);
// Brings the central store to the latest version; returns it. Refuses a newer store.
int initCentral(CentralConnection& central);

}  // namespace frontline::sync
