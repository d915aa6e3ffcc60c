// SMTP/LMTP session state machine; see smtp_session.h.
#include "telephony/smtp/smtp_session.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace frontline::telephony {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && upper(s.substr(0, prefix.size())) == prefix;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// "FROM:<a@b> SIZE=10" after the verb: the path (without brackets) and the parameters.
// nullopt when the syntax is wrong. Empty path ("<>") is allowed only where `allowEmpty`.
struct PathAndParams {
  std::string path;
  std::vector<std::string> params;
};
std::optional<PathAndParams> parsePath(std::string_view rest, std::string_view keyword, bool allowEmpty) {
  rest = trim(rest);
  if (!startsWithNoCase(rest, keyword)) return std::nullopt;
  rest = trim(rest.substr(keyword.size()));
  PathAndParams out;
  std::string_view tail;
  if (!rest.empty() && rest.front() == '<') {
    auto close = rest.find('>');
    if (close == std::string_view::npos) return std::nullopt;
    out.path = std::string(rest.substr(1, close - 1));
    tail = rest.substr(close + 1);
  } else {
    auto space = rest.find(' ');
    out.path = std::string(rest.substr(0, space));
    tail = space == std::string_view::npos ? std::string_view() : rest.substr(space);
  }
  if (out.path.size() > 256) return std::nullopt;
  for (char c : out.path) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>') return std::nullopt;
  }
  if (out.path.empty() ? !allowEmpty : out.path.find('@') == std::string::npos) return std::nullopt;
  tail = trim(tail);
  while (!tail.empty()) {
    auto space = tail.find(' ');
    out.params.emplace_back(tail.substr(0, space));
    tail = space == std::string_view::npos ? std::string_view() : trim(tail.substr(space));
  }
  return out;
}

}  // namespace

SmtpSession::SmtpSession(Protocol protocol, SmtpLimits limits, std::string hostname)
    : m_protocol(protocol), m_limits(limits), m_hostname(std::move(hostname)) {}

std::string SmtpSession::greeting() const {
  return "220 " + m_hostname + (m_protocol == Protocol::Lmtp ? " LMTP" : " ESMTP") + " Frontline\r\n";
}

std::string SmtpSession::timeoutReply() const {
  return "421 4.4.2 " + m_hostname + " Error: timeout exceeded\r\n";
}

SmtpSession::Output SmtpSession::feed(std::string_view bytes) {
  if (m_closed) return {};
  m_in.append(bytes);
  if (m_awaitingCommit) return {};  // pipelined input waits for the commit
  return process();
}

SmtpSession::Output SmtpSession::messageCommitted(bool ok, std::string_view detail) {
  Output out;
  if (!m_awaitingCommit) return out;
  m_awaitingCommit = false;
  const std::size_t replies = m_protocol == Protocol::Lmtp ? m_message.recipients.size() : 1;
  for (std::size_t i = 0; i < replies; ++i) {
    if (ok) {
      reply(out, m_protocol == Protocol::Lmtp ? "250 2.1.5 <" + m_message.recipients[i] + "> delivered"
                                              : "250 2.0.0 Ok: queued as " + std::string(detail));
    } else {
      reply(out, "451 4.3.0 Error: not stored, try again later (" + std::string(detail) + ")");
    }
  }
  resetTransaction();
  Output more = process();
  out.replies += more.replies;
  out.message = std::move(more.message);
  out.close = more.close;
  return out;
}

SmtpSession::Output SmtpSession::process() {
  Output out;
  std::size_t pos = 0;
  while (!m_closed && !m_awaitingCommit) {
    const auto newline = m_in.find('\n', pos);
    if (newline == std::string::npos) {
      const std::size_t pending = m_in.size() - pos;
      if (pending > m_limits.maxLineBytes) {
        if (m_state == State::Data) {
          dataLine(std::string_view(m_in).substr(pos), false, out);  // a long data line: keep going
        } else if (!m_discardingLine) {
          m_discardingLine = true;
          error(out, "500 5.5.2 Error: line too long");
        }
        pos = m_in.size();
      }
      break;
    }
    std::string_view line = std::string_view(m_in).substr(pos, newline + 1 - pos);
    pos = newline + 1;
    if (m_state == State::Data) {
      dataLine(line, true, out);
    } else if (m_discardingLine) {
      m_discardingLine = false;  // the rest of an over-long line
    } else if (line.size() > m_limits.maxLineBytes) {
      error(out, "500 5.5.2 Error: line too long");
    } else {
      command(line, out);
    }
    if (out.message) break;
  }
  m_in.erase(0, pos);
  out.close = out.close || m_closed;
  return out;
}

void SmtpSession::reply(Output& out, std::string_view text) {
  out.replies.append(text);
  out.replies.append("\r\n");
}

void SmtpSession::error(Output& out, std::string_view text) {
  reply(out, text);
  if (++m_errors >= m_limits.maxErrors) {
    reply(out, "421 4.7.0 " + m_hostname + " Error: too many errors");
    m_closed = true;
  }
}

void SmtpSession::resetTransaction() {
  m_message = SmtpMessage{};
  m_dataOverflow = false;
  m_dataLineStart = true;
  if (m_state != State::Connected) m_state = State::Ready;
}

