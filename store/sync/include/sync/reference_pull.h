// Reference data from the central store to a console: customers, their addresses and
// orders (in pages, by (revision, id) after the local cursor of each table), and the small
// code tables (whole, when any of their rows changed). Applied locally with upserts, one
// transaction per page; the cursors move in the same transaction.
#pragma once

#include <cstdint>

#include "store/database.h"
#include "sync/central_connection.h"

namespace frontline::sync {

// Rows brought over (0 when the console was up to date).
std::int64_t pullReferenceData(store::Database& local, CentralConnection& central, int pageSize = 5000);

}  // namespace frontline::sync
