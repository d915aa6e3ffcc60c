// TOML configuration loading and validation; see config.h.
#include "app/config.h"

#include <toml++/toml.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "store/address.h"
#include "telephony/network_address.h"

namespace frontline::app {
namespace {

class Reader {
 public:
  Reader(const toml::table& root, std::string source) : m_root(root), m_source(std::move(source)) {}

  [[noreturn]] void fail(const toml::node* node, const std::string& key, const std::string& what) const {
    std::ostringstream out;
    out << m_source;
    if (node) out << ":" << node->source().begin.line;
    out << ": " << key << ": " << what;
    throw ConfigError(out.str());
  }

  // Rejects keys this program does not know, so a typo never passes silently.
  void checkKnown(const std::set<std::string, std::less<>>& sections,
                  const std::set<std::string, std::less<>>& keys) const {
    for (const auto& [name, node] : m_root) {
      const std::string section(name.str());
      if (section == "queues" || section == "teams") continue;  // arrays of tables: read by tableList()
      if (!sections.count(section)) fail(&node, section, "unknown section");
      const toml::table* table = node.as_table();
      if (!table) fail(&node, section, "must be a table ([" + section + "])");
      for (const auto& [key, value] : *table) {
        const std::string full = section + "." + std::string(key.str());
        if (!keys.count(full)) fail(&value, full, "unknown key");
      }
    }
  }

  const toml::node* find(std::string_view key) const { return m_root.at_path(key).node(); }

  void string(std::string_view key, std::string& out) const {
    const toml::node* n = find(key);
    if (!n) return;
    if (!n->is_string()) fail(n, std::string(key), "must be a string");
    out = n->as_string()->get();
  }

  void boolean(std::string_view key, bool& out) const {
    const toml::node* n = find(key);
    if (!n) return;
    if (!n->is_boolean()) fail(n, std::string(key), "must be true or false");
    out = n->as_boolean()->get();
  }

  void stringList(std::string_view key, std::vector<std::string>& out) const {
    const toml::node* n = find(key);
    if (!n) return;
    const toml::array* array = n->as_array();
    if (!array) fail(n, std::string(key), "must be a list of strings");
    out.clear();
    for (const toml::node& item : *array) {
      if (!item.is_string()) fail(&item, std::string(key), "must be a list of strings");
      out.push_back(item.as_string()->get());
    }
  }

  template <typename T>
  void positive(std::string_view key, T& out) const {
    const toml::node* n = find(key);
    if (!n) return;
    if (!n->is_integer() || n->as_integer()->get() <= 0) fail(n, std::string(key), "must be a whole number above 0");
    out = static_cast<T>(n->as_integer()->get());
  }

  template <typename T>
  void notNegative(std::string_view key, T& out) const {
    const toml::node* n = find(key);
    if (!n) return;
    if (!n->is_integer() || n->as_integer()->get() < 0) fail(n, std::string(key), "must be a whole number, 0 or more");
    out = static_cast<T>(n->as_integer()->get());
  }

  // [[name]] entries: each a table with only `keys`; calls `read(prefix)` with the
  // entry's path ("queues[0]") for the scalar readers above.
  void tableList(const std::string& name, const std::set<std::string, std::less<>>& keys,
                 const std::function<void(const std::string&)>& read) const {
    const toml::node* n = find(name);
    if (!n) return;
    const toml::array* array = n->as_array();
    if (!array) fail(n, name, "must be a list of tables ([[" + name + "]])");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::table* table = (*array)[i].as_table();
      const std::string prefix = name + "[" + std::to_string(i) + "]";
      if (!table) fail(&(*array)[i], prefix, "must be a table ([[" + name + "]])");
      for (const auto& [key, value] : *table) {
        if (!keys.count(key.str())) fail(&value, name + "." + std::string(key.str()), "unknown key");
      }
      read(prefix);
    }
  }

  void seconds(std::string_view key, std::chrono::seconds& out) const {
    auto count = out.count();
    positive(key, count);
    out = std::chrono::seconds(count);
  }

  void listener(const std::string& section, ListenerConfig& out) const {
    string(section + ".listen", out.listen);
    auto parsed = telephony::parseListenAddress(out.listen);
    if (auto* error = std::get_if<std::string>(&parsed); error && !out.listen.empty()) {
      fail(find(section + ".listen"), section + ".listen", *error);
    }
    stringList(section + ".allow", out.allow);
    for (const auto& entry : out.allow) {
      auto cidr = telephony::parseCidr(entry);
      if (auto* error = std::get_if<std::string>(&cidr)) fail(find(section + ".allow"), section + ".allow", *error);
    }
  }

