#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "telephony/smtp/email_parser.h"
#include "telephony/smtp/smtp_client.h"
#include "telephony/smtp/smtp_session.h"

using namespace frontline::telephony;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(FRONTLINE_SOURCE_DIR) / "tests" / "data";

std::string unescape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char c = text[++i];
      if (c == 'r')
        out.push_back('\r');
      else if (c == 'n')
        out.push_back('\n');
      else if (c == 'x' && i + 2 < text.size()) {
        out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
        i += 2;
      } else
        out.push_back(c);
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// The final line of each reply ("250-a", "250 b" is one reply), split from raw output.
std::vector<std::string> replyCodes(const std::string& raw) {
  std::vector<std::string> codes;
  std::istringstream in(raw);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() >= 4 && line[3] == ' ') codes.push_back(line.substr(0, 3));
  }
  return codes;
}

struct Script {
  SmtpSession::Protocol protocol = SmtpSession::Protocol::Smtp;
  SmtpLimits limits;
  std::vector<std::pair<char, std::string>> steps;  // '>' client line, '<' expected code, '!' assertion
};

Script readScript(const fs::path& path) {
  Script s;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# protocol: lmtp", 0) == 0)
      s.protocol = SmtpSession::Protocol::Lmtp;
    else if (line.rfind("# max_errors: ", 0) == 0)
      s.limits.maxErrors = std::stoi(line.substr(14));
    else if (line.rfind("# max_recipients: ", 0) == 0)
      s.limits.maxRecipients = std::stoi(line.substr(18));
    else if (line.rfind("# max_message_bytes: ", 0) == 0)
      s.limits.maxMessageBytes = std::stoul(line.substr(21));
    else if (line.rfind("# max_line_bytes: ", 0) == 0)
      s.limits.maxLineBytes = std::stoul(line.substr(18));
    else if (!line.empty() && (line[0] == '>' || line[0] == '<' || line[0] == '!')) {
      s.steps.emplace_back(line[0], line.size() > 2 ? line.substr(2) : std::string());
    }
  }
  return s;
}

// Feeds the session, committing every completed message; returns all reply bytes.
std::string run(SmtpSession& session, std::string_view bytes, std::vector<SmtpMessage>* messages = nullptr) {
  auto out = session.feed(bytes);
  std::string replies = out.replies;
  while (out.message) {
    if (messages) messages->push_back(*out.message);
    out = session.messageCommitted(true, "test-queue-id");
    replies += out.replies;
  }
  return replies;
}

std::string clientBytes(const Script& s) {
  std::string bytes;
  for (const auto& [kind, text] : s.steps) {
    if (kind == '>') bytes += unescape(text) + "\r\n";
  }
  return bytes;
}

bool wellFormed(const std::string& replies) {
  static const std::regex kLine("^[2-5][0-9][0-9][ -][^\r\n]*$");
  std::istringstream in(replies);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!std::regex_match(line, kLine)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("SMTP session corpus: every scripted session gets the expected reply codes", "[smtp][corpus]") {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kCorpus / "smtp")) {
    if (entry.path().extension() != ".session") continue;
    ++files;
    const Script script = readScript(entry.path());
    SECTION(entry.path().filename().string()) {
      SmtpSession session(script.protocol, script.limits, "test.local");
      std::vector<std::string> pending;
      for (const auto& [kind, text] : script.steps) {
        if (kind == '>') {
          auto codes = replyCodes(run(session, unescape(text) + "\r\n"));
          pending.insert(pending.end(), codes.begin(), codes.end());
        } else if (kind == '<') {
          INFO("expected " << text << " after the lines before it");
          REQUIRE_FALSE(pending.empty());
          CHECK(pending.front() == text);
          pending.erase(pending.begin());
        } else if (text == "closed") {
          CHECK(session.closed());
        }
      }
      CHECK(pending.empty());
    }
  }
  CHECK(files >= 8);
}

