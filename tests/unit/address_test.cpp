#include <catch2/catch.hpp>

#include "store/address.h"

using namespace frontline::store;

TEST_CASE("phone numbers normalise to E.164", "[store][address]") {
  CHECK(normalisePhone("+44 20 7946 0958", "DE") == "+442079460958");
  CHECK(normalisePhone("020 7946 0958", "GB") == "+442079460958");
  CHECK(normalisePhone("030 1234567", "DE") == "+49301234567");
  CHECK(normalisePhone("00 49 30 1234567", "GB") == "+49301234567");
  CHECK(normalisePhone("tel:+1-212-555-0100;ext=12", "GB") == "+12125550100");
  CHECK(normalisePhone("(212) 555-0100", "US") == "+12125550100");
}

TEST_CASE("text that is not a phone number is rejected", "[store][address]") {
  CHECK_FALSE(normalisePhone("", "GB"));
  CHECK_FALSE(normalisePhone("anonymous", "GB"));
  CHECK_FALSE(normalisePhone("12", "GB"));
  CHECK_FALSE(normalisePhone(std::string(400, '9'), "GB"));
  CHECK_FALSE(normalisePhone("020 7946 0958", "ZZ"));  // national format with no region to read it in
  CHECK_FALSE(normalisePhone(std::string("\0\xff\xfe", 3), "GB"));
}

TEST_CASE("emails normalise to lowercase and bad ones are rejected", "[store][address]") {
  CHECK(normaliseEmail("  Li.Wei@Example.COM ") == "li.wei@example.com");
  CHECK(normaliseEmail("<li.wei@example.com>") == "li.wei@example.com");
  CHECK(normaliseEmail("MAILTO:li.wei@example.com") == "li.wei@example.com");
  CHECK_FALSE(normaliseEmail("li.wei"));
  CHECK_FALSE(normaliseEmail("@example.com"));
  CHECK_FALSE(normaliseEmail("li.wei@"));
  CHECK_FALSE(normaliseEmail("a@b@c"));
  CHECK_FALSE(normaliseEmail("li wei@example.com"));
  CHECK_FALSE(normaliseEmail("a@b.com, c@d.com"));
}

TEST_CASE("an address is an email when it has an @, else a phone", "[store][address]") {
  auto email = normaliseAddress("Ann@Example.com", "GB");
  REQUIRE(email);
  CHECK(email->kind == ContactAddress::Kind::Email);
  auto phone = normaliseAddress("020 7946 0958", "GB");
  REQUIRE(phone);
  CHECK(phone->kind == ContactAddress::Kind::Phone);
  CHECK(phone->value == "+442079460958");
  CHECK_FALSE(normaliseAddress("not a number", "GB"));
}
