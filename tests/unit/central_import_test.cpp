// CSV import into the central store: a valid pair of files reaches a console through the
// pull; a bad row, a missing column and a wrong encoding are each reported with file,
// line and column, and nothing is half-imported.
#include <catch2/catch.hpp>

#include <fstream>

#include "store/migrations.h"
#include "sync/central_import.h"
#include "sync/central_schema.h"
#include "sync/csv.h"
#include "sync/reference_pull.h"
#include "test_support.h"

using namespace frontline;

namespace {

std::string write(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const auto path = dir.file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::int64_t count(sync::CentralConnection& c, const std::string& table) {
  return sync::toInt(c.query("SELECT COUNT(*) FROM " + table).at(0).at(0));
}

const char* kCustomers =
    "id,name,sort_name,country,language,customer_since,phones,emails\n"
    "1,Ada Lovelace,Lovelace Ada,GB,en-GB,2021-03-04,020 7946 0958; +44 7700 900123,ada@example.com\n"
    "2,王芳,Wang Fang,CN,zh-CN,2022-11-30,+86 138 2667 9623,\"wang.fang@example.cn\"\n"
    "3,\"O'Brien, Liam\",,IE,en-IE,2020-01-01,,\n";
const char* kOrders =
    "number,customer_id,ordered,status,total,currency,items\n"
    "SO-1,1,2024-05-01,delivered,129.90,GBP,2x Kettle; 1x Mug\n"
    "SO-2,2,2024-06-11,shipped,88,CNY,\n";

}  // namespace

TEST_CASE("CSV records keep their line numbers through quotes and CRLF", "[import]") {
  const auto records = sync::parseCsv("a,b\r\n\"x\ny\",\"say \"\"hi\"\"\"\r\n\nlast,\n", "f.csv");
  REQUIRE(records.size() == 3);
  CHECK(records[1].line == 2);
  CHECK(records[1].fields == std::vector<std::string>{"x\ny", "say \"hi\""});
  CHECK(records[2].line == 5);
  CHECK(records[2].fields == std::vector<std::string>{"last", ""});
  CHECK_THROWS_WITH(sync::parseCsv("a\n\"open\n", "f.csv"), Catch::Contains("f.csv:2: a quoted field is never closed"));
}

TEST_CASE("a valid import reaches the central store and a console's pull", "[import]") {
  test::TempDir dir;
  auto central = sync::connectCentral("sqlite://" + dir.file("central.db"));
  sync::initCentral(*central);
  std::int64_t lastProgress = 0;
  const auto report =
      sync::importIntoCentral(*central, {write(dir, "customers.csv", kCustomers), write(dir, "orders.csv", kOrders)},
                              "GB", [&](std::int64_t done, std::int64_t total) { lastProgress = done == total; });
  CHECK(report.customers == 3);
  CHECK(report.addresses == 5);
  CHECK(report.orders == 2);
  CHECK(lastProgress == 1);
  CHECK(sync::toInt(central->query("SELECT total_minor FROM orders WHERE number = 'SO-1'").at(0).at(0)) == 12990);
  CHECK(central->query("SELECT display_name FROM customers WHERE id = 3").at(0).at(0) == "O'Brien, Liam");

  auto local = store::Database::open(dir.file("local.db"));
  store::migrate(local);
  sync::pullReferenceData(local, *central);
  CHECK(local.queryText("SELECT display_name FROM customers WHERE id = 2") == "王芳");
  CHECK(local.queryInt("SELECT customer_id FROM customer_addresses WHERE value = '+442079460958'") == 1);
  CHECK(local.queryText("SELECT items_json FROM orders WHERE number = 'SO-1'") ==
        R"([{"name":"Kettle","qty":2,"unit_minor":0},{"name":"Mug","qty":1,"unit_minor":0}])");

  // Importing the same files again changes nothing but the revision.
  const auto again = sync::importIntoCentral(*central, {dir.file("customers.csv"), dir.file("orders.csv")}, "GB");
  CHECK(again.addresses == 0);
  CHECK(count(*central, "customer_addresses") == 5);
  CHECK(count(*central, "orders") == 2);
}

TEST_CASE("import errors name file, line and column, and nothing is half-imported", "[import]") {
  test::TempDir dir;
  auto central = sync::connectCentral("sqlite://" + dir.file("central.db"));
  sync::initCentral(*central);
  const auto customers = write(dir, "customers.csv", kCustomers);
  struct Case {
    std::string file;
    std::string orders;
    std::string expected;
  };
  const Case cases[] = {
      {write(dir, "bad-date.csv", "id,name,country,customer_since\n1,Ada,GB,2021-03-04\n2,Bob,GB,2021-02-30\n"), "",
       "bad-date.csv:3: customer_since: '2021-02-30' is not a date"},
      {write(dir, "bad-phone.csv", "id,name,country,customer_since,phones\n1,Ada,GB,2021-03-04,call me\n"), "",
       "bad-phone.csv:2: phones: 'call me' is not a phone number"},
      {write(dir, "missing.csv", "id,name,customer_since\n1,Ada,2021-03-04\n"), "",
       "missing.csv:1: missing column 'country'"},
      {write(dir, "latin1.csv", "id,name,country,customer_since\n1,Ada,GB,2021-03-04\n2,Jos\xE9,ES,2021-03-04\n"), "",
       "latin1.csv:3: not UTF-8 (byte 0xE9)"},
      {write(dir, "twice.csv", "id,name,country,customer_since\n1,Ada,GB,2021-03-04\n1,Ada,GB,2021-03-04\n"), "",
       "twice.csv:3: id: 1 appears twice"},
      {customers,
       write(dir, "orphan.csv",
             "number,customer_id,ordered,status,total,currency\nSO-9,77,2024-01-01,placed,1.00,GBP\n"),
       "orphan.csv:2: customer_id: no customer 77"},
      {customers,
       write(dir, "money.csv", "number,customer_id,ordered,status,total,currency\nSO-9,1,2024-01-01,placed,1.5,GBP\n"),
       "money.csv:2: total: '1.5' is not an amount"},
      {customers,
       write(dir, "status.csv", "number,customer_id,ordered,status,total,currency\nSO-9,1,2024-01-01,lost,1.00,GBP\n"),
       "status.csv:2: status: 'lost'"},
  };
  for (const auto& c : cases) {
    INFO(c.expected);
    CHECK_THROWS_WITH(sync::importIntoCentral(*central, {c.file, c.orders}, "GB"), Catch::Contains(c.expected));
    CHECK(count(*central, "customers") == 0);  // nothing from a file with an error
    CHECK(count(*central, "orders") == 0);
  }
}
