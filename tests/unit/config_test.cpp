#include <catch2/catch.hpp>

#include <fstream>

#include "app/config.h"
#include "test_support.h"

using namespace frontline;
using app::ConfigError;
using app::parseConfig;

namespace {
app::Config parse(const std::string& text) {
  return parseConfig(text, "frontline.toml", "/etc/frontline");
}
}  // namespace

TEST_CASE("an empty configuration gives the documented defaults", "[config]") {
  auto c = parse("");
  CHECK(c.agent.id == "agent-01");
  CHECK(c.agent.role == "agent");
  CHECK(c.store.path == "/etc/frontline/frontline.db");  // relative to the file's directory
  CHECK(c.central.url == "sqlite:///etc/frontline/frontline-central.db");
  CHECK(c.region.defaultPhoneRegion == "GB");
  CHECK(c.sip.listen == "127.0.0.1:5060");
  CHECK(c.smtp.listen == "127.0.0.1:2525");
  CHECK(c.lmtp.listen == "127.0.0.1:2424");
  CHECK(c.cti.listen == "127.0.0.1:8088");
  CHECK(c.sip.allow == std::vector<std::string>{"127.0.0.0/8", "::1/128"});
  CHECK_FALSE(c.desk.autoAnswer);
}

TEST_CASE("every documented key is read", "[config]") {
  auto c = parse(R"(
[agent]
id = "agent-07"
name = "王芳"
role = "supervisor"
[store]
path = "/var/lib/frontline/local.db"
[central]
url = "postgresql://frontline@db.example.com/frontline?sslmode=verify-full"
[region]
default_phone_region = "CN"
[sip]
listen = "0.0.0.0:5070"
allow = ["10.0.0.0/8"]
[smtp]
listen = "[::1]:2526"
relay = "mail.example.com:587"
reply_from = "help@shop.example"
reply_name = "Shop help"
[ui]
theme = "light"
scale = 1.5
[lmtp]
listen = "127.0.0.1:2425"
allow = []
[cti]
listen = "127.0.0.1:9000"
token = "s3cret-webhook-path"
allow = ["192.0.2.10"]
[desk]
auto_answer = true
email_response_minutes = 60
history_limit = 100000
order_limit = 100000
)");
  CHECK(c.agent.id == "agent-07");
  CHECK(c.agent.name == "王芳");
  CHECK(c.agent.role == "supervisor");
  CHECK(c.store.path == "/var/lib/frontline/local.db");
  CHECK(c.central.url.rfind("postgresql://", 0) == 0);
  CHECK(c.region.defaultPhoneRegion == "CN");
  CHECK(c.sip.listen == "0.0.0.0:5070");
  CHECK(c.sip.allow == std::vector<std::string>{"10.0.0.0/8"});
  CHECK(c.smtp.listen == "[::1]:2526");
  CHECK(c.lmtp.allow.empty());
  CHECK(c.ctiToken == "s3cret-webhook-path");
  CHECK(c.desk.autoAnswer);
  CHECK(c.desk.emailResponseMinutes == 60);
  CHECK(c.desk.historyLimit == 100000);
  CHECK(c.desk.orderLimit == 100000);
  CHECK(c.reply.relayHost == "mail.example.com");
  CHECK(c.reply.relayPort == 587);
  CHECK(c.reply.from == "help@shop.example");
  CHECK(c.reply.fromName == "Shop help");
  CHECK(c.ui.theme == "light");
  CHECK(c.ui.scale == 1.5f);
}

