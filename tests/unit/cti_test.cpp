#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "telephony/cti/cti_event_parser.h"
#include "telephony/cti/http_request.h"

using namespace frontline::telephony;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(FRONTLINE_SOURCE_DIR) / "tests" / "data" / "http";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("HTTP corpus: valid requests parse, malformed ones get a typed error", "[cti][corpus]") {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() != ".http") continue;
    ++files;
    const std::string name = entry.path().filename().string();
    INFO(name);
    HttpRequestParser parser({});
    auto request = parser.next(slurp(entry.path()));
    if (name.rfind("valid_", 0) == 0) {
      REQUIRE(request);
      CHECK(request->method == "POST");
      CHECK(request->target == "/api/v1/cti/t");
      CHECK_FALSE(request->body.empty());
      CHECK(std::holds_alternative<CtiEvent>(parseCtiEvent(*request->header("content-type"), request->body)));
    } else {
      CHECK_FALSE(request);
      REQUIRE(parser.error());
      CHECK((parser.error()->status == 400 || parser.error()->status == 413 || parser.error()->status == 431));
    }
  }
  CHECK(files >= 10);
}

TEST_CASE("HTTP corpus: no truncation yields a request or a crash", "[cti][corpus]") {
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() != ".http") continue;
    const std::string bytes = slurp(entry.path());
    const bool valid = entry.path().filename().string().rfind("valid_", 0) == 0;
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      HttpRequestParser parser({});
      auto request = parser.next(std::string_view(bytes).substr(0, n));
      if (valid && request) FAIL(entry.path().filename().string() << " gave a request when cut at " << n);
    }
  }
}

TEST_CASE("HTTP: a request fed byte by byte equals one fed at once; pipelined requests come one by one", "[cti]") {
  const std::string one = slurp(kCorpus / "valid_json.http");
  HttpRequestParser whole({});
  auto a = whole.next(one);
  REQUIRE(a);
  HttpRequestParser bytewise({});
  std::optional<HttpRequest> b;
  for (char c : one) {
    if (auto r = bytewise.next(std::string_view(&c, 1))) b = r;
  }
  REQUIRE(b);
  CHECK(a->body == b->body);
  CHECK(a->headers == b->headers);

  HttpRequestParser pipelined({});
  auto first = pipelined.next(one + slurp(kCorpus / "valid_form.http"));
  REQUIRE(first);
  CHECK(first->header("content-type")->find("json") != std::string::npos);
  auto second = pipelined.next();
  REQUIRE(second);
  CHECK(second->body.find("event=answer") == 0);
  CHECK_FALSE(pipelined.next());
}

TEST_CASE("HTTP: header and body limits", "[cti]") {
  HttpLimits small;
  small.maxHeaderBytes = 64;
  small.maxBodyBytes = 10;
  HttpRequestParser headers(small);
  CHECK_FALSE(headers.next("POST /x HTTP/1.1\r\nX-Long: " + std::string(100, 'v') + "\r\n\r\n"));
  REQUIRE(headers.error());
  CHECK(headers.error()->status == 431);
  HttpRequestParser body(small);
  CHECK_FALSE(
      body.next("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n" + std::string(32, 'b') + "\r\n"));
  REQUIRE(body.error());
  CHECK(body.error()->status == 413);
}

TEST_CASE("CTI events from JSON and forms", "[cti]") {
  auto json = parseCtiEvent("application/json; charset=utf-8",
                            R"({"event":"newCall","from":"+4420","to":"+4421","direction":"in","callId":"c1",)"
                            R"("user":["a","b"],"queue":"sales"})");
  REQUIRE(std::holds_alternative<CtiEvent>(json));
  const auto& e = std::get<CtiEvent>(json);
  CHECK(e.kind == CtiEvent::Kind::NewCall);
  CHECK(e.users == std::vector<std::string>{"a", "b"});
  CHECK(e.queue == "sales");

  auto form = parseCtiEvent("application/x-www-form-urlencoded",
                            "event=hangup&callId=c%201&cause=noAnswer&user%5B%5D=a&user[]=b&from=%2B4420");
  REQUIRE(std::holds_alternative<CtiEvent>(form));
  const auto& f = std::get<CtiEvent>(form);
  CHECK(f.kind == CtiEvent::Kind::Hangup);
  CHECK(f.callId == "c 1");
  CHECK(f.from == "+4420");
  CHECK(f.users == std::vector<std::string>{"a", "b"});
  CHECK(f.direction == "in");

  auto single = parseCtiEvent("application/json", R"({"event":"answer","callId":"c1","user":"a"})");
  CHECK(std::get<CtiEvent>(single).users == std::vector<std::string>{"a"});
}

