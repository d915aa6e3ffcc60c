// Digest authentication of the calls we place (RFC 3261 22.2-22.4, RFC 2617, RFC 8760):
// a PBX or trunk challenges our INVITE with 401 (WWW-Authenticate) or 407
// (Proxy-Authenticate), and we send it again with the answer. The password comes from
// sip.password_file (see loadSipCredentials), never from the configuration itself.
// Pure functions; the SIP server sends and receives.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace frontline::telephony {

struct DigestChallenge {
  std::string realm;
  std::string nonce;
  std::string opaque;
  std::string algorithm = "MD5";  // MD5 or SHA-256
  bool qopAuth = false;           // the server offered qop=auth: we answer with cnonce and nc
  bool stale = false;             // the nonce expired, the password was right
};

// The value of a WWW-Authenticate or Proxy-Authenticate header; an error says why it
// cannot be answered ("not Digest", "no nonce", "algorithm SHA-512-256 is not supported").
std::variant<DigestChallenge, std::string> parseDigestChallenge(std::string_view value);

// The Authorization (or Proxy-Authorization) header value answering `challenge` for a
// request `method` on `uri`. `cnonce` and `nonceCount` are used when qop=auth.
std::string digestAuthorization(const DigestChallenge& challenge, std::string_view user, std::string_view password,
                                std::string_view method, std::string_view uri, std::string_view cnonce,
                                std::uint32_t nonceCount);

// The accounts in sip.password_file: one per line, `REALM USER PASSWORD` separated by
// spaces or tabs (the password is the rest of the line), `*` as the realm for any realm;
// blank lines and lines starting with # are skipped.
struct SipCredential {
  std::string realm;
  std::string user;
  std::string password;
};
struct SipCredentials {
  std::vector<SipCredential> accounts;
  // The first account for `realm` (then the first `*`); null when there is none.
  const SipCredential* forRealm(std::string_view realm) const;
};
// `name` is used in errors: "FILE:LINE: ...".
std::variant<SipCredentials, std::string> parseSipCredentials(std::string_view text, std::string_view name);
// Reads the file; refuses one that others may read (it holds passwords) or that is missing.
std::variant<SipCredentials, std::string> loadSipCredentials(const std::string& path);

}  // namespace frontline::telephony