TEST_CASE("listener limits are read from [limits]", "[config]") {
  auto c = parse(R"(
[limits]
connections_total = 100
connections_per_peer = 3
smtp_max_message_bytes = 2048
smtp_max_recipients = 5
smtp_idle_timeout_s = 9
http_max_body_bytes = 1000
sip_max_message_bytes = 4000
[sip]
listen = ""
media_address = "192.0.2.7"
rtp_ports = "41000-41999"
media = false
transfer_domain = "pbx.example.com"
[audio]
device = "file:in.wav,out.wav"
voice_processing = false
music_on_hold = "hold/tune.wav"
[recordings]
retention_days = 90
)");
  CHECK(c.limits.connections.total == 100);
  CHECK(c.limits.connections.perPeer == 3);
  CHECK(c.limits.smtp.maxMessageBytes == 2048);
  CHECK(c.limits.smtp.maxRecipients == 5);
  CHECK(c.limits.smtp.idleTimeout == std::chrono::seconds(9));
  CHECK(c.limits.smtp.maxLineBytes == telephony::SmtpLimits{}.maxLineBytes);  // untouched default
  CHECK(c.limits.http.maxBodyBytes == 1000);
  CHECK(c.limits.sip.maxMessageBytes == 4000);
  CHECK(c.sip.listen.empty());  // this listener is off
  CHECK(c.sipMediaAddress == "192.0.2.7");
  CHECK(c.rtpFirstPort == 41000);
  CHECK(c.rtpLastPort == 41999);
  CHECK_FALSE(c.sipMedia);
  CHECK(c.audioDevice == "file:in.wav,out.wav");
  CHECK_FALSE(c.voiceProcessing);
  CHECK(c.musicOnHold == "/etc/frontline/hold/tune.wav");  // relative to the configuration file
  CHECK(parse("").musicOnHold.empty());                    // the built-in tune
  CHECK(c.sipTransferDomain == "pbx.example.com");
  CHECK(c.recordingRetentionDays == 90);
  const auto more = parse(
      "[limits]\nsip_max_header_bytes = 900\nsip_max_headers = 12\nsip_tcp_idle_timeout_s = 7\n"
      "sip_max_active_calls = 50\nhttp_max_requests_per_connection = 4\n");
  CHECK(more.limits.sip.maxHeaderBytes == 900);
  CHECK(more.limits.sip.maxHeaders == 12);
  CHECK(more.limits.sip.tcpIdleTimeout == std::chrono::seconds(7));
  CHECK(more.limits.sip.maxActiveCalls == 50);
  CHECK(more.limits.http.maxRequestsPerConnection == 4);
  CHECK_THROWS_WITH(parse("[limits]\nsmtp_max_recipients = 0\n"),
                    Catch::StartsWith("frontline.toml:2: limits.smtp_max_recipients: must be a whole number above 0"));
  CHECK_THROWS_WITH(parse("[limits]\nsmtp_max_recipents = 5\n"), Catch::Contains("unknown key"));
}

