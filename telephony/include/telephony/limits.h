// Every limit the listeners enforce on untrusted peers, with its default, in one place.
// Overridable in the [limits] section of the configuration (see README).
#pragma once

#include <chrono>
#include <cstddef>

namespace frontline::telephony {

// Each listener (SMTP, LMTP, the CTI webhook, SIP over TCP) has a budget of its own, so
// that slow mail sessions cannot take the webhook's slots.
struct ConnectionLimits {
  int total = 512;   // open TCP connections to one listener; more get refused (421 / 503)
  int perPeer = 32;  // open TCP connections from one IP address to one listener
};

struct SmtpLimits {
  // A command line, CRLF included; longer: 500 5.5.2. Lines inside DATA may be longer than
  // this and than RFC 5321's 1,000 octets (4.5.3.1.6 lets a server accept them): they are
  // kept whole, within maxMessageBytes.
  std::size_t maxLineBytes = 2048;
  std::size_t maxMessageBytes = 10 * 1024 * 1024;  // DATA after dot-unstuffing; beyond: read to the end, 552
  int maxRecipients = 100;                         // RCPT TO per message; beyond: 452
  int maxErrors = 10;                              // bad commands before 421 and disconnect
  std::chrono::seconds idleTimeout{300};           // no bytes from the peer for this long: 421
  // In DATA the peer must also keep up this rate: the message's time budget starts at
  // idleTimeout and each read adds its bytes / minDataRate seconds (Postfix's
  // smtpd_min_data_rate), so a message trickled a byte at a time cannot hold a slot.
  std::size_t minDataRate = 500;               // bytes per second; then 421
  std::chrono::seconds sessionDeadline{1800};  // whole session; then 421
};

struct HttpLimits {
  std::size_t maxHeaderBytes = 16 * 1024;  // request line and headers
  std::size_t maxBodyBytes = 64 * 1024;    // CTI events are small
  std::chrono::seconds idleTimeout{30};
  std::chrono::seconds requestDeadline{10};  // a request's first byte to its last; then 408 and close
  int maxRequestsPerConnection = 1000;       // keep-alive
  int wrongTokensFree = 3;                   // wrong webhook tokens from a peer answered 401 at once;
                                             // further ones wait 1 s more each (up to 5 s)
  int wrongTokensBeforeRefusal = 10;         // then the peer gets 429 for refusalPeriod
  std::chrono::seconds refusalPeriod{300};
};

struct SipLimits {
  std::size_t maxMessageBytes = 65535;  // a datagram or a TCP message, headers + body
  std::size_t maxHeaderBytes = 16 * 1024;
  int maxHeaders = 128;
  std::chrono::seconds tcpIdleTimeout{300};
  int maxActiveCalls = 10000;  // INVITE transactions and dialogs held at once
  // Final responses to non-INVITE requests kept for their retransmissions (timer J, 32 s
  // over UDP): about 1,000 calls/s of BYEs and OPTIONS pings. Beyond, the oldest go first.
  std::size_t maxKeptResponses = 100000;
};

struct ListenerLimits {
  ConnectionLimits connections;
  SmtpLimits smtp;
  HttpLimits http;
  SipLimits sip;
};

}  // namespace frontline::telephony
