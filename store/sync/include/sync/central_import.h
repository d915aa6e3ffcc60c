// `frontline import`: customers (with their phone numbers and email addresses) and orders
// from CSV files into the central store, from where every console pulls them.
//
// customers.csv columns (by header name, any order): id, name, country, customer_since
// (YYYY-MM-DD) required; sort_name, language, phones and emails (';'-separated), blocked
// (0/1), notes optional. orders.csv: number, customer_id, ordered (YYYY-MM-DD), status
// (placed, shipped, delivered, returned, cancelled), total (12.34), currency (ISO 4217)
// required; items optional ("2x Kettle; 1x Mug").
//
// Every row of both files is validated first; the first problem stops the import with
// "FILE:LINE: COLUMN: what is wrong" and nothing is written. Then all rows go in one
// central transaction, with a new revision so that consoles pull them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "sync/central_connection.h"

namespace frontline::sync {

struct ImportFiles {
  std::string customers;
  std::string orders;  // optional
};

struct ImportReport {
  std::int64_t customers = 0;
  std::int64_t addresses = 0;
  std::int64_t orders = 0;
};

ImportReport importIntoCentral(CentralConnection& central, const ImportFiles& files, const std::string& defaultRegion,
                               const std::function<void(std::int64_t done, std::int64_t total)>& progress = {});

}  // namespace frontline::sync
