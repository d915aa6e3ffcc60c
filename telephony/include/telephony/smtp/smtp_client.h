// Sending one email over SMTP (RFC 5321) as a client: the agent's replies through the
// configured relay, and the demo traffic's emails to our own listener. Blocking, with a
// timeout on every step; call it from a thread that may wait (never the network thread
// of the listeners or the UI thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace frontline::telephony {

struct OutgoingEmail {
  std::string messageId;  // without angle brackets
  std::string fromAddress;
  std::string fromName;
  std::string to;
  std::string toName;
  std::string subject;
  std::string body;                     // UTF-8 text; sent base64-encoded, so any text and line length travel
  std::string inReplyTo;                // message id, without brackets
  std::vector<std::string> references;  // oldest first, without brackets
  std::int64_t dateUs = 0;              // Date: header
};

struct SendResult {
  bool ok = false;
  std::string detail;      // the server's final reply, or what went wrong and at which step
  bool permanent = false;  // the server refused with a 5xx: sending it again will not help
};

// The message as RFC 5322 text with CRLF line ends, composed by GMime
// (email_composer.cpp): headers that are not ASCII as RFC 2047 encoded words of at most 75
// characters, every header folded to lines of at most 78; the body UTF-8 text, base64.
std::string formatEmail(const OutgoingEmail& email);

// How the relay client protects the session: STARTTLS (RFC 3207) with the relay's
// certificate checked (against `caFile`, or the system's CAs), then AUTH PLAIN or LOGIN
// (RFC 4954) when a user is set.
struct RelaySecurity {
  bool startTls = false;
  std::string caFile;
  std::string user;
  std::string password;  // never logged
};

// Delivers `email` to host:port: EHLO (HELO when refused and TLS is not asked for),
// STARTTLS and EHLO again, AUTH, MAIL, RCPT, DATA, QUIT.
SendResult sendEmail(const std::string& host, std::uint16_t port, const std::string& heloName,
                     const OutgoingEmail& email, std::chrono::milliseconds timeout = std::chrono::seconds(30),
                     const RelaySecurity& security = {});

// Where the desk hands replies to be sent. `done` is called once, on the sender's thread.
class MailSender {
 public:
  virtual ~MailSender() = default;
  virtual void send(OutgoingEmail email, std::function<void(SendResult)> done) = 0;
};

}  // namespace frontline::telephony