TEST_CASE("configuration errors name the file, the line and the key", "[config]") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"[agent]\nrole = \"boss\"\n", "frontline.toml:2: agent.role: must be agent, supervisor or trainer"},
      {"[agent]\nid = \"a\"\n\n[sip]\nlisten = \"localhost:5060\"\n", "frontline.toml:5: sip.listen:"},
      {"[smtp]\nallow = [\"10.0.0.0/40\"]\n", "frontline.toml:2: smtp.allow:"},
      {"[desk]\nauto_answer = \"yes\"\n", "frontline.toml:2: desk.auto_answer: must be true or false"},
      {"[desk]\nauto_anwser = true\n", "frontline.toml:2: desk.auto_anwser: unknown key"},
      {"\n\n[colour]\n", "frontline.toml:3: colour: unknown section"},
      {"[region]\ndefault_phone_region = \"XX\"\n", "frontline.toml:2: region.default_phone_region:"},
      {"[central]\nurl = \"mysql://x\"\n", "frontline.toml:2: central.url: must start with"},
      {"[agent]\nname = \"unterminated\n", "frontline.toml:2:"},
      {"[sip]\nallow = \"127.0.0.1\"\n", "frontline.toml:2: sip.allow: must be a list of strings"},
      {"[smtp]\nrelay = \"mail.example.com:smtp\"\n", "frontline.toml:2: smtp.relay: must be host:port"},
      {"[smtp]\nreply_from = \"nobody\"\n", "frontline.toml:2: smtp.reply_from: must be an email address"},
      {"[ui]\ntheme = \"pink\"\n", "frontline.toml:2: ui.theme: must be dark or light"},
      {"[ui]\nscale = 9\n", "frontline.toml:2: ui.scale: must be a number"},
      {"[desk]\nhistory_limit = 0\n", "frontline.toml:2: desk.history_limit: must be a whole number above 0"},
      {"[cti]\ntoken = \"s3cret\"\n", "frontline.toml:2: cti.token: is 6 characters; use at least 16"},
      {"[sip]\nrtp_ports = \"40001-40999\"\n", "frontline.toml:2: sip.rtp_ports: must be a range"},
      {"[sip]\nrtp_ports = \"40000\"\n", "frontline.toml:2: sip.rtp_ports: must be a range"},
      {"[sip]\n\nmedia = \"on\"\n", "frontline.toml:3: sip.media: must be true or false"},
      {"[sip]\ntransfer_domain = \"2001@pbx\"\n", "frontline.toml:2: sip.transfer_domain: must be a host name"},
      {"[sip]\noutbound_proxy = \"sip:agent@pbx\"\n", "frontline.toml:2: sip.outbound_proxy: must be a host and port"},
      {"[sip]\noutbound_user = \"\"\n", "frontline.toml:2: sip.outbound_user: must be a SIP user name"},
      {"[sip]\nring_timeout_s = 0\n", "frontline.toml:2: sip.ring_timeout_s: must be a whole number above 0"},
      {"[sip]\npassword_file = \"/nonexistent/pw\"\n",
       "frontline.toml:2: sip.password_file: /nonexistent/pw: cannot be read"},
      {"[recordings]\nretention_days = -1\n", "frontline.toml:2: recordings.retention_days:"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK_THROWS_WITH(parse(c.text), Catch::StartsWith(c.expected));
  }
}

TEST_CASE("a missing configuration file is an error naming it", "[config]") {
  CHECK_THROWS_WITH(app::loadConfig("/nonexistent/frontline.toml"),
                    Catch::Contains("/nonexistent/frontline.toml") && Catch::Contains("cannot read"));
}

TEST_CASE("the shipped default configuration file is valid and matches the defaults", "[config]") {
  auto shipped = app::loadConfig(FRONTLINE_SOURCE_DIR "/assets/config/frontline.toml");
  auto defaults = parseConfig("", "x", std::filesystem::path(FRONTLINE_SOURCE_DIR "/assets/config").string());
  CHECK(shipped.agent.id == defaults.agent.id);
  CHECK(shipped.store.path == defaults.store.path);
  CHECK(shipped.central.url == defaults.central.url);
  CHECK(shipped.sip.listen == defaults.sip.listen);
  CHECK(shipped.sip.allow == defaults.sip.allow);
  CHECK(shipped.cti.listen == defaults.cti.listen);
  CHECK(shipped.desk.autoAnswer == defaults.desk.autoAnswer);
  CHECK(shipped.desk.emailResponseMinutes == defaults.desk.emailResponseMinutes);
  CHECK(shipped.desk.historyLimit == defaults.desk.historyLimit);
  CHECK(shipped.desk.orderLimit == defaults.desk.orderLimit);
  CHECK(shipped.reply.relayHost == defaults.reply.relayHost);
  CHECK(shipped.reply.from == defaults.reply.from);
  CHECK(shipped.ui.theme == defaults.ui.theme);
  CHECK(shipped.ui.scale == defaults.ui.scale);
  CHECK(shipped.ui.timeZone == defaults.ui.timeZone);
  CHECK(shipped.desk.maxRinging == defaults.desk.maxRinging);
  CHECK(shipped.desk.wrapUpLimitSeconds == defaults.desk.wrapUpLimitSeconds);
  // Every limit, written out in the shipped file, is the compiled default.
  const auto& a = shipped.limits;
  const auto& b = defaults.limits;
  CHECK(a.connections.total == b.connections.total);
  CHECK(a.connections.perPeer == b.connections.perPeer);
  CHECK(a.smtp.maxLineBytes == b.smtp.maxLineBytes);
  CHECK(a.smtp.maxMessageBytes == b.smtp.maxMessageBytes);
  CHECK(a.smtp.maxRecipients == b.smtp.maxRecipients);
  CHECK(a.smtp.maxErrors == b.smtp.maxErrors);
  CHECK(a.smtp.idleTimeout == b.smtp.idleTimeout);
  CHECK(a.smtp.sessionDeadline == b.smtp.sessionDeadline);
  CHECK(a.http.maxHeaderBytes == b.http.maxHeaderBytes);
  CHECK(a.http.maxBodyBytes == b.http.maxBodyBytes);
  CHECK(a.http.idleTimeout == b.http.idleTimeout);
  CHECK(a.http.maxRequestsPerConnection == b.http.maxRequestsPerConnection);
  CHECK(a.sip.maxMessageBytes == b.sip.maxMessageBytes);
  CHECK(a.sip.maxHeaderBytes == b.sip.maxHeaderBytes);
  CHECK(a.sip.maxHeaders == b.sip.maxHeaders);
  CHECK(a.sip.tcpIdleTimeout == b.sip.tcpIdleTimeout);
  CHECK(a.sip.maxActiveCalls == b.sip.maxActiveCalls);
}

