// TLS on an already connected, non-blocking socket (the SMTP relay client's STARTTLS), with
// OpenSSL: the server's certificate is checked against the system's CAs (or one file of
// them) and against the host name it was reached by, as a mail client must (RFC 8314 /
// RFC 6125). Every step waits at most until the caller's deadline.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

using SSL = struct ssl_st;
using SSL_CTX = struct ssl_ctx_st;

namespace frontline::telephony {

class TlsClient {
 public:
  using Deadline = std::chrono::steady_clock::time_point;

  TlsClient() = default;
  ~TlsClient();
  TlsClient(const TlsClient&) = delete;
  TlsClient& operator=(const TlsClient&) = delete;

  // The handshake on `fd` for `host`; `caFile` empty: the system's CAs. On failure, false
  // and `error` says why (the certificate's problem when it was the certificate).
  bool handshake(int fd, const std::string& host, const std::string& caFile, Deadline deadline, std::string& error);
  // Like recv/send: bytes read (0: closed, timed out or failed) / whether all was written.
  long read(char* buffer, std::size_t size, Deadline deadline);
  bool write(std::string_view data, Deadline deadline);
  bool active() const { return m_ssl != nullptr; }

 private:
  // After an SSL call returned `ret`: waits for what OpenSSL asks for; false when it failed.
  bool wait(int ret, Deadline deadline);

  int m_fd = -1;
  SSL_CTX* m_ctx = nullptr;
  SSL* m_ssl = nullptr;
};

}  // namespace frontline::telephony