void SmtpSession::command(std::string_view line, Output& out) {
  line = trim(line);
  const auto space = line.find(' ');
  const std::string verb = upper(line.substr(0, space));
  const std::string_view arg = space == std::string_view::npos ? std::string_view() : trim(line.substr(space + 1));
  const bool lmtp = m_protocol == Protocol::Lmtp;

  if (verb == "EHLO" || verb == "HELO" || verb == "LHLO") {
    if (lmtp != (verb == "LHLO")) return error(out, lmtp ? "500 5.5.1 Error: use LHLO" : "500 5.5.1 Error: use EHLO");
    if (arg.empty()) return error(out, "501 5.5.4 Syntax: " + verb + " hostname");
    resetTransaction();
    m_state = State::Ready;
    if (verb == "HELO") return reply(out, "250 " + m_hostname);
    reply(out, "250-" + m_hostname);
    reply(out, "250-PIPELINING");
    reply(out, "250-SIZE " + std::to_string(m_limits.maxMessageBytes));
    reply(out, "250-8BITMIME");
    return reply(out, "250 ENHANCEDSTATUSCODES");
  }
  if (verb == "NOOP") return reply(out, "250 2.0.0 Ok");
  if (verb == "RSET") {
    resetTransaction();
    return reply(out, "250 2.0.0 Ok");
  }
  if (verb == "QUIT") {
    reply(out, "221 2.0.0 Bye");
    m_closed = true;
    return;
  }
  if (verb == "VRFY") return reply(out, "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery");
  if (verb == "MAIL") {
    if (m_state == State::Connected)
      return error(out, std::string("503 5.5.1 Error: send ") + (lmtp ? "LHLO" : "EHLO") + " first");
    if (m_state != State::Ready) return error(out, "503 5.5.1 Error: nested MAIL command");
    auto parsed = parsePath(arg, "FROM:", /*allowEmpty=*/true);
    if (!parsed) return error(out, "501 5.5.4 Syntax: MAIL FROM:<address>");
    for (const auto& param : parsed->params) {
      if (startsWithNoCase(param, "SIZE=")) {
        std::size_t size = 0;
        auto value = std::string_view(param).substr(5);
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), size);
        if (ec != std::errc() || end != value.data() + value.size()) return error(out, "501 5.5.4 Bad SIZE parameter");
        if (size > m_limits.maxMessageBytes) return error(out, "552 5.3.4 Error: message too big for this system");
      } else if (!startsWithNoCase(param, "BODY=")) {
        return error(out, "555 5.5.4 Unsupported option: " + param.substr(0, 40));
      }
    }
    m_message.envelopeFrom = parsed->path;
    m_state = State::Mail;
    return reply(out, "250 2.1.0 Ok");
  }
  if (verb == "RCPT") {
    if (m_state != State::Mail && m_state != State::Rcpt) return error(out, "503 5.5.1 Error: need MAIL command");
    auto parsed = parsePath(arg, "TO:", /*allowEmpty=*/false);
    if (!parsed) return error(out, "501 5.5.4 Syntax: RCPT TO:<address>");
    if (static_cast<int>(m_message.recipients.size()) >= m_limits.maxRecipients) {
      return reply(out, "452 4.5.3 Error: too many recipients");
    }
    m_message.recipients.push_back(parsed->path);
    m_state = State::Rcpt;
    return reply(out, "250 2.1.5 Ok");
  }
  if (verb == "DATA") {
    if (m_state != State::Rcpt) {
      return error(
          out, m_state == State::Mail ? "554 5.5.1 Error: no valid recipients" : "503 5.5.1 Error: need RCPT command");
    }
    if (!arg.empty()) return error(out, "501 5.5.4 Syntax: DATA");
    m_state = State::Data;
    m_dataLineStart = true;
    return reply(out, "354 End data with <CR><LF>.<CR><LF>");
  }
  error(out, "500 5.5.2 Error: command not recognized");
}

void SmtpSession::dataLine(std::string_view line, bool complete, Output& out) {
  if (m_dataLineStart && complete && (line == ".\r\n" || line == ".\n")) {
    if (m_dataOverflow) {
      const std::size_t replies = m_protocol == Protocol::Lmtp ? m_message.recipients.size() : 1;
      for (std::size_t i = 0; i < replies; ++i) reply(out, "552 5.3.4 Error: message file too big");
      resetTransaction();
      return;
    }
    m_awaitingCommit = true;
    out.message = m_message;  // the session keeps its copy for the per-recipient LMTP replies
    m_message.data.clear();
    m_message.data.shrink_to_fit();
    return;
  }
  if (m_dataLineStart && !line.empty() && line.front() == '.') line.remove_prefix(1);  // dot-unstuffing
  m_dataLineStart = complete;
  if (m_dataOverflow) return;
  if (m_message.data.size() + line.size() > m_limits.maxMessageBytes) {
    m_dataOverflow = true;  // stop storing; read to the end, then 552
    m_message.data.clear();
    m_message.data.shrink_to_fit();
    return;
  }
  m_message.data.append(line);
}

}  // namespace frontline::telephony