TEST_CASE("the desk's ringing bound, wrap-up limit and the screen's time zone are read and checked", "[config]") {
  const auto c = parse(
      "[desk]\nmax_ringing = 3\nwrap_up_limit_s = 0\nwrap_up_disposition = \"resolved\"\n"
      "[ui]\ntime_zone = \"Asia/Shanghai\"\n");
  CHECK(c.desk.maxRinging == 3);
  CHECK(c.desk.wrapUpLimitSeconds == 0);
  CHECK(c.desk.wrapUpDisposition == "resolved");
  CHECK(c.ui.timeZone == "Asia/Shanghai");
  CHECK(parse("").desk.maxRinging == 1);
  CHECK_THROWS_WITH(parse("[desk]\nmax_ringing = 0\n"), Catch::StartsWith("frontline.toml:2: desk.max_ringing:"));
  CHECK_THROWS_WITH(parse("[desk]\nwrap_up_limit_s = -5\n"),
                    Catch::StartsWith("frontline.toml:2: desk.wrap_up_limit_s: must be a whole number, 0 or more"));
  CHECK_THROWS_WITH(parse("[ui]\ntime_zone = \"Mars/Olympus\"\n"),
                    Catch::StartsWith("frontline.toml:2: ui.time_zone: 'Mars/Olympus' is not a time zone"));
  CHECK_THROWS_WITH(parse("[ui]\ntime_zone = \"../../etc/passwd\"\n"), Catch::Contains("ui.time_zone"));
}

