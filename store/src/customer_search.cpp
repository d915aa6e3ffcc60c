// Customer search and creation; see customer_search.h.
#include "store/customer_search.h"

#include <algorithm>
#include <cctype>

#include "store/contact_lookup.h"

namespace frontline::store {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

void addMatch(Database& db, std::vector<CustomerMatch>& out, std::int64_t id, const std::string& matchedOn) {
  if (std::any_of(out.begin(), out.end(), [id](const CustomerMatch& m) { return m.customerId == id; })) return;
  Statement& s = db.cached("SELECT display_name, sort_name, country FROM customers WHERE id = ?");
  s.bind(1, id);
  if (s.step()) out.push_back({id, s.text(0), s.text(1), s.text(2), matchedOn});
  s.reset();
}

}  // namespace

std::vector<CustomerMatch> searchCustomers(Database& db, const std::string& rawText, const std::string& defaultRegion,
                                           int limit) {
  std::vector<CustomerMatch> out;
  const std::string text = trimmed(rawText);
  if (text.empty() || limit <= 0) return out;

  if (auto address = normaliseAddress(text, defaultRegion)) {
    Statement& s =
        db.cached("SELECT DISTINCT customer_id FROM customer_addresses WHERE value = ? AND kind = ? LIMIT ?");
    s.bind(1, address->value).bind(2, toString(address->kind)).bind(3, limit);
    std::vector<std::int64_t> ids;
    while (s.step()) ids.push_back(s.int64(0));
    for (auto id : ids) addMatch(db, out, id, std::string(toString(address->kind)) + " " + address->value);
  }
  {
    std::string upper = text;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    Statement& s = db.cached("SELECT customer_id FROM orders WHERE number = ?");
    for (const auto& number : {text, upper}) {
      s.bind(1, number);
      std::int64_t id = 0;
      const bool found = s.step();
      if (found) id = s.int64(0);
      s.reset();
      if (found) {
        addMatch(db, out, id, "order " + number);
        break;
      }
    }
  }
  // Name prefixes: the Latin sort name in any case, then the name as written. The upper
  // bound is the prefix followed by the highest code point, so both ranges use an index.
  const std::string upperBound = text + "\xf4\x8f\xbf\xbf";
  const char* const nameQueries[] = {
      "SELECT id FROM customers WHERE sort_name >= ?1 COLLATE NOCASE AND sort_name < ?2 COLLATE NOCASE "
      "ORDER BY sort_name COLLATE NOCASE LIMIT ?3",
      "SELECT id FROM customers WHERE display_name >= ?1 AND display_name < ?2 ORDER BY display_name LIMIT ?3"};
  for (const char* sql : nameQueries) {
    if (static_cast<int>(out.size()) >= limit) break;
    Statement& s = db.cached(sql);
    s.bind(1, text).bind(2, upperBound).bind(3, limit);
    std::vector<std::int64_t> ids;
    while (s.step()) ids.push_back(s.int64(0));
    for (auto id : ids) {
      if (static_cast<int>(out.size()) >= limit) break;
      addMatch(db, out, id, "name");
    }
  }
  return out;
}

std::int64_t createCustomer(Database& db, const std::string& displayName, const ContactAddress& address,
                            std::int64_t nowUs, const std::string& country) {
  const std::string name = trimmed(displayName);
  if (name.empty()) throw StoreError("a new customer needs a name");
  if (address.value.empty()) throw StoreError("a new customer needs the contact's phone number or email address");
  const std::int64_t id = db.queryInt("SELECT COALESCE(MAX(id), 0) + 1 FROM customers");
  db.cached(
        "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us) "
        "VALUES (?, ?, ?, ?, '', ?)")
      .bind(1, id)
      .bind(2, name)
      .bind(3, name)
      .bind(4, country)
      .bind(5, nowUs)
      .run();
  db.cached("INSERT INTO customer_addresses (customer_id, kind, value, label) VALUES (?, ?, ?, ?)")
      .bind(1, id)
      .bind(2, toString(address.kind))
      .bind(3, address.value)
      .bind(4, address.kind == ContactAddress::Kind::Phone ? "phone" : "email")
      .run();
  return id;
}

}  // namespace frontline::store