TEST_CASE("SMTP: a session fed byte by byte answers exactly as one fed all at once", "[smtp][corpus]") {
  for (const auto& entry : fs::directory_iterator(kCorpus / "smtp")) {
    if (entry.path().extension() != ".session") continue;
    const Script script = readScript(entry.path());
    const std::string bytes = clientBytes(script);
    SmtpSession whole(script.protocol, script.limits, "test.local");
    SmtpSession bytewise(script.protocol, script.limits, "test.local");
    std::vector<SmtpMessage> wholeMessages, bytewiseMessages;
    const std::string a = run(whole, bytes, &wholeMessages);
    std::string b;
    for (char c : bytes) b += run(bytewise, std::string_view(&c, 1), &bytewiseMessages);
    INFO(entry.path().filename().string());
    CHECK(a == b);
    REQUIRE(wholeMessages.size() == bytewiseMessages.size());
    for (std::size_t i = 0; i < wholeMessages.size(); ++i) CHECK(wholeMessages[i].data == bytewiseMessages[i].data);
  }
}

TEST_CASE("SMTP: every truncation of every corpus session is answered with well-formed replies", "[smtp][corpus]") {
  for (const auto& entry : fs::directory_iterator(kCorpus / "smtp")) {
    if (entry.path().extension() != ".session") continue;
    const Script script = readScript(entry.path());
    const std::string bytes = clientBytes(script);
    for (std::size_t n = 0; n <= bytes.size(); ++n) {
      SmtpSession session(script.protocol, script.limits, "test.local");
      const std::string replies = run(session, std::string_view(bytes).substr(0, n));
      if (!wellFormed(replies)) FAIL(entry.path().filename().string() << " truncated at " << n << ": " << replies);
    }
  }
}

TEST_CASE("SMTP: dot-unstuffing and the message held until committed", "[smtp]") {
  SmtpSession s(SmtpSession::Protocol::Smtp, {}, "test.local");
  auto out = s.feed("EHLO x\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<d@e.f>\r\nDATA\r\n..dot\r\nplain\r\n.\r\nNOOP\r\n");
  REQUIRE(out.message);
  CHECK(out.message->data == ".dot\r\nplain\r\n");
  CHECK(out.message->envelopeFrom == "a@b.c");
  CHECK(out.message->recipients == std::vector<std::string>{"d@e.f"});
  CHECK(out.replies.find("250 2.0.0 Ok: queued") == std::string::npos);  // not before the commit
  CHECK(out.replies.find("354") != std::string::npos);
  CHECK(s.awaitingCommit());
  auto more = s.feed("NOOP\r\n");  // pipelined input waits
  CHECK(more.replies.empty());
  auto done = s.messageCommitted(true, "abc");
  CHECK(replyCodes(done.replies) == std::vector<std::string>{"250", "250", "250"});
  CHECK(done.replies.find("queued as abc") != std::string::npos);
}

TEST_CASE("SMTP: a failed commit is a temporary error, never a 250", "[smtp]") {
  SmtpSession s(SmtpSession::Protocol::Smtp, {}, "test.local");
  auto out = s.feed("HELO x\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<d@e.f>\r\nDATA\r\nhi\r\n.\r\n");
  REQUIRE(out.message);
  auto done = s.messageCommitted(false, "disk full");
  CHECK(replyCodes(done.replies) == std::vector<std::string>{"451"});
}

