// Demo data generator; see demo_data.h. Each customer draws from its own random stream
// (seed, customer number), so the rows do not depend on write batching.
#include "store/demo_data.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

#include "store/event_log.h"
#include "store/grouped_insert.h"
#include "store/insight.h"
#include "store/projection_tables.h"
#include "store/projections.h"

namespace frontline::store {
namespace {

using Json = nlohmann::json;
constexpr std::int64_t kSecond = 1'000'000;
constexpr std::int64_t kHour = 3600 * kSecond;
constexpr std::int64_t kDay = kMicrosPerDay;
constexpr std::int64_t kYear = 365 * kDay;

// splitmix64: small, fast and good enough for demo data; fully specified, so the same
// seed gives the same stream on every platform.
// The splitmix64 output function: a strong 64-bit mixer.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() { return mix64(m_state += 0x9e3779b97f4a7c15ULL); }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [lo, hi].
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(double p) { return unit() < p; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[next() % N];
  }

 private:
  std::uint64_t m_state;
};

constexpr std::array<std::string_view, 32> kLatinGiven{
    "Oliver",  "Amelia", "Jack", "Isla",  "Harry", "Ava",    "Lukas", "Mia",    "Leon",    "Emma", "Hugo",
    "Chloé",   "Louis",  "Léa",  "Mateo", "Lucía", "Pablo",  "Sofía", "Liam",   "Olivia",  "Noah", "Emily",
    "Lorenzo", "Giulia", "Daan", "Sanne", "Erik",  "Astrid", "Jonas", "Hannah", "Gabriel", "Inès"};
constexpr std::array<std::string_view, 32> kLatinFamily{
    "Smith",   "Jones",    "Taylor",    "Brown",     "Williams", "Müller",   "Schmidt", "Schneider",
    "Fischer", "Weber",    "Martin",    "Bernard",   "Dubois",   "Lefèvre",  "García",  "Fernández",
    "López",   "Martínez", "Johnson",   "Miller",    "Davis",    "Rossi",    "Russo",   "Bianchi",
    "de Jong", "Jansen",   "Andersson", "Johansson", "O'Brien",  "Kowalski", "Novak",   "Costa"};
struct ChineseName {
  std::string_view hanzi;
  std::string_view pinyin;
};
constexpr std::array<ChineseName, 20> kChineseFamily{{
    {"王", "Wang"}, {"李", "Li"},  {"张", "Zhang"}, {"刘", "Liu"}, {"陈", "Chen"}, {"杨", "Yang"}, {"黄", "Huang"},
    {"赵", "Zhao"}, {"吴", "Wu"},  {"周", "Zhou"},  {"徐", "Xu"},  {"孙", "Sun"},  {"马", "Ma"},   {"朱", "Zhu"},
    {"胡", "Hu"},   {"郭", "Guo"}, {"何", "He"},    {"林", "Lin"}, {"高", "Gao"},  {"罗", "Luo"},
}};
constexpr std::array<ChineseName, 24> kChineseGiven{{
    {"伟", "Wei"},      {"芳", "Fang"},  {"娜", "Na"},   {"秀英", "Xiuying"}, {"敏", "Min"},       {"静", "Jing"},
    {"丽", "Li"},       {"强", "Qiang"}, {"磊", "Lei"},  {"军", "Jun"},       {"洋", "Yang"},      {"勇", "Yong"},
    {"艳", "Yan"},      {"杰", "Jie"},   {"娟", "Juan"}, {"涛", "Tao"},       {"明", "Ming"},      {"超", "Chao"},
    {"秀兰", "Xiulan"}, {"霞", "Xia"},   {"平", "Ping"}, {"刚", "Gang"},      {"桂英", "Guiying"}, {"建华", "Jianhua"},
}};

struct Country {
  std::string_view code;
  std::string_view language;
  std::string_view currency;
  double priceFactor;                        // local price of one EUR of goods
  std::array<std::string_view, 3> prefixes;  // E.164 prefixes for phone slots 1..3
};
constexpr std::array<Country, 9> kCountries{{
    {"GB", "en-GB", "GBP", 0.86, {"+4474", "+4475", "+44208"}},
    {"DE", "de-DE", "EUR", 1.0, {"+49151", "+49160", "+4930"}},
    {"FR", "fr-FR", "EUR", 1.0, {"+336", "+337", "+331"}},
    {"ES", "es-ES", "EUR", 1.0, {"+346", "+347", "+3491"}},
    {"IT", "it-IT", "EUR", 1.0, {"+39347", "+39333", "+3906"}},
    {"NL", "nl-NL", "EUR", 1.0, {"+316", "+3170", "+3120"}},
    {"SE", "sv-SE", "EUR", 1.0, {"+4670", "+4672", "+468"}},
    {"US", "en-US", "USD", 1.08, {"+1212", "+1415", "+1646"}},
    {"CN", "zh-CN", "CNY", 7.8, {"+86138", "+86139", "+8610"}},
}};
// Local subscriber digits after the prefix, so that numbers have a plausible length.
constexpr std::array<std::pair<std::string_view, int>, 27> kSubscriberLengths{{
    {"+4474", 8}, {"+4475", 8}, {"+44208", 7}, {"+49151", 8}, {"+49160", 7}, {"+4930", 8},  {"+336", 8},
    {"+337", 8},  {"+331", 8},  {"+346", 8},   {"+347", 8},   {"+3491", 7},  {"+39347", 7}, {"+39333", 7},
    {"+3906", 8}, {"+316", 8},  {"+3170", 7},  {"+3120", 7},  {"+4670", 7},  {"+4672", 7},  {"+468", 8},
    {"+1212", 7}, {"+1415", 7}, {"+1646", 7},  {"+86138", 8}, {"+86139", 8}, {"+8610", 8},
}};
constexpr std::array<std::string_view, 3> kPhoneLabels{"mobile", "work", "home"};
constexpr std::array<std::string_view, 3> kEmailDomains{"example.com", "example.net", "example.org"};

int subscriberDigits(std::string_view prefix) {
  for (const auto& [p, n] : kSubscriberLengths) {
    if (p == prefix) return n;
  }
  return 8;
}

struct Product {
  std::string_view name;
  std::int64_t eurMinor;
};
constexpr std::array<Product, 24> kProducts{{
    {"Kettle", 3499},       {"Toaster", 4299},         {"Coffee machine", 18999},     {"Blender", 6999},
    {"Rice cooker", 8999},  {"Vacuum cleaner", 24999}, {"Headphones", 12999},         {"Smart speaker", 9999},
    {"Desk lamp", 2999},    {"Office chair", 21999},   {"Monitor 27\"", 28999},       {"Keyboard", 7999},
    {"Mouse", 2999},        {"Router", 11999},         {"Phone case", 1999},          {"Charger", 2499},
    {"Tablet", 39999},      {"Laptop", 109999},        {"Printer ink", 3999},         {"Backpack", 5999},
    {"Water filter", 1599}, {"Air purifier", 19999},   {"Electric toothbrush", 6999}, {"Tea set", 4599},
}};

constexpr std::array<std::string_view, 7> kDispositionCodes{"resolved",  "info_given", "order_changed",   "callback",
                                                            "escalated", "sale",       "complaint_logged"};
constexpr std::array<std::string_view, 6> kComplaintCategories{"delivery", "billing", "product_fault",
                                                               "service",  "returns", "website"};
constexpr std::array<std::string_view, 6> kComplaintSummaries{
    "Parcel arrived two weeks late and damaged", "Charged twice for the same order",
    "Appliance stopped working after a week",    "Agent promised a call back that never came",
    "Refund for returned item not received",     "Could not complete checkout, order lost"};
constexpr std::array<std::string_view, 8> kEmailSubjects{"Where is my order?",
                                                         "Invoice question",
                                                         "Request to change delivery address",
                                                         "Product stopped working",
                                                         "Return label please",
                                                         "退货申请",
                                                         "关于我的订单",
                                                         "Warranty claim"};
constexpr std::array<std::string_view, 4> kEmailBodies{
    "Hello, I ordered a kettle two weeks ago and it still has not arrived. Could you tell me where it is? "
    "My order number is in the confirmation you sent.",
    "Hi, the blender I received makes a loud grinding noise. I would like a replacement or my money back.",
    "Good morning, I was charged twice for my last order. Please refund the second payment.",
    "Hello, can I change the delivery address of my open order? I am away next week."};
constexpr std::array<std::string_view, 3> kEmailReplies{
    "Thank you for writing. Your parcel left our warehouse yesterday; the tracking link is in your account. "
    "It should arrive within two working days.",
    "We are sorry about this. A replacement is on its way and a return label is attached; no need to wait for it.",
    "Thank you for telling us. The second payment has been refunded; it shows on your statement within five days."};
constexpr std::array<std::string_view, 8> kNotes{"Customer asked for delivery status; gave tracking link.",
                                                 "Explained invoice lines; customer satisfied.",
                                                 "Changed delivery slot to Saturday.",
                                                 "Fault confirmed, replacement arranged.",
                                                 "Wants a call back after 5pm.",
                                                 "Escalated to second line.",
                                                 "客户要求退款，已登记。",
                                                 "Upsold extended warranty."};
struct Sla {
  std::string_view priority;
  std::int64_t response;
  std::int64_t resolution;
};
constexpr std::array<Sla, 4> kSlas{{{"urgent", 1 * kHour, 8 * kHour},
                                    {"high", 4 * kHour, 24 * kHour},
                                    {"normal", 24 * kHour, 72 * kHour},
                                    {"low", 72 * kHour, 168 * kHour}}};
constexpr int kAgentCount = 20;

std::string agentId(std::int64_t n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "agent-%02lld", static_cast<long long>(n));
  return buf;
}

