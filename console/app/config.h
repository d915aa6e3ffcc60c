// Frontline's configuration: a TOML file (see assets/config/frontline.toml for every key
// with its default) overridden by the command line. Unknown keys and bad values are
// errors that name the file, the line and the key.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "emotion/lexicon.h"
#include "floor/floor_settings.h"
#include "telephony/limits.h"
#include "telephony/sip/sip_digest.h"

namespace frontline::app {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ListenerConfig {
  std::string listen;              // host:port, [ipv6]:port
  std::vector<std::string> allow;  // CIDR blocks allowed to connect
};

struct Config {
  std::string sourcePath;  // the file read, empty when only defaults are used

  struct Agent {
    std::string id = "agent-01";
    std::string name = "Agent";
    std::string role = "agent";  // agent | supervisor | trainer
  } agent;

  struct Store {
    std::string path = "frontline.db";  // relative paths are relative to the config file
  } store;

  struct Central {
    std::string url = "sqlite://frontline-central.db";  // sqlite://PATH (relative or /absolute) or postgresql://...
    std::string passwordFile;     // its first line is the password (else $FRONTLINE_CENTRAL_PASSWORD)
    int syncIntervalSeconds = 5;  // between sync rounds while connected (offline: backoff up to a minute)
  } central;

  struct Region {
    std::string defaultPhoneRegion = "GB";  // ISO 3166-1 alpha-2, for numbers written nationally
  } region;

  ListenerConfig sip{"127.0.0.1:5060", {"127.0.0.0/8", "::1/128"}};
  ListenerConfig smtp{"127.0.0.1:2525", {"127.0.0.0/8", "::1/128"}};
  ListenerConfig lmtp{"127.0.0.1:2424", {"127.0.0.0/8", "::1/128"}};
  ListenerConfig cti{"127.0.0.1:8088", {"127.0.0.0/8", "::1/128"}};
  std::string ctiToken;                          // empty: the webhook refuses every request
  std::string smtpHostname = "frontline.local";  // in SMTP/LMTP greetings
  std::string sipTransferDomain;                 // sip.transfer_domain: where a transfer to a bare number goes
  std::string sipMediaAddress;                   // c= in our SDP, RTP bound there; empty: the SIP listen address
  // Calls the agent places (click-to-dial, callbacks) go through the PBX or trunk here.
  struct Outbound {
    std::string proxy;               // sip.outbound_proxy: "pbx.example.com:5060" (UDP); empty: no calls out
    std::string domain;              // sip.outbound_domain: the host in the Request-URI and From; empty: the proxy's
    std::string user = "frontline";  // sip.outbound_user: our From's user (the PBX account)
    std::string passwordFile;        // sip.password_file: "REALM USER PASSWORD" lines, mode 0600
    int ringTimeoutSeconds = 60;     // sip.ring_timeout_s: then the call is cancelled, "no answer"
    telephony::SipCredentials credentials;  // read from passwordFile with the configuration
  } sipOutbound;
  std::uint16_t rtpFirstPort = 40000;  // sip.rtp_ports = "40000-49999"
  std::uint16_t rtpLastPort = 49999;
  bool sipMedia = true;              // sip.media: false answers calls without audio
  std::string audioDevice = "null";  // audio.device: "null" or "file:IN.wav,OUT.wav"
  bool voiceProcessing = true;       // audio.voice_processing: echo cancellation, noise suppression, gain (headsets)
  std::string musicOnHold;         // audio.music_on_hold: a WAV a held caller hears (absolute once read); "": built in
  std::string recordingsPath;      // recordings.path: calls recorded there; empty: not recorded
  int recordingRetentionDays = 0;  // recordings.retention_days: older recordings deleted daily; 0: kept

  // [emotion]: where the emotion index's lexicons are (absolute once read).
  emotion::LexiconSources emotion;  // emotion.lexicons, emotion.segmenter_dictionary, emotion.words

  telephony::ListenerLimits limits;  // [limits]: see assets/config/frontline.toml

  // Replies to emails: From: and where they are sent (host:port of an SMTP relay; empty:
  // recorded in the store, not sent).
  struct Reply {
    std::string relayHost;
    std::uint16_t relayPort = 25;
    std::string from = "support@frontline.local";
    std::string fromName = "Customer service";
    std::int64_t firstRetrySeconds = 30;  // a failed send waits this long, then twice as long each time
    bool startTls = false;                // smtp.relay_tls = "starttls": TLS required, the certificate checked
    std::string caFile;                   // smtp.relay_ca_file: the CAs to check it against (empty: the system's)
    std::string user;                     // smtp.relay_user: AUTH as this user (only over TLS)
    std::string passwordFile;             // smtp.relay_password_file: its password
  } reply;

  struct Desk {
    bool autoAnswer = false;                  // answer calls without an agent (tests, servers, benchmarks)
    std::int64_t emailResponseMinutes = 240;  // an email's first response is due this long after it arrives
    int historyLimit = 500;                   // contacts shown in a customer's history
    int orderLimit = 1000;                    // orders shown in a customer's order list
    int maxRinging = 1;                       // calls ringing at once; more get 486 (a PBX offers them elsewhere)
    int wrapUpLimitSeconds = 0;               // 0: wrap-up lasts until the agent finishes it
    std::string wrapUpDisposition;            // a timed-out wrap-up's disposition (empty: the first in the list)
  } desk;

  // [floor], [[queues]], [[teams]]: what the supervisor's floor measures against; the
  // queues' addresses also name the queue of each contact an agent's console records.
  floor::FloorSettings floor;

  // [trainer]: the trainer's workspace.
  struct Trainer {
    bool mayUnmask = false;       // may show a replay's personal data (each time recorded as an event)
    std::string forms = "forms";  // the evaluation forms' directory (relative to the config file)
  } trainer;

  struct Ui {
    std::string theme = "dark";  // dark | light
    float scale = 0.0f;          // 0: the monitor's content scale (HiDPI); else this factor
    std::string timeZone;        // IANA name (Europe/London); empty: the system's
  } ui;
};

// Reads and validates `path`. Throws ConfigError("FILE:LINE: KEY: what is wrong").
Config loadConfig(const std::string& path);
// Validates a TOML document given as text; `sourceName` names it in errors and
// `baseDir` resolves relative paths.
Config parseConfig(const std::string& text, const std::string& sourceName, const std::string& baseDir);

}  // namespace frontline::app
