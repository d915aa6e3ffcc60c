// The SMTP client; see smtp_client.h.
#include "telephony/smtp/smtp_client.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace frontline::telephony {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::string base64(std::string_view in, std::size_t lineLength = 76) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t column = 0;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::uint32_t b0 = static_cast<unsigned char>(in[i]);
    const std::uint32_t b1 = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0;
    const std::uint32_t b2 = i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0;
    const std::uint32_t n = (b0 << 16) | (b1 << 8) | b2;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[n & 63] : '=';
    column += 4;
    if (lineLength && column >= lineLength && i + 3 < in.size()) {
      out += "\r\n";
      column = 0;
    }
  }
  return out;
}

bool isPlainHeaderText(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80 || c == '\r' || c == '\n' || (c < 0x20 && c != '\t')) return false;
  }
  return true;
}

// A header value: as it is when plain ASCII, else an RFC 2047 encoded word.
std::string headerText(std::string_view text) {
  if (isPlainHeaderText(text)) return std::string(text);
  return "=?UTF-8?B?" + base64(text, 0) + "?=";
}

std::string mailbox(const std::string& name, const std::string& address) {
  if (name.empty()) return "<" + address + ">";
  if (isPlainHeaderText(name) && name.find_first_of("\"\\") == std::string::npos) {
    return "\"" + name + "\" <" + address + ">";
  }
  return headerText(name) + " <" + address + ">";
}

std::string rfc5322Date(std::int64_t us) {
  const std::time_t t = static_cast<std::time_t>(us / 1'000'000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// One connection, one message; every step names itself in the result when it fails.
class Session {
 public:
  explicit Session(std::chrono::milliseconds timeout) : m_deadline(SteadyClock::now() + timeout) {}
  ~Session() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  bool connect(const std::string& host, std::uint16_t port, std::string& error) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
    if (rc != 0) {
      error = "cannot resolve " + host + ": " + ::gai_strerror(rc);
      return false;
    }
    error = "cannot connect to " + host + ":" + std::to_string(port);
    for (addrinfo* a = found; a; a = a->ai_next) {
      m_fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK, a->ai_protocol);
      if (m_fd < 0) continue;
      if (::connect(m_fd, a->ai_addr, a->ai_addrlen) == 0 || (errno == EINPROGRESS && waitFor(POLLOUT))) {
        int soError = 0;
        socklen_t len = sizeof soError;
        ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &soError, &len);
        if (soError == 0) {
          ::freeaddrinfo(found);
          return true;
        }
        error += std::string(": ") + std::strerror(soError);
      }
      ::close(m_fd);
      m_fd = -1;
    }
    ::freeaddrinfo(found);
    return false;
  }

  // Reads one whole (possibly multi-line) reply; its code, or 0 on timeout or close.
  int reply(std::string& text) {
    text.clear();
    for (;;) {
      for (std::size_t nl; (nl = m_in.find('\n')) != std::string::npos;) {
        std::string line = m_in.substr(0, nl);
        m_in.erase(0, nl + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        text += (text.empty() ? "" : " / ") + line;
        if (line.size() >= 3 && (line.size() == 3 || line[3] == ' ')) return std::atoi(line.substr(0, 3).c_str());
      }
      if (!waitFor(POLLIN)) return 0;
      char buf[2048];
      const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
      if (n <= 0) return 0;
      m_in.append(buf, static_cast<std::size_t>(n));
    }
  }

  bool write(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n > 0) {
        data.remove_prefix(static_cast<std::size_t>(n));
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!waitFor(POLLOUT)) return false;
      } else {
        return false;
      }
    }
    return true;
  }

 private:
  bool waitFor(short events) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - SteadyClock::now()).count();
    if (left <= 0) return false;
    pollfd p{m_fd, events, 0};
    return ::poll(&p, 1, static_cast<int>(left)) > 0 && (p.revents & (events | POLLHUP | POLLERR));
  }

  int m_fd = -1;
  std::string m_in;
  SteadyClock::time_point m_deadline;
};

}  // namespace

std::string formatEmail(const OutgoingEmail& e) {
  std::string m;
  m += "Date: " + rfc5322Date(e.dateUs) + "\r\n";
  m += "From: " + mailbox(e.fromName, e.fromAddress) + "\r\n";
  m += "To: " + mailbox(e.toName, e.to) + "\r\n";
  m += "Subject: " + headerText(e.subject) + "\r\n";
  m += "Message-ID: <" + e.messageId + ">\r\n";
  if (!e.inReplyTo.empty()) m += "In-Reply-To: <" + e.inReplyTo + ">\r\n";
  if (!e.references.empty()) {
    m += "References:";
    for (const auto& r : e.references) m += " <" + r + ">";
    m += "\r\n";
  }
  m += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64(e.body) + "\r\n";
  return m;
}

SendResult sendEmail(const std::string& host, std::uint16_t port, const std::string& heloName,
                     const OutgoingEmail& email, std::chrono::milliseconds timeout) {
  SendResult result;
  Session s(timeout);
  if (!s.connect(host, port, result.detail)) return result;
  std::string text;
  auto step = [&](const char* what, const std::string& command, int expectedClass) {
    if (!command.empty() && !s.write(command)) {
      result.detail = std::string(what) + ": the connection closed";
      return false;
    }
    const int code = s.reply(text);
    if (code / 100 != expectedClass) {
      result.detail = std::string(what) + ": " + (code == 0 ? "no reply in time" : text);
      return false;
    }
    return true;
  };
  if (!step("greeting", "", 2)) return result;
  if (!s.write("EHLO " + heloName + "\r\n")) {
    result.detail = "EHLO: the connection closed";
    return result;
  }
  if (s.reply(text) / 100 != 2 && !step("HELO", "HELO " + heloName + "\r\n", 2)) return result;
  // The message with dot-stuffing (base64 bodies and our headers never start with '.',
  // but a relay must never see an early end of data).
  std::string data = formatEmail(email);
  for (std::size_t pos = 0; (pos = data.find("\r\n.", pos)) != std::string::npos; pos += 4) data.insert(pos + 2, ".");
  if (!step("MAIL FROM", "MAIL FROM:<" + email.fromAddress + ">\r\n", 2) ||
      !step("RCPT TO", "RCPT TO:<" + email.to + ">\r\n", 2) || !step("DATA", "DATA\r\n", 3) ||
      !step("end of data", data + ".\r\n", 2)) {
    return result;
  }
  result.ok = true;
  result.detail = text;
  s.write("QUIT\r\n");
  s.reply(text);
  return result;
}

}  // namespace frontline::telephony
