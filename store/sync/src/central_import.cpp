// CSV import into the central store; see central_import.h.
#include "sync/central_import.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <set>
#include <vector>

#include "store/address.h"
#include "sync/csv.h"

namespace frontline::sync {
namespace {

// Column lookup by header name, with errors that name file, line and column.
class Sheet {
 public:
  Sheet(std::string path, std::vector<CsvRecord> records, const std::set<std::string>& required,
        const std::set<std::string>& optional)
      : m_path(std::move(path)), m_records(std::move(records)) {
    if (m_records.empty()) throw CsvError(m_path + ":1: the file is empty (a header line is required)");
    const auto& header = m_records.front();
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      std::string name = header.fields[i];
      while (!name.empty() && name.back() == ' ') name.pop_back();
      while (!name.empty() && name.front() == ' ') name.erase(0, 1);
      if (!required.count(name) && !optional.count(name)) {
        throw CsvError(m_path + ":1: column " + std::to_string(i + 1) + " '" + name + "' is not a column of this file");
      }
      m_columns[name] = i;
    }
    for (const auto& name : required) {
      if (!m_columns.count(name)) throw CsvError(m_path + ":1: missing column '" + name + "'");
    }
  }
  std::size_t rows() const { return m_records.size() - 1; }
  std::size_t line(std::size_t row) const { return m_records[row + 1].line; }
  std::string get(std::size_t row, const std::string& column) const {
    const auto it = m_columns.find(column);
    if (it == m_columns.end()) return {};
    const auto& fields = m_records[row + 1].fields;
    if (it->second >= fields.size())
      fail(row, column, "missing (the line has " + std::to_string(fields.size()) + " fields)");
    std::string value = fields[it->second];
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
    return value;
  }
  std::string required(std::size_t row, const std::string& column) const {
    std::string value = get(row, column);
    if (value.empty()) fail(row, column, "is empty");
    return value;
  }
  [[noreturn]] void fail(std::size_t row, const std::string& column, const std::string& what) const {
    throw CsvError(m_path + ":" + std::to_string(line(row)) + ": " + column + ": " + what);
  }

 private:
  std::string m_path;
  std::vector<CsvRecord> m_records;
  std::map<std::string, std::size_t> m_columns;
};

std::int64_t parseId(const Sheet& s, std::size_t row, const std::string& column) {
  const std::string text = s.required(row, column);
  if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos || std::stoll(text) <= 0) {
    s.fail(row, column, "'" + text + "' is not a whole number above 0");
  }
  return std::stoll(text);
}

std::int64_t parseDateUs(const Sheet& s, std::size_t row, const std::string& column) {
  const std::string text = s.required(row, column);
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    s.fail(row, column, "'" + text + "' is not a date like 2024-05-31");
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) s.fail(row, column, "'" + text + "' is not a date like 2024-05-31");
  return std::chrono::sys_days{ymd}.time_since_epoch().count() * 86'400'000'000LL;
}

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find(';', start);
    std::string item = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) items.push_back(item);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return items;
}

struct Customer {
  std::int64_t id;
  std::string name, sortName, country, language, notes;
  std::int64_t sinceUs;
  bool blocked;
  std::vector<std::pair<std::string, std::string>> addresses;  // kind, value
};

struct Order {
  std::string number;
  std::int64_t customerId, orderedUs, totalMinor;
  std::string status, currency, itemsJson;
};

std::int64_t nextValue(CentralConnection& c, const std::string& sql) {
  return toInt(c.query(sql).at(0).at(0)) + 1;
}

}  // namespace

