#include <catch2/catch.hpp>

#include "telephony/network_address.h"

using namespace frontline::telephony;

TEST_CASE("listen addresses parse IPv4 and bracketed IPv6", "[telephony][address]") {
  auto v4 = parseListenAddress("127.0.0.1:5060");
  REQUIRE(std::holds_alternative<ListenAddress>(v4));
  CHECK(std::get<ListenAddress>(v4).port == 5060);
  CHECK(std::get<ListenAddress>(v4).toString() == "127.0.0.1:5060");
  auto v6 = parseListenAddress("[::1]:2525");
  REQUIRE(std::holds_alternative<ListenAddress>(v6));
  CHECK(std::get<ListenAddress>(v6).toString() == "[::1]:2525");
}

TEST_CASE("bad listen addresses say what is wrong", "[telephony][address]") {
  for (const char* bad : {"", "127.0.0.1", "localhost:5060", "127.0.0.1:99999", "127.0.0.1:x", "::1:5060", "[::1]"}) {
    INFO(bad);
    auto parsed = parseListenAddress(bad);
    REQUIRE(std::holds_alternative<std::string>(parsed));
    CHECK_FALSE(std::get<std::string>(parsed).empty());
  }
}

TEST_CASE("CIDR blocks contain exactly their addresses", "[telephony][cidr]") {
  auto loopback = std::get<CidrBlock>(parseCidr("127.0.0.0/8"));
  CHECK(loopback.contains(asio::ip::make_address("127.0.0.1")));
  CHECK(loopback.contains(asio::ip::make_address("127.255.255.254")));
  CHECK_FALSE(loopback.contains(asio::ip::make_address("128.0.0.1")));
  CHECK(loopback.contains(asio::ip::make_address("::ffff:127.0.0.1")));  // IPv4 on a dual-stack socket
  CHECK_FALSE(loopback.contains(asio::ip::make_address("::1")));

  auto host = std::get<CidrBlock>(parseCidr("10.1.2.3"));
  CHECK(host.toString() == "10.1.2.3/32");
  CHECK(host.contains(asio::ip::make_address("10.1.2.3")));
  CHECK_FALSE(host.contains(asio::ip::make_address("10.1.2.4")));

  auto v6 = std::get<CidrBlock>(parseCidr("2001:db8::1/32"));
  CHECK(v6.toString() == "2001:db8::/32");
  CHECK(v6.contains(asio::ip::make_address("2001:db8:ffff::1")));
  CHECK_FALSE(v6.contains(asio::ip::make_address("2001:db9::1")));

  auto all = std::get<CidrBlock>(parseCidr("0.0.0.0/0"));
  CHECK(all.contains(asio::ip::make_address("203.0.113.9")));
  CHECK_FALSE(all.contains(asio::ip::make_address("2001:db8::1")));

  // Host bits are cleared; prefixes that do not fall on a byte boundary.
  CHECK(std::get<CidrBlock>(parseCidr("10.1.2.3/8")).toString() == "10.0.0.0/8");
  auto pair = std::get<CidrBlock>(parseCidr("10.0.0.0/31"));
  CHECK(pair.contains(asio::ip::make_address("10.0.0.1")));
  CHECK_FALSE(pair.contains(asio::ip::make_address("10.0.0.2")));
  auto odd6 = std::get<CidrBlock>(parseCidr("fd00:8000::/17"));
  CHECK(odd6.toString() == "fd00:8000::/17");
  CHECK(odd6.contains(asio::ip::make_address("fd00:ffff::1")));
  CHECK_FALSE(odd6.contains(asio::ip::make_address("fd00:7fff::1")));
  auto any6 = std::get<CidrBlock>(parseCidr("::/0"));
  CHECK(any6.contains(asio::ip::make_address("::1")));
  CHECK_FALSE(any6.contains(asio::ip::make_address("127.0.0.1")));
}

TEST_CASE("bad CIDR text is an error, not an exception", "[telephony][cidr]") {
  for (const char* bad : {"", "/8", "127.0.0.0/33", "::1/129", "127.0.0.0/-1", "127.0.0.0/8x", "example.com/8"}) {
    INFO(bad);
    CHECK(std::holds_alternative<std::string>(parseCidr(bad)));
  }
}
