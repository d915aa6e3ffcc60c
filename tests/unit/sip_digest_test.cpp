// Digest answers to a PBX's challenge (RFC 2617, RFC 7616's worked examples) and the
// password file they come from.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "telephony/sip/sip_digest.h"

using namespace frontline::telephony;

namespace {
DigestChallenge challenge(std::string_view header) {
  auto parsed = parseDigestChallenge(header);
  if (auto* error = std::get_if<std::string>(&parsed)) FAIL(*error);
  return std::get<DigestChallenge>(parsed);
}
}  // namespace

TEST_CASE("a digest answer matches RFC 2617's worked example", "[sip][digest]") {
  const auto c = challenge(
      R"(Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", )"
      R"(opaque="5ccc069c403ebaf9f0171e9517f40e41")");
  CHECK(c.qopAuth);
  CHECK(c.opaque == "5ccc069c403ebaf9f0171e9517f40e41");
  const std::string h = digestAuthorization(c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b", 1);
  CHECK_THAT(h, Catch::Contains(R"(response="6629fae49393a05397450978507c4ef1")"));
  CHECK_THAT(h, Catch::Contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\""));
  CHECK_THAT(h, Catch::Contains(R"(opaque="5ccc069c403ebaf9f0171e9517f40e41")"));
  CHECK_THAT(h, Catch::StartsWith(R"(Digest username="Mufasa", realm="testrealm@host.com")"));
}

TEST_CASE("a digest answer matches RFC 7616's examples in MD5 and SHA-256", "[sip][digest]") {
  const std::string common =
      R"(realm="http-auth@example.org", qop="auth, auth-int", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", )"
      R"(opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")";
  const std::string cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
  const auto md5 = challenge("Digest " + common + ", algorithm=MD5");
  CHECK_THAT(digestAuthorization(md5, "Mufasa", "Circle of Life", "GET", "/dir/index.html", cnonce, 1),
             Catch::Contains(R"(response="8ca523f5e9506fed4657c9700eebdbec")"));
  const auto sha = challenge("Digest " + common + ", algorithm=SHA-256");
  CHECK_THAT(digestAuthorization(sha, "Mufasa", "Circle of Life", "GET", "/dir/index.html", cnonce, 1),
             Catch::Contains(R"(response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")"));
}

TEST_CASE("a challenge without qop is answered without cnonce; bad challenges say why", "[sip][digest]") {
  const auto c = challenge(R"(Digest realm="pbx.test",nonce="abc",stale=TRUE)");
  CHECK(c.stale);
  CHECK_FALSE(c.qopAuth);
  const std::string h = digestAuthorization(c, "agent07", "pw", "INVITE", "sip:100@pbx.test", "x", 1);
  CHECK_THAT(h, !Catch::Contains("cnonce"));
  CHECK_THAT(h, Catch::Contains(R"(uri="sip:100@pbx.test")"));

  auto error = [](std::string_view header) {
    auto parsed = parseDigestChallenge(header);
    return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : std::string("accepted");
  };
  CHECK(error(R"(Basic realm="x")") == "the challenge is not Digest");
  CHECK(error(R"(Digest realm="x")") == "the challenge has no nonce");
  CHECK_THAT(error(R"(Digest realm="x", nonce="n", algorithm=SHA-512-256)"), Catch::Contains("SHA-512-256"));
  CHECK_THAT(error(R"(Digest realm="x", nonce="n", qop="auth-int")"), Catch::Contains("qop=auth-int"));
  CHECK_THAT(error(R"(Digest realm="x", nonce="n)"), Catch::Contains("closing quote"));
  CHECK_THAT(error("Digest realm"), Catch::Contains("no value"));
}

TEST_CASE("the password file: accounts per realm, errors name the line, others may not read it", "[sip][digest]") {
  auto parsed = parseSipCredentials("# PBX accounts\n\npbx.test agent07 s3cret with spaces\n* fallback pw\r\n", "pw");
  REQUIRE(std::holds_alternative<SipCredentials>(parsed));
  const auto& accounts = std::get<SipCredentials>(parsed);
  REQUIRE(accounts.forRealm("pbx.test"));
  CHECK(accounts.forRealm("pbx.test")->password == "s3cret with spaces");
  CHECK(accounts.forRealm("other")->user == "fallback");
  CHECK(accounts.forRealm("other")->password == "pw");
  CHECK(std::get<std::string>(parseSipCredentials("pbx.test agent07\n", "/etc/pw")) ==
        "/etc/pw:1: expected REALM USER PASSWORD (use * as the realm for any realm)");
  CHECK_THAT(std::get<std::string>(parseSipCredentials("# nothing\n", "/etc/pw")), Catch::Contains("no account"));

  const auto path = std::filesystem::temp_directory_path() / "frontline-sip-passwords-test";
  std::ofstream(path) << "* agent07 pw\n";
  ::chmod(path.c_str(), 0644);
  CHECK(std::get<std::string>(loadSipCredentials(path.string())) ==
        path.string() + ": others may read it (mode 0644); it holds passwords: chmod 600 it");
  ::chmod(path.c_str(), 0600);
  CHECK(std::holds_alternative<SipCredentials>(loadSipCredentials(path.string())));
  std::filesystem::remove(path);
  CHECK_THAT(std::get<std::string>(loadSipCredentials(path.string())), Catch::Contains("cannot be read"));
}