TEST_CASE("the floor's queues, teams and thresholds are read and checked", "[config]") {
  auto c = parse(R"([floor]
fcr_days = 3
breach_alert_min = 10
day_start = "06:30"
wrap_up_amber_s = 60
wrap_up_red_s = 90
[[queues]]
name = "sales"
label = "Sales"
addresses = ["5000", "Sales@Example.com"]
answer_within_s = 30
target_percent = 90
short_abandon_s = 8
[[queues]]
name = "billing"
[[teams]]
name = "Blue"
agents = ["agent-01", "agent-02"]
)");
  CHECK(c.floor.fcrDays == 3);
  CHECK(c.floor.breachAlertUs == 10 * floor::kMinuteUs);
  CHECK(c.floor.dayStartOffsetUs == (6 * 60 + 30) * floor::kMinuteUs);
  CHECK(c.floor.threshold("wrap_up")->amberUs == 60 * floor::kSecondUs);
  CHECK(c.floor.threshold("not_ready")->amberUs == 15 * floor::kMinuteUs);  // default kept
  REQUIRE(c.floor.queues.size() == 2);
  CHECK(c.floor.queue("sales").answerWithinUs == 30 * floor::kSecondUs);
  CHECK(c.floor.queue("sales").targetPercent == 90.0);
  CHECK(c.floor.queue("sales").shortAbandonUs == 8 * floor::kSecondUs);
  CHECK(c.floor.queue("billing").answerWithinUs == 20 * floor::kSecondUs);  // the default T
  CHECK(c.floor.queue("unknown").targetPercent == 80.0);
  CHECK(c.floor.queueAliases().at("sales@example.com") == "sales");
  CHECK(c.floor.team("agent-02") == "Blue");

  auto error = [](const std::string& text) {
    try {
      parse(text);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error("[floor]\nday_start = \"25:00\"\n"),
             Catch::StartsWith("frontline.toml:2: floor.day_start: must be a time of day as HH:MM"));
  CHECK_THAT(error("[[queues]]\nname = \"a\"\nanswer_within = 20\n"),
             Catch::StartsWith("frontline.toml:3: queues.answer_within: unknown key"));
  CHECK_THAT(error("[[queues]]\nname = \"a\"\ntarget_percent = 120\n"),
             Catch::StartsWith("frontline.toml:3: queues.target_percent: must be a number from 1 to 100"));
  CHECK_THAT(error("[[queues]]\nname = \"a\"\n[[queues]]\nname = \"a\"\n"),
             Catch::StartsWith("frontline.toml:4: queues.name: 'a' twice"));
  CHECK_THAT(error("[[teams]]\nname = \"A\"\nagents = [\"x\"]\n[[teams]]\nname = \"B\"\nagents = [\"x\"]\n"),
             Catch::StartsWith("frontline.toml:6: teams.agents: 'x' is already in team A"));
  CHECK_THAT(error("queues = 3\n"), Catch::StartsWith("frontline.toml:1: queues: must be a list of tables"));
}

TEST_CASE("calls out: the PBX, our identity and the password file, checked when the configuration is read",
          "[config]") {
  const auto dir = std::filesystem::temp_directory_path() / "frontline-config-outbound";
  std::filesystem::create_directories(dir);
  const auto pw = dir / "sip-passwords";
  std::ofstream(pw) << "# the PBX's account for this desk\npbx.example.com agent07 s3cret\n";
  std::filesystem::permissions(pw, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const std::string text =
      "[sip]\noutbound_proxy = \"pbx.example.com:5080\"\noutbound_domain = \"example.com\"\n"
      "outbound_user = \"agent07\"\nring_timeout_s = 45\npassword_file = \"sip-passwords\"\n";
  const auto c = parseConfig(text, "frontline.toml", dir.string());
  CHECK(c.sipOutbound.proxy == "pbx.example.com:5080");
  CHECK(c.sipOutbound.domain == "example.com");
  CHECK(c.sipOutbound.user == "agent07");
  CHECK(c.sipOutbound.ringTimeoutSeconds == 45);
  REQUIRE(c.sipOutbound.credentials.forRealm("pbx.example.com"));
  CHECK(c.sipOutbound.credentials.forRealm("pbx.example.com")->password == "s3cret");
  // Others may read it: refused, naming the file.
  std::filesystem::permissions(pw, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
  CHECK_THROWS_WITH(parseConfig(text, "frontline.toml", dir.string()),
                    "frontline.toml:6: sip.password_file: " + pw.string() +
                        ": others may read it (mode 0640); it holds passwords: chmod 600 it");
  // A bad line: its number.
  std::ofstream(pw) << "pbx.example.com agent07\n";
  std::filesystem::permissions(pw, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  CHECK_THROWS_WITH(parseConfig(text, "frontline.toml", dir.string()),
                    Catch::Contains(pw.string() + ":1: expected REALM USER PASSWORD"));
  std::filesystem::remove_all(dir);
}