TEST_CASE("CTI bodies with a wrong field name the field", "[cti]") {
  auto error = [](std::string_view type, std::string_view body) {
    auto r = parseCtiEvent(type, body);
    return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : std::string("(parsed)");
  };
  CHECK_THAT(error("application/json", R"({"event":"ring","callId":"1"})"), Catch::Contains("'event'"));
  CHECK_THAT(error("application/json", R"({"event":"answer"})"), Catch::Contains("'callId'"));
  CHECK_THAT(error("application/json", R"({"event":"answer","callId":"1","direction":"sideways"})"),
             Catch::Contains("'direction'"));
  CHECK_THAT(error("application/json", R"({"event":"answer","callId":{"x":1}})"), Catch::Contains("'callId'"));
  CHECK_THAT(error("application/json", "[1,2]"), Catch::Contains("object"));
  CHECK_THAT(error("application/json", "{"), Catch::Contains("not valid JSON"));
  CHECK_THAT(error("application/x-www-form-urlencoded", "event=answer&callId=%zz"), Catch::Contains("percent"));
  CHECK_THAT(error("application/x-www-form-urlencoded", "event=answer&callId=%4"), Catch::Contains("percent"));
  CHECK_THAT(error("text/plain", "event=answer"), Catch::Contains("Content-Type"));
  CHECK_THAT(error("application/json", R"({"event":"answer","callId":")" + std::string(300, 'x') + "\"}"),
             Catch::Contains("longer than"));
}

TEST_CASE("a CTI transcript line: speaker and text, a longer text than other fields, wrong ones named", "[cti]") {
  auto json = parseCtiEvent(
      "application/json",
      R"({"event":"transcript","callId":"c1","speaker":"customer","text":"I have been waiting an hour! 我等了一个小时"})");
  REQUIRE(std::holds_alternative<CtiEvent>(json));
  const auto& e = std::get<CtiEvent>(json);
  CHECK(e.kind == CtiEvent::Kind::Transcript);
  CHECK(e.callId == "c1");
  CHECK(e.speaker == "customer");
  CHECK(e.text == "I have been waiting an hour! 我等了一个小时");
  const std::string longLine(kMaxTranscriptBytes, 'a');
  auto form =
      parseCtiEvent("application/x-www-form-urlencoded", "event=transcript&callId=c1&speaker=agent&text=" + longLine);
  REQUIRE(std::holds_alternative<CtiEvent>(form));
  CHECK(std::get<CtiEvent>(form).text.size() == kMaxTranscriptBytes);

  auto error = [](std::string_view body) {
    auto r = parseCtiEvent("application/json", body);
    return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : std::string("(parsed)");
  };
  CHECK(error(R"({"event":"transcript","callId":"c1","text":"hello"})") == "'speaker' is missing");
  CHECK(error(R"({"event":"transcript","callId":"c1","speaker":"bot","text":"hello"})") ==
        "'speaker' must be customer or agent, not 'bot'");
  CHECK(error(R"({"event":"transcript","callId":"c1","speaker":"customer","text":"  "})") == "'text' is missing");
  CHECK(error(R"({"event":"transcript","speaker":"customer","text":"hi"})") == "'callId' is missing");
  CHECK(error(R"({"event":"transcript","callId":"c1","speaker":"customer","text":")" + longLine + "b\"}") ==
        "'text' is longer than 4096 bytes");
  CHECK(error(R"({"event":"ring","callId":"1"})") ==
        "'event' must be newCall, answer, hangup or transcript, not 'ring'");
}

TEST_CASE("the webhook token comparison", "[cti]") {
  CHECK(constantTimeEquals("s3cret", "s3cret"));
  CHECK_FALSE(constantTimeEquals("s3cret", "s3creT"));
  CHECK_FALSE(constantTimeEquals("s3cret", "s3cre"));
  CHECK_FALSE(constantTimeEquals("", "x"));
  CHECK(constantTimeEquals("", ""));
}
