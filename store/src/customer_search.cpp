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
  Statement& s = db.cached(
      "SELECT display_name, sort_name, country, "
      "(SELECT value FROM customer_addresses WHERE customer_id = c.id AND kind = 'phone' ORDER BY id LIMIT 1), "
      "(SELECT value FROM customer_addresses WHERE customer_id = c.id AND kind = 'email' ORDER BY id LIMIT 1) "
      "FROM customers c WHERE id = ?");
  s.bind(1, id);
  if (s.step()) out.push_back({id, s.text(0), s.text(1), s.text(2), matchedOn, s.text(3), s.text(4)});
  s.reset();
}

// An FTS5 query in which every word the user typed must start a word of the name: each
// word quoted (so that no character of it is query syntax) and made a prefix.
std::string nameWordsQuery(const std::string& text) {
  std::string query;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto start = text.find_first_not_of(" \t,", at);
    if (start == std::string::npos) break;
    auto end = text.find_first_of(" \t,", start);
    if (end == std::string::npos) end = text.size();
    std::string word;
    for (char c : text.substr(start, end - start)) {
      if (c == '"') word += '"';
      word += c;
    }
    query += (query.empty() ? "\"" : " \"") + word + "\"*";
    at = end;
  }
  return query;
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
  // Any word of the name, then the start of the name as written.
  if (const std::string words = nameWordsQuery(text); !words.empty() && static_cast<int>(out.size()) < limit) {
    // The first matches in the index's order, then sorted by name here: ranking every
    // match (bm25) costs 50 ms for a common surname on 1,000,000 customers, and joining to
    // sort in SQL makes the planner scan the customers; a name matches or it does not.
    Statement& s = db.cached("SELECT rowid FROM customer_names WHERE customer_names MATCH ?1 LIMIT ?2");
    s.bind(1, words).bind(2, limit);
    std::vector<std::int64_t> ids;
    while (s.step()) ids.push_back(s.int64(0));
    const auto firstByName = static_cast<std::ptrdiff_t>(out.size());
    for (auto id : ids) {
      if (static_cast<int>(out.size()) >= limit) break;
      addMatch(db, out, id, "name");
    }
    std::stable_sort(out.begin() + firstByName, out.end(),
                     [](const CustomerMatch& a, const CustomerMatch& b) { return a.sortName < b.sortName; });
  }
  if (static_cast<int>(out.size()) < limit) {
    const std::string upperBound = text + "\xf4\x8f\xbf\xbf";  // the prefix, then the highest code point
    Statement& s = db.cached(
        "SELECT id FROM customers WHERE display_name >= ?1 AND display_name < ?2 ORDER BY display_name LIMIT ?3");
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
