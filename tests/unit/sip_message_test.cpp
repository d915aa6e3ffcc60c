#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "telephony/sip/sip_builder.h"
#include "telephony/sip/sip_message.h"

using namespace frontline::telephony;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(FRONTLINE_SOURCE_DIR) / "tests" / "data" / "sip" / "messages";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<fs::path> corpus() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kCorpus)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("SIP corpus: valid messages parse; malformed ones get the status in their name", "[sip][corpus]") {
  int valid = 0;
  int malformed = 0;
  for (const auto& path : corpus()) {
    const std::string name = path.filename().string();
    INFO(name);
    auto parsed = parseSipDatagram(slurp(path), SipLimits{});
    if (name.rfind("valid_", 0) == 0) {
      ++valid;
      REQUIRE(std::holds_alternative<SipMessage>(parsed));
      const auto& m = std::get<SipMessage>(parsed);
      CHECK(m.isRequest);
      CHECK_FALSE(m.callId().empty());
      CHECK_FALSE(m.topViaBranch().empty());
    } else {
      ++malformed;
      REQUIRE(std::holds_alternative<SipParseError>(parsed));
      CHECK(std::get<SipParseError>(parsed).status == std::stoi(name.substr(0, 3)));
      CHECK_FALSE(std::get<SipParseError>(parsed).reason.empty());
    }
  }
  CHECK(valid >= 8);
  CHECK(malformed >= 20);
}

// What each cut must get: without the blank line that ends the header block, or with less
// body than Content-Length declares, the datagram is incomplete and is refused with a
// status (RFC 3261 18.3); only a cut that keeps all of a valid message may parse, and then
// it parses to the same message.
TEST_CASE("SIP corpus: every truncation of every message gets what its bytes deserve", "[sip][corpus]") {
  int cuts = 0;
  for (const auto& path : corpus()) {
    const std::string bytes = slurp(path);
    INFO(path.filename().string());
    const auto whole = parseSipDatagram(bytes, SipLimits{});
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      const std::string_view cut = std::string_view(bytes).substr(0, n);
      INFO("cut at " << n);
      auto parsed = parseSipDatagram(cut, SipLimits{});
      const auto headerEnd = cut.find("\r\n\r\n");
      if (headerEnd == std::string_view::npos) {
        REQUIRE(std::holds_alternative<SipParseError>(parsed));
        CHECK(std::get<SipParseError>(parsed).status >= 400);
        ++cuts;
        continue;
      }
      if (!std::holds_alternative<SipMessage>(whole)) {
        CHECK(std::holds_alternative<SipParseError>(parsed));  // a bad message never becomes good by cutting
        continue;
      }
      const auto& full = std::get<SipMessage>(whole);
      const std::string* declared = full.header("Content-Length");
      const std::size_t bodyKept = n - (headerEnd + 4);
      if (declared && bodyKept < std::stoul(*declared)) {
        REQUIRE(std::holds_alternative<SipParseError>(parsed));
        CHECK(std::get<SipParseError>(parsed).status == 400);
        ++cuts;
      } else if (auto* m = std::get_if<SipMessage>(&parsed)) {
        CHECK(m->callId() == full.callId());  // only trailing bytes beyond the body were cut
        CHECK(m->method == full.method);
      }
    }
  }
  CHECK(cuts > 1000);
}

TEST_CASE("SIP over TCP: framing by Content-Length, fed byte by byte", "[sip][corpus]") {
  const std::string one = slurp(kCorpus / "valid_invite.sip");
  const std::string two = slurp(kCorpus / "valid_options.sip");
  const std::string stream = "\r\n" + one + two;  // a keep-alive CRLF first
  std::string buffer;
  std::vector<std::string> frames;
  for (char c : stream) {
    buffer.push_back(c);
    while (true) {
      auto frame = sipFrameLength(buffer, SipLimits{});
      REQUIRE(std::holds_alternative<std::size_t>(frame));
      const std::size_t n = std::get<std::size_t>(frame);
      if (n == 0) break;
      if (buffer.find_first_not_of("\r\n") >= n) {
        buffer.erase(0, n);  // keep-alive
        continue;
      }
      frames.push_back(buffer.substr(0, n));
      buffer.erase(0, n);
    }
  }
  REQUIRE(frames.size() == 2);
  CHECK(frames[0] == one);
  CHECK(frames[1] == two);
  CHECK(buffer.empty());
}