 private:
  const toml::table& m_root;
  std::string m_source;
};

// [floor], [[queues]] and [[teams]]: what the supervisor's floor measures against.
void readFloor(const Reader& r, floor::FloorSettings& f) {
  r.positive("floor.fcr_days", f.fcrDays);
  std::int64_t breachMinutes = f.breachAlertUs / floor::kMinuteUs;
  r.positive("floor.breach_alert_min", breachMinutes);
  f.breachAlertUs = breachMinutes * floor::kMinuteUs;
  std::string dayStart = "00:00";
  r.string("floor.day_start", dayStart);
  const bool clock =
      dayStart.size() == 5 && dayStart[2] == ':' && std::isdigit(static_cast<unsigned char>(dayStart[0])) &&
      std::isdigit(static_cast<unsigned char>(dayStart[1])) && std::isdigit(static_cast<unsigned char>(dayStart[3])) &&
      std::isdigit(static_cast<unsigned char>(dayStart[4]));
  const int hours = clock ? std::stoi(dayStart.substr(0, 2)) : -1;
  const int minutes = clock ? std::stoi(dayStart.substr(3, 2)) : -1;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
    r.fail(r.find("floor.day_start"), "floor.day_start", "must be a time of day as HH:MM, not '" + dayStart + "'");
  }
  f.dayStartOffsetUs = (hours * 60 + minutes) * floor::kMinuteUs;
  auto threshold = [&](const char* state, const char* amberKey, const char* redKey, std::int64_t unitUs) {
    floor::StateThreshold* t = nullptr;
    for (auto& each : f.stateThresholds)
      if (each.state == state) t = &each;
    std::int64_t amber = t->amberUs / unitUs;
    std::int64_t red = t->redUs / unitUs;
    r.notNegative(amberKey, amber);
    r.notNegative(redKey, red);
    t->amberUs = amber * unitUs;
    t->redUs = red * unitUs;
  };
  threshold("not_ready", "floor.not_ready_amber_min", "floor.not_ready_red_min", floor::kMinuteUs);
  threshold("wrap_up", "floor.wrap_up_amber_s", "floor.wrap_up_red_s", floor::kSecondUs);

  r.tableList("queues",
              {"name", "label", "addresses", "answer_within_s", "email_answer_within_min", "target_percent",
               "short_abandon_s", "longest_wait_alert_s"},
              [&](const std::string& at) {
                floor::QueueSettings q;
                r.string(at + ".name", q.name);
                if (q.name.empty()) r.fail(r.find(at), "queues.name", "every [[queues]] needs a name");
                for (const auto& other : f.queues) {
                  if (other.name == q.name) r.fail(r.find(at + ".name"), "queues.name", "'" + q.name + "' twice");
                }
                r.string(at + ".label", q.label);
                r.stringList(at + ".addresses", q.addresses);
                auto scaled = [&](const std::string& key, std::int64_t& us, std::int64_t unit) {
                  std::int64_t n = us / unit;
                  r.positive(key, n);
                  us = n * unit;
                };
                scaled(at + ".answer_within_s", q.answerWithinUs, floor::kSecondUs);
                scaled(at + ".email_answer_within_min", q.emailAnswerWithinUs, floor::kMinuteUs);
                scaled(at + ".short_abandon_s", q.shortAbandonUs, floor::kSecondUs);
                scaled(at + ".longest_wait_alert_s", q.longestWaitAlertUs, floor::kSecondUs);
                if (const toml::node* n = r.find(at + ".target_percent")) {
                  const auto v = n->value<double>();
                  if (!v || *v <= 0.0 || *v > 100.0)
                    r.fail(n, "queues.target_percent", "must be a number from 1 to 100");
                  q.targetPercent = *v;
                }
                f.queues.push_back(std::move(q));
              });
  r.tableList("teams", {"name", "agents"}, [&](const std::string& at) {
    std::string name;
    std::vector<std::string> agents;
    r.string(at + ".name", name);
    if (name.empty()) r.fail(r.find(at), "teams.name", "every [[teams]] needs a name");
    r.stringList(at + ".agents", agents);
    for (const auto& agent : agents) {
      if (f.teamOf.count(agent)) {
        r.fail(r.find(at + ".agents"), "teams.agents", "'" + agent + "' is already in team " + f.teamOf[agent]);
      }
      f.teamOf[agent] = name;
    }
  });
}