std::string uuidFrom(Random& r) {
  std::uint64_t a = r.next();
  std::uint64_t b = r.next();
  a = (a & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 1
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(a >> 32),
                static_cast<unsigned long long>((a >> 16) & 0xffff), static_cast<unsigned long long>(a & 0xffff),
                static_cast<unsigned long long>(b >> 48), static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

std::string lowerAscii(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

void writeReferenceData(Database& db) {
  for (const Sla& s : kSlas) {
    db.cached("INSERT OR REPLACE INTO sla_policies (priority, first_response_us, resolution_us) VALUES (?,?,?)")
        .bind(1, s.priority)
        .bind(2, s.response)
        .bind(3, s.resolution)
        .run();
  }
  const std::array<std::pair<std::string_view, std::string_view>, 7> dispositions{
      {{"resolved", "Resolved"},
       {"info_given", "Information given"},
       {"order_changed", "Order changed"},
       {"callback", "Call back arranged"},
       {"escalated", "Escalated"},
       {"sale", "Sale"},
       {"complaint_logged", "Complaint logged"}}};
  int order = 0;
  for (const auto& [code, label] : dispositions) {
    db.cached("INSERT OR REPLACE INTO dispositions (code, label, sort_order) VALUES (?,?,?)")
        .bind(1, code)
        .bind(2, label)
        .bind(3, ++order)
        .run();
  }
  const std::array<std::pair<std::string_view, std::string_view>, 5> reasons{{{"break", "Break"},
                                                                              {"lunch", "Lunch"},
                                                                              {"training", "Training"},
                                                                              {"meeting", "Meeting"},
                                                                              {"coaching", "Coaching"}}};
  order = 0;
  for (const auto& [code, label] : reasons) {
    db.cached("INSERT OR REPLACE INTO not_ready_reasons (code, label, sort_order) VALUES (?,?,?)")
        .bind(1, code)
        .bind(2, label)
        .bind(3, ++order)
        .run();
  }
  const std::array<std::pair<std::string_view, double>, 4> rates{
      {{"EUR", 1.0}, {"GBP", 1.0 / 0.86}, {"USD", 1.0 / 1.08}, {"CNY", 1.0 / 7.8}}};
  db.cached("INSERT INTO site_settings (key, value) VALUES ('reporting_currency', 'EUR')").run();
  for (const auto& [currency, rate] : rates) {
    db.cached("INSERT INTO exchange_rates (currency, to_reporting) VALUES (?,?)").bind(1, currency).bind(2, rate).run();
  }
  for (int i = 1; i <= kAgentCount; ++i) {
    db.cached("INSERT INTO agents (id, name, role) VALUES (?,?,?)")
        .bind(1, agentId(i))
        .bind(2, "Agent " + std::to_string(i))
        .bind(3, "agent")
        .run();
  }
  db.cached("INSERT INTO agents (id, name, role) VALUES ('supervisor-01', 'Supervisor 1', 'supervisor')").run();
  db.cached("INSERT INTO agents (id, name, role) VALUES ('trainer-01', 'Trainer 1', 'trainer')").run();
}

// The rows of a run of customers, generated and not yet written.
struct Block {
  struct Customer {
    std::int64_t id;
    std::string displayName, sortName;
    std::string_view country, language;
    std::int64_t sinceUs;
  };
  struct Address {
    std::int64_t customerId;
    std::string_view kind;
    std::string value;
    std::string_view label;
  };
  struct Order {
    std::int64_t customerId;
    std::string number;
    std::int64_t orderedUs;
    std::string_view status;
    std::string itemsJson;
    std::int64_t totalMinor;
    std::string_view currency;
  };
  std::int64_t lastCustomer = 0;
  std::vector<Customer> customers;
  std::vector<Address> addresses;
  std::vector<Order> orders;
  std::vector<InteractionEvent> events;
  // The projection rows as the values their INSERT binds, worked out by the generator.
  std::vector<std::vector<ColumnValue>> interactions;
  std::vector<std::vector<ColumnValue>> complaints;
  std::vector<EmailMessageRow> emailMessages;
  std::vector<AgentStateRow> agentStates;

  // Empty again, keeping the vectors' room for the next block.
  void clear() {
    lastCustomer = 0;
    customers.clear();
    addresses.clear();
    orders.clear();
    events.clear();
    interactions.clear();
    complaints.clear();
    emailMessages.clear();
    agentStates.clear();
  }
};

void bindUncopied(Statement& s, int index, const ColumnValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    s.bind(index, *i);
  } else if (const auto* t = std::get_if<std::string>(&v)) {
    s.bindUncopied(index, *t);
  } else {
    s.bindNull(index);
  }
}

// Each table's rows in multi-row statements (grouped_insert.h), their text bound without
// copies (each run is followed by a reset, which unbinds): the writing thread is the
// load's bottleneck.
void writeBlock(Database& db, const Block& b) {
  insertGrouped(db, "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us) VALUES ",
                6, b.customers, [](Statement& s, int i, const Block::Customer& c) {
                  s.bind(i, c.id).bindUncopied(i + 1, c.displayName).bindUncopied(i + 2, c.sortName);
                  s.bindUncopied(i + 3, c.country).bindUncopied(i + 4, c.language).bind(i + 5, c.sinceUs);
                });
  insertGrouped(db, "INSERT INTO customer_addresses (customer_id, kind, value, label) VALUES ", 4, b.addresses,
                [](Statement& s, int i, const Block::Address& a) {
                  s.bind(i, a.customerId).bindUncopied(i + 1, a.kind).bindUncopied(i + 2, a.value);
                  s.bindUncopied(i + 3, a.label);
                });
  insertGrouped(db,
                "INSERT INTO orders (customer_id, number, ordered_us, status, items_json, total_minor, currency) "
                "VALUES ",
                7, b.orders, [](Statement& s, int i, const Block::Order& o) {
                  s.bind(i, o.customerId).bindUncopied(i + 1, o.number).bind(i + 2, o.orderedUs);
                  s.bindUncopied(i + 3, o.status).bindUncopied(i + 4, o.itemsJson).bind(i + 5, o.totalMinor);
                  s.bindUncopied(i + 6, o.currency);
                });
  insertEventRows(db, b.events);
  auto bindValues = [](Statement& s, int first, const std::vector<ColumnValue>& row) {
    for (std::size_t k = 0; k < row.size(); ++k) bindUncopied(s, first + static_cast<int>(k), row[k]);
  };
  insertGrouped(db, interactionsTable().insertHead(), static_cast<int>(interactionsTable().columns.size()),
                b.interactions, bindValues);
  insertGrouped(db, complaintsTable().insertHead(), static_cast<int>(complaintsTable().columns.size()), b.complaints,
                bindValues);
  for (const auto& row : b.emailMessages) saveEmailMessage(db, row);
  for (const auto& row : b.agentStates) saveAgentState(db, row);
}

// Generates one customer and everything that hangs off it into a block.
class CustomerGenerator {
 public:
  CustomerGenerator(const DemoDataOptions& o, DemoDataReport& report) : m_options(o), m_report(report) {}

  void generate(std::int64_t customerId, Block& block) {
    m_block = &block;
    block.lastCustomer = customerId;
    // Start each customer's stream at a hashed, unrelated point of the sequence; plain
    // offsets of the seed would make neighbouring customers' streams overlap.
    Random r(mix64(mix64(m_options.seed) ^ mix64(static_cast<std::uint64_t>(customerId) + 0x632be59bd9b4e019ULL)));
    const bool chinese = r.chance(0.3);
    const Country& country =
        chinese ? (r.chance(0.6) ? kCountries[8] : kCountries[r.next() % 8]) : kCountries[r.next() % 8];
    std::string display, sortName, emailStem;
    if (chinese) {
      const auto& family = r.pick(kChineseFamily);
      const auto& given = r.pick(kChineseGiven);
      display = std::string(family.hanzi) + std::string(given.hanzi);
      sortName = std::string(family.pinyin) + " " + std::string(given.pinyin);
      emailStem = lowerAscii(given.pinyin) + "." + lowerAscii(family.pinyin);
    } else {
      std::string_view given = r.pick(kLatinGiven);
      std::string_view family = r.pick(kLatinFamily);
      display = std::string(given) + " " + std::string(family);
      sortName = display;
      emailStem = lowerAscii(given) + "." + lowerAscii(family);
    }
    const std::int64_t since = m_options.asOfUs - r.range(30 * kDay, 6 * kYear);
    block.customers.push_back({customerId, display, sortName, country.code, country.language, since});
    ++m_report.customers;

    // Phones: 1-3, unique per customer by construction (the customer id, scrambled).
    std::vector<std::string> addresses;
    const int phones = static_cast<int>(r.range(1, 3));
    for (int slot = 0; slot < phones; ++slot) {
      std::string_view prefix = country.prefixes[static_cast<std::size_t>(slot)];
      const int digits = subscriberDigits(prefix);
      // Lead digit 2-9 (never the trunk prefix 0 or 1) and the rest from the customer id,
      // scrambled: 7919 is coprime with 10^n, so each block of 10^n ids maps one-to-one.
      std::uint64_t modulus = 1;
      for (int d = 1; d < digits; ++d) modulus *= 10;
      const auto id = static_cast<std::uint64_t>(customerId);
      const std::uint64_t rest = (id * 7919ULL + 1'000'003ULL) % modulus;
      std::string number = std::to_string(rest);
      number.insert(0, static_cast<std::size_t>(digits - 1) - number.size(), '0');
      number.insert(number.begin(), static_cast<char>('2' + (id / modulus) % 8));
      addresses.push_back(std::string(prefix) + number);
      insertAddress(customerId, "phone", addresses.back(), kPhoneLabels[static_cast<std::size_t>(slot)]);
    }
    const int emails = r.chance(0.9) ? (r.chance(0.2) ? 2 : 1) : 0;
    for (int e = 0; e < emails; ++e) {
      std::string email =
          emailStem + std::to_string(customerId) + (e ? ".work" : "") + "@" +
          std::string(kEmailDomains[(static_cast<std::uint64_t>(customerId) + static_cast<std::uint64_t>(e)) % 3]);
      addresses.push_back(email);
      insertAddress(customerId, "email", email, e ? "work" : "personal");
    }

    writeOrders(r, customerId, country, since);
    writeContacts(r, customerId, display, addresses, since);
  }

 private:
  void insertAddress(std::int64_t customerId, std::string_view kind, const std::string& value, std::string_view label) {
    m_block->addresses.push_back({customerId, kind, value, label});
    ++m_report.addresses;
  }

  void writeOrders(Random& r, std::int64_t customerId, const Country& country, std::int64_t since) {
    // Spend follows a Pareto law (alpha 1.16 is the 80/20 rule); the life-cycle shape
    // puts orders early (declining), late (growing) or evenly (steady).
    const double value = std::min(60.0, 1.0 / std::pow(1.0 - r.unit(), 1.0 / 1.16));
    const int shape = static_cast<int>(r.range(0, 3));  // 0,1 steady; 2 declining; 3 growing
    const std::int64_t count = r.chance(0.06) ? 0 : r.range(1, 9);
    const std::int64_t start = std::max(since, m_options.asOfUs - 3 * kYear);
    const std::int64_t span = std::max<std::int64_t>(m_options.asOfUs - start, kDay);
    // Dates first, oldest first, so that order numbers rise with time as a shop's do.
    std::vector<std::int64_t> dates;
    for (std::int64_t i = 0; i < count; ++i) {
      double t = r.unit();
      if (shape == 2) t = std::pow(t, 2.5);
      if (shape == 3) t = 1.0 - std::pow(t, 2.5);
      dates.push_back(start + static_cast<std::int64_t>(t * static_cast<double>(span - kHour)));
    }
    std::sort(dates.begin(), dates.end());
    for (const std::int64_t orderedUs : dates) {
      Json items = Json::array();
      std::int64_t total = 0;
      const std::int64_t lines = r.range(1, 3);
      for (std::int64_t l = 0; l < lines; ++l) {
        const Product& p = r.pick(kProducts);
        const std::int64_t qty = std::max<std::int64_t>(1, static_cast<std::int64_t>(value * r.unit() * 1.5));
        const auto unit =
            static_cast<std::int64_t>(std::llround(static_cast<double>(p.eurMinor) * country.priceFactor));
        items.push_back({{"name", p.name}, {"qty", qty}, {"unit_minor", unit}});
        total += qty * unit;
      }
      const std::int64_t age = m_options.asOfUs - orderedUs;
      std::string_view status = age < 3 * kDay    ? "placed"
                                : age < 10 * kDay ? "shipped"
                                : r.chance(0.05)  ? "returned"
                                : r.chance(0.03)  ? "cancelled"
                                                  : "delivered";
      char number[24];
      std::snprintf(number, sizeof number, "FL-%08lld", static_cast<long long>(++m_orderNumber));
      m_block->orders.push_back({customerId, number, orderedUs, status, items.dump(), total, country.currency});
      ++m_report.orders;
    }
  }

  void writeContacts(Random& r, std::int64_t customerId, const std::string& display,
                     const std::vector<std::string>& addresses, std::int64_t since) {
    const std::int64_t contacts = r.range(0, 4);
    const bool complains = r.chance(0.15);
    for (std::int64_t c = 0; c < contacts; ++c) {
      const bool last = c + 1 == contacts;
      const std::string interactionId = uuidFrom(r);
      const std::string agent = agentId(r.range(1, kAgentCount));
      // Contacts spread over the relationship; the last one is often recent.
      const std::int64_t window = std::max<std::int64_t>(m_options.asOfUs - since - kHour, kHour);
      std::int64_t t = last && r.chance(0.5)
                           ? m_options.asOfUs - r.range(kHour, 20 * kDay)
                           : since + static_cast<std::int64_t>(r.unit() * static_cast<double>(window));
      std::string address;
      std::string channel = "voice";
      std::string subject;
      std::vector<std::string> emailAddresses;
      for (const auto& a : addresses) {
        if (a.find('@') != std::string::npos) emailAddresses.push_back(a);
      }
      if (!emailAddresses.empty() && r.chance(0.35)) {
        channel = "email";
        address = emailAddresses[r.next() % emailAddresses.size()];
        subject = std::string(r.pick(kEmailSubjects));
      } else {
        address = addresses[r.next() % addresses.size()];  // phones come first; at least one exists
        if (address.find('@') != std::string::npos) address = addresses.front();
      }
      Projections folded;
      auto emit = [&](EventKind kind, std::int64_t ts, const std::string& agentForEvent, Json payload) {
        InteractionEvent e{kDemoOrigin, ++m_seq, interactionId, ts, kind, agentForEvent, payload.dump()};
        foldInto(folded, e);
        m_block->events.push_back(std::move(e));
        ++m_report.events;
      };
      // The agent's state around the contact, as a desk records it (for the trainer's replay).
      auto agentState = [&](const std::string& who, std::int64_t ts, const char* state) {
        InteractionEvent e{
            kDemoOrigin, ++m_seq, "", ts, EventKind::AgentState, who, Json{{"state", state}, {"reason", ""}}.dump()};
        ++m_report.events;
        AgentStateRow& latest = m_agentStates[who];
        if (ts >= latest.sinceUs) applyToAgentState(latest, e);
        m_block->events.push_back(std::move(e));
      };
      // The details a replay shows (holds, notes typed in steps, the emails themselves) come
      // from their own random stream, so that the rest of the demo data stays as it was.
      Random detail(mix64(static_cast<std::uint64_t>(m_seq) ^ 0x7265706c6179ULL));
      emit(EventKind::Offered, t, "",
           {{"channel", channel},
            {"direction", "in"},
            {"address", address},
            {"display_name", display},
            {"subject", subject},
            {"customer_id", customerId}});
      const bool voice = channel == "voice";
      if (voice) emit(EventKind::Ringing, t + 200'000, "", Json::object());
      if (!voice) {
        emit(EventKind::EmailReceived, t, "",
             {{"message_id", interactionId + "@customer.example"},
              {"from", address},
              {"from_name", display},
              {"subject", subject},
              {"body", std::string(detail.pick(kEmailBodies)) + "\n\n" + display}});
      }
      const double fate = r.unit();
      if (voice && fate < 0.08) {
        emit(EventKind::Missed, t + r.range(20, 60) * kSecond, "", Json::object());
      } else if (voice && fate < 0.12) {
        emit(EventKind::Cancelled, t + r.range(5, 40) * kSecond, "", Json::object());
      } else {
        t += voice ? r.range(3, 90) * kSecond : r.range(10 * 60, 20 * 3600) * kSecond;
        emit(EventKind::Answered, t, agent, Json::object());
        agentState(agent, t, "on_contact");
        const std::int64_t answeredUs = t;
        const std::int64_t talk = voice ? r.range(30, 900) * kSecond : r.range(60, 900) * kSecond;
        if (r.chance(0.4)) {
          // Typed in steps: each save carries the whole note so far.
          const std::string note(r.pick(kNotes));
          const std::size_t third = note.find(' ', note.size() / 3);
          const std::size_t twoThirds = note.find(' ', 2 * note.size() / 3);
          if (third != std::string::npos)
            emit(EventKind::Note, t + talk / 2 - 6 * kSecond, agent, {{"text", note.substr(0, third)}});
          if (twoThirds != std::string::npos)
            emit(EventKind::Note, t + talk / 2 - 3 * kSecond, agent, {{"text", note.substr(0, twoThirds)}});
          emit(EventKind::Note, t + talk / 2, agent, {{"text", note}});
        }
        if (voice && talk > 90 * kSecond && detail.chance(0.35)) {
          const std::int64_t held = answeredUs + talk / 4;
          emit(EventKind::Held, held, agent, Json::object());
          emit(EventKind::Resumed, held + detail.range(10, 50) * kSecond, agent, Json::object());
        }
        if (complains && last) writeComplaint(r, customerId, agent, t + talk / 3, emit);
        if (r.chance(0.25)) {
          const std::int64_t a = r.range(2, 5);
          const std::int64_t b = std::clamp<std::int64_t>(a + r.range(-2, 1), 1, 5);
          emit(EventKind::Satisfaction, t + talk - kSecond, agent, {{"expected", a}, {"perceived", b}});
        }
        t += talk;
        if (!voice) {
          emit(EventKind::EmailSent, t, agent,
               {{"message_id", interactionId + "-reply@frontline.local"},
                {"from", "support@frontline.local"},
                {"from_name", "Customer service"},
                {"to", address},
                {"subject", "Re: " + subject},
                {"body", std::string(detail.pick(kEmailReplies))},
                {"in_reply_to", interactionId + "@customer.example"}});
        }
        emit(EventKind::Ended, t, agent, Json::object());
        agentState(agent, t, "wrap_up");
        emit(EventKind::Disposition, t + kSecond, agent,
             {{"code", complains && last ? std::string("complaint_logged") : std::string(r.pick(kDispositionCodes))}});
        const std::int64_t wrapped = t + r.range(10, 180) * kSecond;
        emit(EventKind::Wrapped, wrapped, agent, Json::object());
        agentState(agent, wrapped, "available");
      }
      for (const auto& [id, row] : folded.interactions)
        m_block->interactions.push_back(interactionsTable().values(row));
      for (const auto& [id, row] : folded.complaints) m_block->complaints.push_back(complaintsTable().values(row));
      for (auto& [id, row] : folded.emailMessages) m_block->emailMessages.push_back(std::move(row));
      m_report.complaints += static_cast<std::int64_t>(folded.complaints.size());
      ++m_report.interactions;
    }
  }

  template <typename Emit>
  void writeComplaint(Random& r, std::int64_t customerId, const std::string& agent, std::int64_t openedUs, Emit& emit) {
    const Sla& sla = kSlas[static_cast<std::size_t>(r.range(0, 3))];
    const std::string complaintId = uuidFrom(r);
    const std::size_t category = r.next() % kComplaintCategories.size();
    emit(EventKind::ComplaintOpened, openedUs, agent,
         {{"complaint_id", complaintId},
          {"customer_id", customerId},
          {"category", kComplaintCategories[category]},
          {"priority", sla.priority},
          {"summary", kComplaintSummaries[category]},
          {"response_due_us", openedUs + sla.response},
          {"resolution_due_us", openedUs + sla.resolution}});
    // Complaints older than a week were all answered and resolved (some late). Recent
    // ones are at every stage; a response or resolution that would lie after the demo's
    // "now" is not written, so such a complaint is still open (or responded) today.
    const bool settled = openedUs < m_options.asOfUs - 7 * kDay;
    const std::int64_t responded =
        openedUs + static_cast<std::int64_t>(r.unit() * 1.3 * static_cast<double>(sla.response));
    if (responded < m_options.asOfUs && (settled || r.chance(0.9))) {
      emit(EventKind::ComplaintResponded, responded, agent, {{"complaint_id", complaintId}});
      std::int64_t resolved =
          responded + static_cast<std::int64_t>(r.unit() * 1.2 * static_cast<double>(sla.resolution));
      // A settled complaint was responded to at least three days before "now", so its
      // resolution can always be placed before "now".
      if (settled) resolved = std::min(resolved, m_options.asOfUs - kHour);
      // Most complaints are resolved within their time; a few stay open past it.
      if (resolved < m_options.asOfUs && (settled || r.chance(0.85))) {
        emit(EventKind::ComplaintResolved, resolved, agent, {{"complaint_id", complaintId}});
      }
    }
  }

 public:
  // The demo agents' latest states, saved once every contact is written.
  // Each ends their last shift logged out (a floor would otherwise show them available).
  void finish(Block& block) {
    for (auto& [id, row] : m_agentStates) {
      InteractionEvent e{kDemoOrigin,
                         ++m_seq,
                         "",
                         row.sinceUs + 60 * kSecond,
                         EventKind::AgentState,
                         id,
                         Json{{"state", "logged_out"}, {"reason", ""}}.dump()};
      ++m_report.events;
      applyToAgentState(row, e);
      block.events.push_back(std::move(e));
      block.agentStates.push_back(row);
    }
  }

 private:
  Block* m_block = nullptr;
  const DemoDataOptions& m_options;
  DemoDataReport& m_report;
  std::map<std::string, AgentStateRow> m_agentStates;
  std::int64_t m_seq = 0;
  std::int64_t m_orderNumber = 0;
};

// Hands generated blocks from the generating thread to the writing one. Holds at most
// two, so the generator runs ahead by a block while the writer commits one.
class BlockHandOff {
 public:
  // False when the writer has given up (the generator then stops).
  bool put(Block block) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_blocks.size() < 2 || m_abandoned; });
    if (m_abandoned) return false;
    m_blocks.push_back(std::move(block));
    m_changed.notify_all();
    return true;
  }
  // Waits for the next block; nullopt once the generator has finished (or failed: see error()).
  std::optional<Block> take() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_blocks.empty() || m_finished; });
    if (m_blocks.empty()) return std::nullopt;
    Block block = std::move(m_blocks.front());
    m_blocks.pop_front();
    m_changed.notify_all();
    return block;
  }
  void finish(std::exception_ptr error) {
    std::lock_guard lock(m_mutex);
    m_finished = true;
    m_error = std::move(error);
    m_changed.notify_all();
  }
  void abandon() {
    std::lock_guard lock(m_mutex);
    m_abandoned = true;
    m_changed.notify_all();
  }
  std::exception_ptr error() {
    std::lock_guard lock(m_mutex);
    return m_error;
  }
  // A written block goes back to the generator, which empties it and fills it again: the
  // rows are freed, and their room reused, on the generating thread.
  void giveBack(Block block) {
    std::lock_guard lock(m_mutex);
    m_written.push_back(std::move(block));
  }
  Block emptyBlock() {
    std::unique_lock lock(m_mutex);
    if (m_written.empty()) return {};
    Block block = std::move(m_written.back());
    m_written.pop_back();
    lock.unlock();
    block.clear();
    return block;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Block> m_blocks;
  std::vector<Block> m_written;
  bool m_finished = false;
  bool m_abandoned = false;
  std::exception_ptr m_error;
};

}  // namespace

