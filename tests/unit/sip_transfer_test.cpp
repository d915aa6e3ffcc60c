// Blind transfer's pure parts: the Refer-To URI from what the agent typed, the host of the
// caller's URI, and the outcome in a NOTIFY's message/sipfrag body.
#include <catch2/catch.hpp>

#include "telephony/sip/sip_transfer.h"

using namespace frontline::telephony;

TEST_CASE("the Refer-To URI: a bare extension goes to the domain, a SIP address as typed", "[sip][transfer]") {
  CHECK(referToUri("2001", "pbx.example").uri == "sip:2001@pbx.example");
  CHECK(referToUri("  2001 ", "pbx.example").uri == "sip:2001@pbx.example");
  CHECK(referToUri("+442079460000", "pbx.example").uri == "sip:+442079460000@pbx.example;user=phone");
  CHECK(referToUri("sales@other.example", "pbx.example").uri == "sip:sales@other.example");
  CHECK(referToUri("sip:sales@10.0.0.5:5070", "pbx.example").uri == "sip:sales@10.0.0.5:5070");
  CHECK(referToUri("*72", "pbx.example").uri == "sip:*72@pbx.example");
}

TEST_CASE("the Refer-To URI: what could break the header or go nowhere is refused with why", "[sip][transfer]") {
  CHECK_THAT(referToUri("", "pbx.example").error, Catch::Contains("type a number"));
  CHECK_THAT(referToUri("2001", "").error, Catch::Contains("sip.transfer_domain"));
  CHECK_THAT(referToUri("20 01", "pbx.example").error, Catch::Contains("not a number"));
  CHECK_THAT(referToUri("2001>\r\nX: y", "pbx.example").error, Catch::Contains("not a number"));
  CHECK_THAT(referToUri("2001@bad host", "pbx.example").error, Catch::Contains("not a host name"));
  CHECK_THAT(referToUri("@pbx.example", "x").error, Catch::Contains("no number or name"));
  CHECK(referToUri("2001;maddr=evil", "pbx.example").uri.empty());
  CHECK(referToUri(std::string(201, '1'), "pbx.example").uri.empty());
}

TEST_CASE("the host of a SIP URI", "[sip][transfer]") {
  CHECK(uriHost("sip:+442079460958@pbx.example;user=phone") == "pbx.example");
  CHECK(uriHost("sip:alice@10.0.0.1:5062") == "10.0.0.1:5062");
  CHECK(uriHost("sips:bob@secure.example>") == "secure.example");
  CHECK(uriHost("sip:pbx.example") == "pbx.example");
}

TEST_CASE("a NOTIFY's sipfrag: the status line of the transfer's call", "[sip][transfer]") {
  auto ok = parseSipFrag("SIP/2.0 200 OK\r\n");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(ok->reason == "OK");
  auto busy = parseSipFrag("\r\nSIP/2.0 486 Busy Here\r\nContact: <sip:x@y>\r\n");
  REQUIRE(busy);
  CHECK(busy->status == 486);
  CHECK(busy->reason == "Busy Here");
  auto bare = parseSipFrag("SIP/2.0 100");
  REQUIRE(bare);
  CHECK(bare->status == 100);
  CHECK(bare->reason.empty());
  CHECK_FALSE(parseSipFrag(""));
  CHECK_FALSE(parseSipFrag("SIP/2.0 2x0 OK"));
  CHECK_FALSE(parseSipFrag("SIP/2.0 099 Low"));
  CHECK_FALSE(parseSipFrag("SIP/2.0 2000 OK"));
  CHECK_FALSE(parseSipFrag("HTTP/1.1 200 OK"));
}

TEST_CASE("an attended transfer's Refer-To carries Replaces, escaped as a URI header", "[sip][transfer]") {
  CHECK(referToWithReplaces("sip:2002@pbx.example", "a84b4c76e66710@frontline", "314159", "9fxced76sl") ==
        "sip:2002@pbx.example?Replaces=a84b4c76e66710%40frontline%3Bto-tag%3D314159%3Bfrom-tag%3D9fxced76sl");
  // A number keeps its user=phone; a Call-ID with characters a header would split on is escaped.
  CHECK(referToWithReplaces("sip:+442079460000@pbx;user=phone", "x;y=z%w x", "a", "b") ==
        "sip:+442079460000@pbx;user=phone?Replaces=x%3By%3Dz%25w%20x%3Bto-tag%3Da%3Bfrom-tag%3Db");
}