std::string resolve(const std::string& baseDir, const std::string& path) {
  if (path.empty() || path == ":memory:" || std::filesystem::path(path).is_absolute() || baseDir.empty()) return path;
  return (std::filesystem::path(baseDir) / path).lexically_normal().string();
}

}  // namespace

Config parseConfig(const std::string& text, const std::string& sourceName, const std::string& baseDir) {
  toml::table root;
  try {
    root = toml::parse(text, sourceName);
  } catch (const toml::parse_error& e) {
    std::ostringstream out;
    out << sourceName << ":" << e.source().begin.line << ": " << e.description();
    throw ConfigError(out.str());
  }
  Reader r(root, sourceName);
  r.checkKnown({"agent", "store", "central", "region", "sip", "smtp", "lmtp", "cti", "desk", "limits", "ui", "floor",
                "trainer", "audio", "recordings", "emotion"},
               {"agent.id",
                "agent.name",
                "agent.role",
                "store.path",
                "central.url",
                "central.password_file",
                "central.sync_interval_s",
                "region.default_phone_region",
                "sip.listen",
                "sip.allow",
                "smtp.listen",
                "smtp.allow",
                "lmtp.listen",
                "lmtp.allow",
                "cti.listen",
                "cti.allow",
                "cti.token",
                "desk.auto_answer",
                "desk.email_response_minutes",
                "desk.history_limit",
                "desk.order_limit",
                "desk.max_ringing",
                "desk.wrap_up_limit_s",
                "desk.wrap_up_disposition",
                "ui.time_zone",
                "smtp.relay",
                "smtp.reply_from",
                "smtp.reply_name",
                "smtp.relay_retry_s",
                "smtp.relay_tls",
                "smtp.relay_ca_file",
                "smtp.relay_user",
                "smtp.relay_password_file",
                "ui.theme",
                "ui.scale",
                "smtp.hostname",
                "sip.media_address",
                "sip.rtp_ports",
                "sip.media",
                "sip.transfer_domain",
                "sip.outbound_proxy",
                "sip.outbound_domain",
                "sip.outbound_user",
                "sip.password_file",
                "sip.ring_timeout_s",
                "audio.device",
                "audio.voice_processing",
                "audio.music_on_hold",
                "recordings.path",
                "recordings.retention_days",
                "emotion.lexicons",
                "emotion.segmenter_dictionary",
                "emotion.words",
                "limits.connections_total",
                "limits.connections_per_peer",
                "limits.smtp_max_line_bytes",
                "limits.smtp_max_message_bytes",
                "limits.smtp_max_recipients",
                "limits.smtp_max_errors",
                "limits.smtp_idle_timeout_s",
                "limits.smtp_session_deadline_s",
                "limits.smtp_min_data_rate",
                "limits.http_max_header_bytes",
                "limits.http_max_body_bytes",
                "limits.http_idle_timeout_s",
                "limits.sip_max_message_bytes",
                "limits.sip_max_header_bytes",
                "limits.sip_max_headers",
                "limits.sip_tcp_idle_timeout_s",
                "limits.sip_max_active_calls",
                "limits.http_max_requests_per_connection",
                "limits.http_request_deadline_s",
                "limits.cti_wrong_tokens_free",
                "limits.cti_wrong_tokens_before_refusal",
                "limits.cti_refusal_period_s",
                "limits.sip_max_kept_responses",
                "floor.fcr_days",
                "floor.breach_alert_min",
                "floor.day_start",
                "floor.not_ready_amber_min",
                "floor.not_ready_red_min",
                "floor.wrap_up_amber_s",
                "floor.wrap_up_red_s",
                "trainer.may_unmask",
                "trainer.forms"});
  Config c;
  c.sourcePath = sourceName;
  r.string("agent.id", c.agent.id);
  if (c.agent.id.empty()) r.fail(r.find("agent.id"), "agent.id", "must not be empty");
  r.string("agent.name", c.agent.name);
  r.string("agent.role", c.agent.role);
  if (c.agent.role != "agent" && c.agent.role != "supervisor" && c.agent.role != "trainer") {
    r.fail(r.find("agent.role"), "agent.role", "must be agent, supervisor or trainer, not '" + c.agent.role + "'");
  }
  r.string("store.path", c.store.path);
  if (c.store.path.empty()) r.fail(r.find("store.path"), "store.path", "must not be empty");
  c.store.path = resolve(baseDir, c.store.path);
  r.string("central.url", c.central.url);
  constexpr std::string_view kSqlite = "sqlite://";
  if (c.central.url.rfind(kSqlite, 0) == 0) {
    std::string path = c.central.url.substr(kSqlite.size());
    if (path.empty())
      r.fail(r.find("central.url"), "central.url", "sqlite:// needs a path, as in sqlite:///var/frontline/central.db");
    // sqlite:///abs/path keeps its leading slash; sqlite://relative/path is relative to the config file
    c.central.url = std::string(kSqlite) + resolve(baseDir, path);
  } else if (!c.central.url.empty() && c.central.url.rfind("postgresql://", 0) != 0 &&
             c.central.url.rfind("postgres://", 0) != 0) {
    r.fail(r.find("central.url"), "central.url", "must start with sqlite:// or postgresql://");
  }
  r.string("central.password_file", c.central.passwordFile);
  r.positive("central.sync_interval_s", c.central.syncIntervalSeconds);
  c.central.passwordFile = resolve(baseDir, c.central.passwordFile);
  r.string("region.default_phone_region", c.region.defaultPhoneRegion);
  if (!store::isKnownPhoneRegion(c.region.defaultPhoneRegion)) {
    r.fail(r.find("region.default_phone_region"), "region.default_phone_region",
           "'" + c.region.defaultPhoneRegion + "' is not a region code such as GB, DE, US or CN");
  }
  r.listener("sip", c.sip);
  r.listener("smtp", c.smtp);
  r.listener("lmtp", c.lmtp);
  r.listener("cti", c.cti);
  r.string("cti.token", c.ctiToken);
  // The token is the webhook's only credential, sent in the path: a short one can be
  // guessed. Empty stays allowed: it refuses every request.
  if (!c.ctiToken.empty() && c.ctiToken.size() < 16) {
    r.fail(r.find("cti.token"), "cti.token",
           "is " + std::to_string(c.ctiToken.size()) +
               " characters; use at least 16 (for example the output of: head -c 18 /dev/urandom | base64)");
  }
  r.boolean("desk.auto_answer", c.desk.autoAnswer);
  r.boolean("trainer.may_unmask", c.trainer.mayUnmask);
  r.string("trainer.forms", c.trainer.forms);
  if (c.trainer.forms.empty()) r.fail(r.find("trainer.forms"), "trainer.forms", "must not be empty");
  c.trainer.forms = resolve(baseDir, c.trainer.forms);
  r.positive("desk.email_response_minutes", c.desk.emailResponseMinutes);
  r.positive("desk.history_limit", c.desk.historyLimit);
  r.positive("desk.order_limit", c.desk.orderLimit);
  r.positive("desk.max_ringing", c.desk.maxRinging);
  r.notNegative("desk.wrap_up_limit_s", c.desk.wrapUpLimitSeconds);
  r.string("desk.wrap_up_disposition", c.desk.wrapUpDisposition);
  r.string("ui.time_zone", c.ui.timeZone);
  if (!c.ui.timeZone.empty() &&
      (c.ui.timeZone.find("..") != std::string::npos || c.ui.timeZone.front() == '/' ||
       !std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / c.ui.timeZone))) {
    r.fail(r.find("ui.time_zone"), "ui.time_zone",
           "'" + c.ui.timeZone + "' is not a time zone such as Europe/London or Asia/Shanghai (package tzdata)");
  }
  r.string("smtp.hostname", c.smtpHostname);
  std::string relay;
  r.string("smtp.relay", relay);
  if (!relay.empty()) {
    const auto colon = relay.rfind(':');
    const bool bracketed = relay.front() == '[';
    const std::string host =
        colon == std::string::npos ? relay : relay.substr(bracketed ? 1 : 0, colon - (bracketed ? 2 : 0));
    const std::string port = colon == std::string::npos ? "25" : relay.substr(colon + 1);
    const bool digits = !port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos;
    if (host.empty() || !digits || std::stoi(port) == 0 || std::stoi(port) > 65535) {
      r.fail(r.find("smtp.relay"), "smtp.relay", "must be host:port, as in smtp.example.com:25, not '" + relay + "'");
    }
    c.reply.relayHost = host;
    c.reply.relayPort = static_cast<std::uint16_t>(std::stoi(port));
  }
  r.string("smtp.reply_from", c.reply.from);
  if (c.reply.from.find('@') == std::string::npos || !store::normaliseEmail(c.reply.from)) {
    r.fail(r.find("smtp.reply_from"), "smtp.reply_from", "must be an email address, not '" + c.reply.from + "'");
  }
  r.string("smtp.reply_name", c.reply.fromName);
  r.positive("smtp.relay_retry_s", c.reply.firstRetrySeconds);
  std::string relayTls = "none";
  r.string("smtp.relay_tls", relayTls);
  if (relayTls != "none" && relayTls != "starttls") {
    r.fail(r.find("smtp.relay_tls"), "smtp.relay_tls", "must be \"none\" or \"starttls\", not '" + relayTls + "'");
  }
  c.reply.startTls = relayTls == "starttls";
  r.string("smtp.relay_ca_file", c.reply.caFile);
  c.reply.caFile = resolve(baseDir, c.reply.caFile);
  r.string("smtp.relay_user", c.reply.user);
  r.string("smtp.relay_password_file", c.reply.passwordFile);
  c.reply.passwordFile = resolve(baseDir, c.reply.passwordFile);
  if (!c.reply.user.empty() && !c.reply.startTls) {
    r.fail(r.find("smtp.relay_user"), "smtp.relay_user",
           "needs smtp.relay_tls = \"starttls\": the relay's password is never sent in clear");
  }
  if (!c.reply.user.empty() && c.reply.passwordFile.empty()) {
    r.fail(r.find("smtp.relay_user"), "smtp.relay_user", "needs smtp.relay_password_file");
  }
  r.string("ui.theme", c.ui.theme);
  if (c.ui.theme != "dark" && c.ui.theme != "light") {
    r.fail(r.find("ui.theme"), "ui.theme", "must be dark or light, not '" + c.ui.theme + "'");
  }
  if (const toml::node* n = r.find("ui.scale")) {
    const auto value = n->value<double>();
    if (!value || *value < 0.0 || *value > 4.0) r.fail(n, "ui.scale", "must be a number from 0 (automatic) to 4");
    c.ui.scale = static_cast<float>(*value);
  }
  r.string("sip.media_address", c.sipMediaAddress);
  r.boolean("sip.media", c.sipMedia);
  r.string("sip.transfer_domain", c.sipTransferDomain);
  if (c.sipTransferDomain.find_first_of("@<>;\" ") != std::string::npos) {
    r.fail(r.find("sip.transfer_domain"), "sip.transfer_domain",
           "must be a host name such as \"pbx.example.com\" (the part after @ in a SIP address)");
  }
  r.string("sip.outbound_proxy", c.sipOutbound.proxy);
  if (c.sipOutbound.proxy.find_first_of(" \"<>@") != std::string::npos) {
    r.fail(r.find("sip.outbound_proxy"), "sip.outbound_proxy",
           "must be a host and port such as \"pbx.example.com:5060\" (calls out go there over UDP)");
  }
  r.string("sip.outbound_domain", c.sipOutbound.domain);
  if (c.sipOutbound.domain.find_first_of("@<>;\" ") != std::string::npos) {
    r.fail(r.find("sip.outbound_domain"), "sip.outbound_domain", "must be a host name such as \"pbx.example.com\"");
  }
  r.string("sip.outbound_user", c.sipOutbound.user);
  if (c.sipOutbound.user.empty() || c.sipOutbound.user.find_first_of("@<>;:\" ") != std::string::npos) {
    r.fail(r.find("sip.outbound_user"), "sip.outbound_user", "must be a SIP user name such as \"agent07\"");
  }
  r.positive("sip.ring_timeout_s", c.sipOutbound.ringTimeoutSeconds);
  r.string("sip.password_file", c.sipOutbound.passwordFile);
  if (!c.sipOutbound.passwordFile.empty()) {
    c.sipOutbound.passwordFile = resolve(baseDir, c.sipOutbound.passwordFile);
    auto loaded = telephony::loadSipCredentials(c.sipOutbound.passwordFile);
    if (auto* error = std::get_if<std::string>(&loaded))
      r.fail(r.find("sip.password_file"), "sip.password_file", *error);
    c.sipOutbound.credentials = std::get<telephony::SipCredentials>(loaded);
  }
  if (const toml::node* n = r.find("sip.rtp_ports")) {
    const auto range = n->value<std::string>();
    unsigned first = 0, last = 0;
    char dash = 0, extra = 0;
    if (!range || std::sscanf(range->c_str(), "%u %c %u %c", &first, &dash, &last, &extra) != 3 || dash != '-' ||
        first < 1024 || last > 65535 || first % 2 != 0 || last < first + 1) {
      r.fail(n, "sip.rtp_ports",
             "must be a range such as \"40000-49999\": an even first port from 1024, a last port up to 65535");
    } else {
      c.rtpFirstPort = static_cast<std::uint16_t>(first);
      c.rtpLastPort = static_cast<std::uint16_t>(last);
    }
  }
  r.string("audio.device", c.audioDevice);
  r.boolean("audio.voice_processing", c.voiceProcessing);
  r.string("audio.music_on_hold", c.musicOnHold);
  if (!c.musicOnHold.empty()) c.musicOnHold = resolve(baseDir, c.musicOnHold);
  r.string("recordings.path", c.recordingsPath);
  if (!c.recordingsPath.empty()) c.recordingsPath = resolve(baseDir, c.recordingsPath);
  r.notNegative("recordings.retention_days", c.recordingRetentionDays);
  for (auto [key, path] : {std::pair{"emotion.lexicons", &c.emotion.published},
                           std::pair{"emotion.segmenter_dictionary", &c.emotion.segmenterDictionary},
                           std::pair{"emotion.words", &c.emotion.ownWords}}) {
    std::string value;
    r.string(key, value);
    if (!value.empty()) *path = resolve(baseDir, value);
  }
  auto& l = c.limits;
  r.positive("limits.connections_total", l.connections.total);
  r.positive("limits.connections_per_peer", l.connections.perPeer);
  r.positive("limits.smtp_max_line_bytes", l.smtp.maxLineBytes);
  r.positive("limits.smtp_max_message_bytes", l.smtp.maxMessageBytes);
  r.positive("limits.smtp_max_recipients", l.smtp.maxRecipients);
  r.positive("limits.smtp_max_errors", l.smtp.maxErrors);
  r.seconds("limits.smtp_idle_timeout_s", l.smtp.idleTimeout);
  r.seconds("limits.smtp_session_deadline_s", l.smtp.sessionDeadline);
  r.positive("limits.smtp_min_data_rate", l.smtp.minDataRate);
  r.positive("limits.http_max_header_bytes", l.http.maxHeaderBytes);
  r.positive("limits.http_max_body_bytes", l.http.maxBodyBytes);
  r.seconds("limits.http_idle_timeout_s", l.http.idleTimeout);
  r.positive("limits.sip_max_message_bytes", l.sip.maxMessageBytes);
  r.positive("limits.sip_max_header_bytes", l.sip.maxHeaderBytes);
  r.positive("limits.sip_max_headers", l.sip.maxHeaders);
  r.seconds("limits.sip_tcp_idle_timeout_s", l.sip.tcpIdleTimeout);
  r.positive("limits.sip_max_active_calls", l.sip.maxActiveCalls);
  r.positive("limits.http_max_requests_per_connection", l.http.maxRequestsPerConnection);
  r.seconds("limits.http_request_deadline_s", l.http.requestDeadline);
  r.notNegative("limits.cti_wrong_tokens_free", l.http.wrongTokensFree);
  r.positive("limits.cti_wrong_tokens_before_refusal", l.http.wrongTokensBeforeRefusal);
  r.seconds("limits.cti_refusal_period_s", l.http.refusalPeriod);
  r.positive("limits.sip_max_kept_responses", l.sip.maxKeptResponses);
  readFloor(r, c.floor);
  return c;
}

Config loadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot read the configuration file");
  std::ostringstream text;
  text << in.rdbuf();
  auto baseDir = std::filesystem::absolute(path).parent_path().string();
  return parseConfig(text.str(), path, baseDir);
}

}  // namespace frontline::app
