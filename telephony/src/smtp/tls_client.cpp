// TLS for the relay client; see tls_client.h.
#include "tls_client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>

namespace frontline::telephony {
namespace {

bool waitFor(int fd, short events, TlsClient::Deadline deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
  if (left <= 0) return false;
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, static_cast<int>(left)) > 0;
}

std::string openSslError() {
  const unsigned long code = ERR_get_error();
  if (code == 0) return "the connection closed";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  return text;
}

}  // namespace

TlsClient::~TlsClient() {
  if (m_ssl) {
    SSL_shutdown(m_ssl);  // a close_notify, without waiting for the answer
    SSL_free(m_ssl);
  }
  if (m_ctx) SSL_CTX_free(m_ctx);
}

bool TlsClient::wait(int ret, Deadline deadline) {
  switch (SSL_get_error(m_ssl, ret)) {
    case SSL_ERROR_WANT_READ:
      return waitFor(m_fd, POLLIN, deadline);
    case SSL_ERROR_WANT_WRITE:
      return waitFor(m_fd, POLLOUT, deadline);
    default:
      return false;
  }
}

bool TlsClient::handshake(int fd, const std::string& host, const std::string& caFile, Deadline deadline,
                          std::string& error) {
  m_fd = fd;
  m_ctx = SSL_CTX_new(TLS_client_method());
  if (!m_ctx) {
    error = "TLS: " + openSslError();
    return false;
  }
  SSL_CTX_set_min_proto_version(m_ctx, TLS1_2_VERSION);
  SSL_CTX_set_verify(m_ctx, SSL_VERIFY_PEER, nullptr);
  const int loaded = caFile.empty() ? SSL_CTX_set_default_verify_paths(m_ctx)
                                    : SSL_CTX_load_verify_locations(m_ctx, caFile.c_str(), nullptr);
  if (loaded != 1) {
    error = "TLS: cannot load the CA certificates " + (caFile.empty() ? std::string("of the system") : caFile) + ": " +
            openSslError();
    return false;
  }
  m_ssl = SSL_new(m_ctx);
  SSL_set_fd(m_ssl, fd);
  SSL_set_tlsext_host_name(m_ssl, host.c_str());  // SNI
  SSL_set1_host(m_ssl, host.c_str());             // the certificate must name this host
  for (;;) {
    const int ret = SSL_connect(m_ssl);
    if (ret == 1) return true;
    if (!wait(ret, deadline)) {
      const long verified = SSL_get_verify_result(m_ssl);
      error = verified != X509_V_OK ? std::string("TLS: the relay's certificate is not trusted: ") +
                                          X509_verify_cert_error_string(verified)
                                    : "TLS: " + openSslError();
      SSL_free(m_ssl);
      m_ssl = nullptr;
      return false;
    }
  }
}

long TlsClient::read(char* buffer, std::size_t size, Deadline deadline) {
  for (;;) {
    const int n = SSL_read(m_ssl, buffer, static_cast<int>(size));
    if (n > 0) return n;
    if (!wait(n, deadline)) return 0;
  }
}

bool TlsClient::write(std::string_view data, Deadline deadline) {
  while (!data.empty()) {
    const int n = SSL_write(m_ssl, data.data(), static_cast<int>(data.size()));
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
    } else if (!wait(n, deadline)) {
      return false;
    }
  }
  return true;
}

}  // namespace frontline::telephony
