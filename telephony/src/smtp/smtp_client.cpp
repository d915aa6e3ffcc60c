// The SMTP client; see smtp_client.h.
#include "telephony/smtp/smtp_client.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <glib.h>

#include "tls_client.h"

namespace frontline::telephony {
namespace {

using SteadyClock = std::chrono::steady_clock;

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
      char buf[2048];
      ssize_t n = 0;
      if (m_tls.active()) {
        n = m_tls.read(buf, sizeof buf, m_deadline);
      } else {
        if (!waitFor(POLLIN)) return 0;
        n = ::recv(m_fd, buf, sizeof buf, 0);
      }
      if (n <= 0) return 0;
      m_in.append(buf, static_cast<std::size_t>(n));
    }
  }

  bool write(std::string_view data) {
    if (m_tls.active()) return m_tls.write(data, m_deadline);
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

  // STARTTLS has been answered 220: the handshake, then everything goes through TLS.
  bool startTls(const std::string& host, const std::string& caFile, std::string& error) {
    m_in.clear();  // nothing read before the handshake may be taken as protected (RFC 3207 6)
    return m_tls.handshake(m_fd, host, caFile, m_deadline, error);
  }

 private:
  bool waitFor(short events) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - SteadyClock::now()).count();
    if (left <= 0) return false;
    pollfd p{m_fd, events, 0};
    return ::poll(&p, 1, static_cast<int>(left)) > 0 && (p.revents & (events | POLLHUP | POLLERR));
  }

  int m_fd = -1;
  TlsClient m_tls;  // before the socket closes: its close_notify goes first
  std::string m_in;
  SteadyClock::time_point m_deadline;
};

}  // namespace

namespace {

// Whether the EHLO reply (its lines joined by " / ") announces `keyword`, and for AUTH the
// mechanism `parameter`.
bool announces(const std::string& ehlo, std::string_view keyword, std::string_view parameter = {}) {
  std::size_t from = 0;
  for (;;) {
    const std::size_t end = std::min(ehlo.find(" / ", from), ehlo.size());
    std::string line = ehlo.substr(from, end - from);
    if (line.size() > 4) line = line.substr(4);  // "250-" or "250 "
    for (char& c : line) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (line.rfind(keyword, 0) == 0 && (line.size() == keyword.size() || line[keyword.size()] == ' ')) {
      if (parameter.empty() || (" " + line + " ").find(" " + std::string(parameter) + " ") != std::string::npos) {
        return true;
      }
    }
    if (end >= ehlo.size()) return false;
    from = end + 3;
  }
}

std::string base64(std::string_view bytes) {
  gchar* text = g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size());
  std::string out(text);
  g_free(text);
  return out;
}

}  // namespace

SendResult sendEmail(const std::string& host, std::uint16_t port, const std::string& heloName,
                     const OutgoingEmail& email, std::chrono::milliseconds timeout, const RelaySecurity& security) {
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
      // Refusals of the message itself are final; of the session (TLS, AUTH: settings
      // someone can fix) they are not.
      result.permanent = code / 100 == 5 && std::string_view(what) != "AUTH";
      return false;
    }
    return true;
  };
  auto ehlo = [&] {
    if (!s.write("EHLO " + heloName + "\r\n")) {
      result.detail = "EHLO: the connection closed";
      return false;
    }
    return s.reply(text) / 100 == 2 || (!security.startTls && step("HELO", "HELO " + heloName + "\r\n", 2));
  };
  if (!step("greeting", "", 2) || !ehlo()) {
    if (result.detail.empty()) result.detail = "EHLO: " + text;
    return result;
  }
  if (security.startTls) {
    if (!announces(text, "STARTTLS")) {
      result.detail = "STARTTLS: the relay does not offer it (smtp.relay_tls = \"starttls\"): " + text;
      return result;
    }
    if (!step("STARTTLS", "STARTTLS\r\n", 2)) return result;
    if (!s.startTls(host, security.caFile, result.detail)) return result;
    if (!ehlo()) {
      if (result.detail.empty()) result.detail = "EHLO after STARTTLS: " + text;
      return result;
    }
  }
  if (!security.user.empty()) {
    // Only ever over TLS (the configuration refuses a user without smtp.relay_tls).
    if (announces(text, "AUTH", "PLAIN")) {
      const std::string credentials = std::string(1, '\0') + security.user + std::string(1, '\0') + security.password;
      if (!step("AUTH", "AUTH PLAIN " + base64(credentials) + "\r\n", 2)) return result;
    } else if (announces(text, "AUTH", "LOGIN")) {
      if (!step("AUTH", "AUTH LOGIN\r\n", 3) || !step("AUTH", base64(security.user) + "\r\n", 3) ||
          !step("AUTH", base64(security.password) + "\r\n", 2)) {
        return result;
      }
    } else {
      result.detail = "AUTH: the relay offers neither PLAIN nor LOGIN: " + text;
      return result;
    }
  }
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