TEST_CASE("email parser: corpus emails decode to UTF-8", "[smtp][email]") {
  std::ifstream in(kCorpus / "email" / "gb2312_multipart.eml", std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ReceivedEmail e;
  parseEmail(raw, e);
  CHECK(e.subject == "关于我的订单退款");
  CHECK(e.fromName == "王芳");
  CHECK(e.messageId == "gb2312-multipart-1@example.cn");
  CHECK(e.bodyText.find("我的订单还没有到") != std::string::npos);
  CHECK_FALSE(e.bodyFromHtml);
  REQUIRE(e.attachments.size() == 1);
  CHECK(e.attachments[0].name == "receipt.pdf");
  CHECK(e.attachments[0].sizeBytes == 220);
}

TEST_CASE("email parser: threading headers", "[smtp][email]") {
  ReceivedEmail e;
  parseEmail("From: a@b.c\r\nMessage-ID: <m2@x>\r\nIn-Reply-To: <m1@x>\r\nReferences: <m0@x> <m1@x>\r\n\r\nhi\r\n", e);
  CHECK(e.messageId == "m2@x");
  CHECK(e.inReplyTo == "m1@x");
  CHECK(e.references == std::vector<std::string>{"m0@x", "m1@x"});
  CHECK(e.bodyText == "hi");
}

TEST_CASE("email parser: malformed and truncated emails never crash", "[smtp][email]") {
  std::ifstream in(kCorpus / "email" / "gb2312_multipart.eml", std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (std::size_t n = 0; n <= raw.size(); n += 7) {
    ReceivedEmail e;
    parseEmail(std::string_view(raw).substr(0, n), e);
    CHECK(e.sizeBytes == n);
  }
  for (const char* bad : {"", "\r\n", "no headers at all", "From:\r\n\r\n", "Subject: =?GB2312?B?!!!?=\r\n\r\nx",
                          "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n--\r\n",
                          "Content-Type: text/plain; charset=NOPE\r\n\r\n\xff\xfe"}) {
    ReceivedEmail e;
    parseEmail(bad, e);
    SUCCEED();
  }
}

TEST_CASE("HTML is reduced to readable text", "[smtp][email]") {
  CHECK(htmlToText("<p>Hello&nbsp;<b>Ann</b></p><p>Bye</p>") == "Hello Ann\nBye");
  CHECK(htmlToText("<style>p{x:y}</style>a &amp; b &lt;c&gt;") == "a & b <c>");
  CHECK(htmlToText("line<br>next") == "line\nnext");
  CHECK(htmlToText("<unclosed") == "");
}

TEST_CASE("HTML mail: every named and numeric entity, hidden parts, broken markup", "[smtp][email]") {
  // Named entities beyond the five of XML, decimal and hexadecimal references.
  CHECK(htmlToText("Caf&eacute; &euro;12 &hellip; &mdash; &copy;") == "Caf\u00e9 \u20ac12 \u2026 \u2014 \u00a9");
  CHECK(htmlToText("&#8364;&#x20AC; &#20320;&#22909;") == "\u20ac\u20ac \u4f60\u597d");
  // Head, title, scripts, styles and comments are not what the customer wrote.
  CHECK(
      htmlToText("<html><head><title>Order</title><style>b{}</style></head>"
                 "<body><!-- tracking --><script>var x = '<p>no</p>';</script><p>My order is late</p></body></html>") ==
      "My order is late");
  // Lines from block elements, white space collapsed inside them.
  CHECK(htmlToText("<div>Dear   team,</div><ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr>"
                   "<tr><td>c</td></tr></table>") == "Dear team,\none\ntwo\na b\nc");
  // A stray '<' and unclosed tags, as mail clients write them.
  CHECK(htmlToText("<p>3 < 4 and <b>bold") == "3 < 4 and bold");
  // Nesting as deep as real mail gets keeps the text; absurd nesting from an untrusted
  // sender does not crash (libxml2 stops at 256 levels).
  std::string nested = "top";
  for (int i = 0; i < 200; ++i) nested += "<blockquote>";
  nested += "bottom";
  CHECK(htmlToText(nested) == "top\nbottom");
  std::string deep = "top";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "bottom";
  CHECK(htmlToText(deep).rfind("top", 0) == 0);
}

TEST_CASE("outgoing mail: encoded words and folded headers that read back exactly", "[smtp][email]") {
  OutgoingEmail out;
  out.messageId = "reply-1@frontline.example";
  out.fromAddress = "service@shop.example";
  out.fromName = "客户服务部 \"Support\"";
  out.to = "wang.fang@example.cn";
  out.toName = "王芳";
  // 120 Chinese characters (360 octets of UTF-8): one encoded word would be a 500-octet line.
  std::string subject;
  const std::string phrase = "您的订单已经发货请注意查收谢谢";  // 15 characters
  for (int i = 0; i < 8; ++i) subject += phrase;
  out.subject = "Re: " + subject;
  out.body = "您好，\n包裹明天到。\n.a line that starts with a dot\n";
  out.inReplyTo = "orig-3@example.cn";
  out.references = {"orig-1@example.cn", "orig-2@example.cn", "orig-3@example.cn"};
  out.dateUs = 1'790'000'000'000'000;
  const std::string raw = formatEmail(out);

  // Every line ends in CRLF and none is longer than 78 octets (RFC 5322 2.1.1).
  std::size_t longest = 0;
  std::size_t subjectLines = 0;
  bool inSubject = false;
  for (std::size_t from = 0, crlf; (crlf = raw.find("\r\n", from)) != std::string::npos; from = crlf + 2) {
    const std::string line = raw.substr(from, crlf - from);
    CHECK(line.find('\n') == std::string::npos);
    longest = std::max(longest, line.size());
    if (line.rfind("Subject:", 0) == 0)
      inSubject = true;
    else if (!line.empty() && line[0] != ' ' && line[0] != '\t')
      inSubject = false;
    if (inSubject) ++subjectLines;
  }
  INFO(raw);
  CHECK(longest <= 78);
  CHECK(subjectLines >= 5);
  // Encoded words of at most 75 characters (RFC 2047 2).
  for (std::size_t at = 0; (at = raw.find("=?", at)) != std::string::npos;) {
    const auto end = raw.find("?=", raw.find('?', raw.find('?', at + 2) + 1) + 1);
    REQUIRE(end != std::string::npos);
    CHECK(end + 2 - at <= 75);
    at = end + 2;
  }

  ReceivedEmail back;
  parseEmail(raw, back);
  CHECK(back.subject == out.subject);
  CHECK(back.fromName == out.fromName);
  CHECK(back.fromAddress == out.fromAddress);
  CHECK(back.to == std::vector<std::string>{out.to});
  CHECK(back.messageId == out.messageId);
  CHECK(back.inReplyTo == out.inReplyTo);
  CHECK(back.references == out.references);
  CHECK(back.bodyText == "您好，\n包裹明天到。\n.a line that starts with a dot");
}

TEST_CASE("outgoing subjects of mixed scripts read back exactly, every line within 78 octets", "[smtp][email]") {
  std::string longLatin;
  for (int i = 0; i < 12; ++i) longLatin += "Réclamation numéro " + std::to_string(i) + " ";
  for (const std::string& subject : {std::string("订单 12345 已经发货 😀 thanks, 王 先生"), longLatin,
                                     std::string("Re: Re: ") + "退款" + std::string(200, 'x'),
                                     std::string("plain ASCII"), std::string("😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀")}) {
    OutgoingEmail out;
    out.messageId = "m@x";
    out.fromAddress = "a@x";
    out.fromName = subject.substr(0, 40);
    out.to = "b@x";
    out.subject = subject;
    out.body = "x";
    const std::string raw = formatEmail(out);
    INFO(raw);
    for (std::size_t from = 0, crlf; (crlf = raw.find("\r\n", from)) != std::string::npos; from = crlf + 2) {
      // A plain ASCII word longer than a line cannot be folded (RFC 5322 allows up to 998).
      if (subject.find(std::string(200, 'x')) == std::string::npos) CHECK(crlf - from <= 78);
    }
    ReceivedEmail back;
    parseEmail(raw, back);
    CHECK(back.subject == subject);
  }
}