TEST_CASE("SIP over TCP: Content-Length is required and bounded", "[sip]") {
  SipLimits small;
  small.maxMessageBytes = 100;
  auto noLength = sipFrameLength("INVITE sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n", SipLimits{});
  REQUIRE(std::holds_alternative<SipParseError>(noLength));
  CHECK_THAT(std::get<SipParseError>(noLength).reason, Catch::Contains("Content-Length"));
  auto tooBig = sipFrameLength("INVITE sip:a@b SIP/2.0\r\nContent-Length: 5000\r\n\r\n", small);
  REQUIRE(std::holds_alternative<SipParseError>(tooBig));
  CHECK(std::get<SipParseError>(tooBig).status == 413);
  auto endless = sipFrameLength(std::string(20000, 'A'), SipLimits{});
  CHECK(std::holds_alternative<SipParseError>(endless));  // no end of headers within the limit
}

TEST_CASE("SIP: an oversized datagram is refused", "[sip]") {
  SipLimits small;
  small.maxMessageBytes = 200;
  auto parsed = parseSipDatagram(slurp(kCorpus / "valid_invite.sip"), small);
  REQUIRE(std::holds_alternative<SipParseError>(parsed));
  CHECK(std::get<SipParseError>(parsed).status == 413);
}

TEST_CASE("SIP: caller identity from name-addrs", "[sip]") {
  auto a = parseNameAddr(R"("Smith, \"Ann\"" <sip:+442079460958@pbx.example;user=phone>;tag=abc)");
  REQUIRE(a);
  CHECK(a->displayName == "Smith, \"Ann\"");
  CHECK(a->user == "+442079460958");
  CHECK(a->tag == "abc");
  auto tel = parseNameAddr("<tel:+8613812345678;phone-context=+86>");
  REQUIRE(tel);
  CHECK(tel->user == "+8613812345678");
  auto bare = parseNameAddr("sip:02079460958@10.0.0.1;tag=9");
  REQUIRE(bare);
  CHECK(bare->user == "02079460958");
  CHECK(bare->tag == "9");
  auto anon = parseNameAddr(R"("Anonymous" <sip:anonymous@anonymous.invalid>;tag=1)");
  REQUIRE(anon);
  CHECK(anon->user == "anonymous");
  CHECK_FALSE(parseNameAddr("<unterminated"));
  CHECK_FALSE(parseNameAddr(""));
}

TEST_CASE("SIP: compact forms, folding and multi-value headers", "[sip]") {
  auto parsed = parseSipDatagram(slurp(kCorpus / "valid_compact_forms.sip"), SipLimits{});
  REQUIRE(std::holds_alternative<SipMessage>(parsed));
  const auto& m = std::get<SipMessage>(parsed);
  CHECK(m.callId() == "compact@x");
  CHECK(m.header("From"));
  CHECK(m.header("Content-Length"));
  auto folded = std::get<SipMessage>(parseSipDatagram(slurp(kCorpus / "valid_folded_header.sip"), SipLimits{}));
  CHECK(*folded.header("Subject") == "first part continued here");
  auto pai = std::get<SipMessage>(parseSipDatagram(slurp(kCorpus / "valid_pai.sip"), SipLimits{}));
  CHECK(pai.all("P-Asserted-Identity").size() == 2);
}

TEST_CASE("SIP responses copy the request's dialog headers and add our tag", "[sip]") {
  auto invite = std::get<SipMessage>(parseSipDatagram(slurp(kCorpus / "valid_invite.sip"), SipLimits{}));
  const std::string r = buildSipResponse(invite, 180, "Ringing", "ourtag");
  CHECK(r.rfind("SIP/2.0 180 Ringing\r\n", 0) == 0);
  auto parsed = parseSipDatagram(r, SipLimits{});
  REQUIRE(std::holds_alternative<SipMessage>(parsed));
  const auto& resp = std::get<SipMessage>(parsed);
  CHECK(resp.status == 180);
  CHECK(resp.callId() == invite.callId());
  CHECK(resp.topViaBranch() == invite.topViaBranch());
  CHECK(headerParam(*resp.header("To"), "tag") == "ourtag");
  CHECK(resp.cseq()->second == "INVITE");
  const std::string trying = buildSipResponse(invite, 100, "Trying", "ourtag");
  CHECK(trying.find("tag=ourtag") == std::string::npos);  // 100 Trying creates no dialog
}

TEST_CASE("our BYE is a well-formed request within the dialog", "[sip]") {
  DialogForBye d{"sip:+442079460958@192.0.2.10:5060",
                 "<sip:support@frontline.example>;tag=ours",
                 "\"Ann\" <sip:+442079460958@192.0.2.10>;tag=theirs",
                 "call-9@x",
                 1,
                 "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKbye1",
                 {}};
  auto parsed = parseSipDatagram(buildBye(d), SipLimits{});
  REQUIRE(std::holds_alternative<SipMessage>(parsed));
  const auto& m = std::get<SipMessage>(parsed);
  CHECK(m.method == "BYE");
  CHECK(m.uri == d.remoteTarget);
  CHECK(headerParam(*m.header("From"), "tag") == "ours");
  CHECK(headerParam(*m.header("To"), "tag") == "theirs");
}