ImportReport importIntoCentral(CentralConnection& central, const ImportFiles& files, const std::string& defaultRegion,
                               const std::function<void(std::int64_t, std::int64_t)>& progress) {
  // 1. Read and validate everything; nothing is written before every row is right.
  std::vector<Customer> customers;
  std::set<std::int64_t> ids;
  {
    Sheet s(files.customers, readCsvFile(files.customers), {"id", "name", "country", "customer_since"},
            {"sort_name", "language", "phones", "emails", "blocked", "notes"});
    for (std::size_t r = 0; r < s.rows(); ++r) {
      Customer c;
      c.id = parseId(s, r, "id");
      if (!ids.insert(c.id).second) s.fail(r, "id", std::to_string(c.id) + " appears twice in the file");
      c.name = s.required(r, "name");
      c.sortName = s.get(r, "sort_name").empty() ? c.name : s.get(r, "sort_name");
      c.country = s.required(r, "country");
      if (c.country.size() != 2 || !std::isupper(static_cast<unsigned char>(c.country[0])) ||
          !std::isupper(static_cast<unsigned char>(c.country[1]))) {
        s.fail(r, "country", "'" + c.country + "' is not a country code such as GB or CN");
      }
      c.language = s.get(r, "language");
      c.sinceUs = parseDateUs(s, r, "customer_since");
      const std::string blocked = s.get(r, "blocked");
      if (!blocked.empty() && blocked != "0" && blocked != "1") s.fail(r, "blocked", "must be 0 or 1");
      c.blocked = blocked == "1";
      c.notes = s.get(r, "notes");
      for (const auto& phone : splitList(s.get(r, "phones"))) {
        const auto e164 =
            store::normalisePhone(phone, store::isKnownPhoneRegion(c.country) ? c.country : defaultRegion);
        if (!e164) s.fail(r, "phones", "'" + phone + "' is not a phone number");
        c.addresses.emplace_back("phone", *e164);
      }
      for (const auto& email : splitList(s.get(r, "emails"))) {
        const auto normal = store::normaliseEmail(email);
        if (!normal) s.fail(r, "emails", "'" + email + "' is not an email address");
        c.addresses.emplace_back("email", *normal);
      }
      customers.push_back(std::move(c));
    }
  }
  std::vector<Order> orders;
  if (!files.orders.empty()) {
    Sheet s(files.orders, readCsvFile(files.orders),
            {"number", "customer_id", "ordered", "status", "total", "currency"}, {"items"});
    std::set<std::string> numbers;
    for (std::size_t r = 0; r < s.rows(); ++r) {
      Order o;
      o.number = s.required(r, "number");
      if (!numbers.insert(o.number).second) s.fail(r, "number", o.number + " appears twice in the file");
      o.customerId = parseId(s, r, "customer_id");
      if (!ids.count(o.customerId) &&
          toInt(central.query("SELECT COUNT(*) FROM customers WHERE id = $1", {field(o.customerId)}).at(0).at(0)) ==
              0) {
        s.fail(r, "customer_id",
               "no customer " + std::to_string(o.customerId) + " (in the customers file or centrally)");
      }
      o.orderedUs = parseDateUs(s, r, "ordered");
      o.status = s.required(r, "status");
      static const std::set<std::string> kStatuses{"placed", "shipped", "delivered", "returned", "cancelled"};
      if (!kStatuses.count(o.status))
        s.fail(r, "status", "'" + o.status + "' is not placed, shipped, delivered, returned or cancelled");
      const std::string total = s.required(r, "total");
      long long units = 0;
      unsigned cents = 0;
      int consumed = 0;
      const bool twoDecimals = std::sscanf(total.c_str(), "%lld.%2u%n", &units, &cents, &consumed) == 2 &&
                               consumed == static_cast<int>(total.size()) && total.size() >= 4 &&
                               total[total.size() - 3] == '.';
      const bool whole = total.find_first_not_of("0123456789") == std::string::npos;
      if (!twoDecimals && !whole) s.fail(r, "total", "'" + total + "' is not an amount like 12.34");
      o.totalMinor = whole ? std::stoll(total) * 100 : units * 100 + cents;
      o.currency = s.required(r, "currency");
      if (o.currency.size() != 3 || o.currency.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) {
        s.fail(r, "currency", "'" + o.currency + "' is not a currency code such as GBP");
      }
      nlohmann::json items = nlohmann::json::array();
      for (const auto& item : splitList(s.get(r, "items"))) {
        long long qty = 1;
        char name[256] = {0};
        if (std::sscanf(item.c_str(), "%lldx %255[^\n]", &qty, name) == 2) {
          items.push_back({{"name", name}, {"qty", qty}, {"unit_minor", 0}});
        } else {
          items.push_back({{"name", item}, {"qty", 1}, {"unit_minor", 0}});
        }
      }
      o.itemsJson = items.dump();
      orders.push_back(std::move(o));
    }
  }

  // 2. One transaction: all or nothing.
  ImportReport report;
  const std::int64_t total = static_cast<std::int64_t>(customers.size() + orders.size());
  central.beginExclusive();
  try {
    const std::int64_t customerRevision = nextValue(central, "SELECT COALESCE(MAX(revision), 0) FROM customers");
    const std::int64_t addressRevision =
        nextValue(central, "SELECT COALESCE(MAX(revision), 0) FROM customer_addresses");
    const std::int64_t orderRevision = nextValue(central, "SELECT COALESCE(MAX(revision), 0) FROM orders");
    std::int64_t addressId = nextValue(central, "SELECT COALESCE(MAX(id), 0) FROM customer_addresses");
    std::int64_t orderId = nextValue(central, "SELECT COALESCE(MAX(id), 0) FROM orders");
    std::int64_t done = 0;
    for (const auto& c : customers) {
      central.query(
          "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us, blocked, notes, "
          "revision) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET "
          "display_name = excluded.display_name, sort_name = excluded.sort_name, country = excluded.country, "
          "language = excluded.language, customer_since_us = excluded.customer_since_us, blocked = excluded.blocked, "
          "notes = excluded.notes, revision = excluded.revision",
          {field(c.id), field(c.name), field(c.sortName), field(c.country), field(c.language), field(c.sinceUs),
           field(std::int64_t{c.blocked ? 1 : 0}), field(c.notes), field(customerRevision)});
      ++report.customers;
      for (const auto& [kind, value] : c.addresses) {
        const auto exists =
            central.query("SELECT COUNT(*) FROM customer_addresses WHERE customer_id = $1 AND kind = $2 AND value = $3",
                          {field(c.id), field(kind), field(value)});
        if (toInt(exists.at(0).at(0)) > 0) continue;
        central.query(
            "INSERT INTO customer_addresses (id, customer_id, kind, value, label, revision) VALUES ($1, $2, $3, $4, "
            "$5, $6)",
            {field(addressId++), field(c.id), field(kind), field(value), field(kind), field(addressRevision)});
        ++report.addresses;
      }
      if (progress && ++done % 1000 == 0) progress(done, total);
    }
    for (const auto& o : orders) {
      central.query(
          "INSERT INTO orders (id, customer_id, number, ordered_us, status, items_json, total_minor, currency, "
          "revision) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (number) DO UPDATE SET "
          "customer_id = excluded.customer_id, ordered_us = excluded.ordered_us, status = excluded.status, "
          "items_json = excluded.items_json, total_minor = excluded.total_minor, currency = excluded.currency, "
          "revision = excluded.revision",
          {field(orderId++), field(o.customerId), field(o.number), field(o.orderedUs), field(o.status),
           field(o.itemsJson), field(o.totalMinor), field(o.currency), field(orderRevision)});
      ++report.orders;
      if (progress && ++done % 1000 == 0) progress(done, total);
    }
    central.commit();
    if (progress) progress(total, total);
  } catch (...) {
    central.rollback();
    throw;
  }
  return report;
}

}  // namespace frontline::sync