DemoDataReport writeDemoData(Database& db, const DemoDataOptions& options) {
  if (db.queryInt("SELECT COUNT(*) FROM customers") != 0) {
    throw StoreError("database '" + db.path() + "' already holds customers; demo data goes into an empty store");
  }
  DemoDataReport report;
  {
    Transaction tx(db);
    writeReferenceData(db);
    tx.commit();
  }
  // Generating (random draws, JSON, folding the projections) and writing (SQLite) each
  // take about half the time: one thread generates the next block of customers while
  // this one writes the last. The rows are the same as from one thread: the generator
  // alone draws, numbers and folds, in customer order.
  BlockHandOff handOff;
  std::thread generating([&] {
    try {
      CustomerGenerator generator(options, report);
      const std::int64_t perBlock = std::max<std::int64_t>(1, options.customersPerCommit);
      for (std::int64_t first = 1; first <= options.customers; first += perBlock) {
        const std::int64_t last = std::min(options.customers, first + perBlock - 1);
        Block block = handOff.emptyBlock();
        for (std::int64_t id = first; id <= last; ++id) generator.generate(id, block);
        if (!handOff.put(std::move(block))) return handOff.finish(nullptr);
      }
      Block closing;
      generator.finish(closing);
      closing.lastCustomer = -1;
      handOff.put(std::move(closing));
      handOff.finish(nullptr);
    } catch (...) {
      handOff.finish(std::current_exception());
    }
  });
  try {
    while (auto block = handOff.take()) {
      Transaction tx(db);
      writeBlock(db, *block);
      tx.commit();
      if (block->lastCustomer >= 0 && options.progress) options.progress(block->lastCustomer, options.customers);
      handOff.giveBack(std::move(*block));
    }
  } catch (...) {
    handOff.abandon();
    generating.join();
    throw;
  }
  generating.join();
  if (auto error = handOff.error()) std::rethrow_exception(error);
  if (options.customers == 0 && options.progress) options.progress(0, 0);
  return report;
}

}  // namespace frontline::store
