// One SMTP (RFC 5321) or LMTP (RFC 2033) session as a pure state machine: bytes from the
// peer go in, reply bytes and completed messages come out. No sockets, no clocks (the
// listener owns timeouts), no exceptions on any input.
//
// Trust: every byte fed here comes from an unauthenticated peer. Limits (SmtpLimits):
// line length, message size (beyond it the message is read to its end and refused with
// 552, and the session goes on), recipients, and bad commands before 421.
//
// Durability: a completed message is returned once; the session then waits (buffering
// any pipelined input) until messageCommitted() says the desk committed it, and only then
// replies 250 (LMTP: one reply per recipient).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "telephony/limits.h"

namespace frontline::telephony {

struct SmtpMessage {
  std::string envelopeFrom;
  std::vector<std::string> recipients;
  std::string data;  // after dot-unstuffing, line endings as received
};

class SmtpSession {
 public:
  enum class Protocol { Smtp, Lmtp };

  SmtpSession(Protocol protocol, SmtpLimits limits, std::string hostname);

  struct Output {
    std::string replies;                 // bytes to send, in order
    std::optional<SmtpMessage> message;  // to commit before any further input is processed
    bool close = false;                  // close the connection after sending `replies`
  };

  std::string greeting() const;
  // Appends peer bytes and processes complete lines, stopping at a completed message.
  Output feed(std::string_view bytes);
  // The pending message was committed (ok) or not: replies for it, then any buffered input.
  Output messageCommitted(bool ok, std::string_view detail);
  // The listener's idle timer or session deadline expired.
  std::string timeoutReply() const;

  bool awaitingCommit() const { return m_awaitingCommit; }
  bool inData() const { return m_state == State::Data; }
  bool closed() const { return m_closed; }
  Protocol protocol() const { return m_protocol; }

 private:
  enum class State { Connected, Ready, Mail, Rcpt, Data };

  Output process();
  void command(std::string_view line, Output& out);
  void dataLine(std::string_view line, bool complete, Output& out);
  void reply(Output& out, std::string_view text);
  void error(Output& out, std::string_view text);
  void resetTransaction();

  Protocol m_protocol;
  SmtpLimits m_limits;
  std::string m_hostname;
  State m_state = State::Connected;
  std::string m_in;               // unprocessed peer bytes
  bool m_discardingLine = false;  // the current command line is over the limit
  bool m_dataLineStart = true;
  bool m_dataOverflow = false;
  bool m_awaitingCommit = false;
  bool m_closed = false;
  int m_errors = 0;
  SmtpMessage m_message;
};

}  // namespace frontline::telephony
