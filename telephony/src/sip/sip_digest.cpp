// Digest answers and the password file; see sip_digest.h.
#include "telephony/sip/sip_digest.h"

#include <sys/stat.h>

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace frontline::telephony {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string hexDigest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), out, &length, md, nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 15];
  }
  return hex;
}

// A quoted-string's content for a header (RFC 3261 25.1: backslash escapes " and \).
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::variant<DigestChallenge, std::string> parseDigestChallenge(std::string_view value) {
  std::size_t i = 0;
  while (i < value.size() && isSpace(value[i])) ++i;
  std::size_t schemeEnd = i;
  while (schemeEnd < value.size() && !isSpace(value[schemeEnd])) ++schemeEnd;
  if (lower(value.substr(i, schemeEnd - i)) != "digest") return std::string("the challenge is not Digest");
  i = schemeEnd;
  DigestChallenge c;
  std::string qop;
  while (i < value.size()) {
    while (i < value.size() && (isSpace(value[i]) || value[i] == ',')) ++i;
    const std::size_t nameStart = i;
    while (i < value.size() && value[i] != '=' && value[i] != ',' && !isSpace(value[i])) ++i;
    const std::string name = lower(value.substr(nameStart, i - nameStart));
    while (i < value.size() && isSpace(value[i])) ++i;
    if (i >= value.size() || value[i] != '=') {
      if (name.empty()) break;
      return "the challenge's parameter '" + name + "' has no value";
    }
    ++i;
    while (i < value.size() && isSpace(value[i])) ++i;
    std::string v;
    if (i < value.size() && value[i] == '"') {
      ++i;
      bool closed = false;
      while (i < value.size()) {
        char ch = value[i++];
        if (ch == '\\' && i < value.size()) {
          v += value[i++];
        } else if (ch == '"') {
          closed = true;
          break;
        } else {
          v += ch;
        }
      }
      if (!closed) return "the challenge's parameter '" + name + "' has no closing quote";
    } else {
      const std::size_t start = i;
      while (i < value.size() && value[i] != ',' && !isSpace(value[i])) ++i;
      v = std::string(value.substr(start, i - start));
    }
    if (name == "realm")
      c.realm = v;
    else if (name == "nonce")
      c.nonce = v;
    else if (name == "opaque")
      c.opaque = v;
    else if (name == "algorithm")
      c.algorithm = v;
    else if (name == "qop")
      qop = lower(v);
    else if (name == "stale")
      c.stale = lower(v) == "true";
  }
  if (c.nonce.empty()) return std::string("the challenge has no nonce");
  const std::string algorithm = lower(c.algorithm);
  if (algorithm != "md5" && algorithm != "sha-256") {
    return "the challenge asks for algorithm " + c.algorithm + "; Frontline answers MD5 and SHA-256";
  }
  if (!qop.empty()) {
    std::istringstream options(qop);
    std::string option;
    while (std::getline(options, option, ',')) {
      option.erase(std::remove_if(option.begin(), option.end(), [](char ch) { return isSpace(ch); }), option.end());
      if (option == "auth") c.qopAuth = true;
    }
    if (!c.qopAuth) return "the challenge offers only qop=" + qop + "; Frontline answers qop=auth";
  }
  return c;
}

std::string digestAuthorization(const DigestChallenge& c, std::string_view user, std::string_view password,
                                std::string_view method, std::string_view uri, std::string_view cnonce,
                                std::uint32_t nonceCount) {
  const EVP_MD* md = lower(c.algorithm) == "sha-256" ? EVP_sha256() : EVP_md5();
  const std::string ha1 = hexDigest(md, std::string(user) + ":" + c.realm + ":" + std::string(password));
  const std::string ha2 = hexDigest(md, std::string(method) + ":" + std::string(uri));
  char nc[9];
  std::snprintf(nc, sizeof nc, "%08x", nonceCount);
  const std::string response =
      c.qopAuth ? hexDigest(md, ha1 + ":" + c.nonce + ":" + nc + ":" + std::string(cnonce) + ":auth:" + ha2)
                : hexDigest(md, ha1 + ":" + c.nonce + ":" + ha2);
  std::string h = "Digest username=" + quoted(user) + ", realm=" + quoted(c.realm) + ", nonce=" + quoted(c.nonce) +
                  ", uri=" + quoted(uri) + ", response=\"" + response + "\", algorithm=" + c.algorithm;
  if (!c.opaque.empty()) h += ", opaque=" + quoted(c.opaque);
  if (c.qopAuth) h += ", qop=auth, nc=" + std::string(nc) + ", cnonce=" + quoted(cnonce);
  return h;
}

const SipCredential* SipCredentials::forRealm(std::string_view realm) const {
  for (const auto& a : accounts)
    if (a.realm == realm) return &a;
  for (const auto& a : accounts)
    if (a.realm == "*") return &a;
  return nullptr;
}

std::variant<SipCredentials, std::string> parseSipCredentials(std::string_view text, std::string_view name) {
  SipCredentials result;
  std::size_t lineNo = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t i = 0;
    while (i < line.size() && isSpace(line[i])) ++i;
    if (i == line.size() || line[i] == '#') {
      if (end == text.size()) break;
      continue;
    }
    auto field = [&] {
      while (i < line.size() && isSpace(line[i])) ++i;
      const std::size_t start = i;
      while (i < line.size() && !isSpace(line[i])) ++i;
      return std::string(line.substr(start, i - start));
    };
    SipCredential account;
    account.realm = field();
    account.user = field();
    while (i < line.size() && isSpace(line[i])) ++i;
    account.password = std::string(line.substr(i));
    while (!account.password.empty() && isSpace(account.password.back())) account.password.pop_back();
    if (account.user.empty() || account.password.empty()) {
      return std::string(name) + ":" + std::to_string(lineNo) +
             ": expected REALM USER PASSWORD (use * as the realm for any realm)";
    }
    result.accounts.push_back(std::move(account));
    if (end == text.size()) break;
  }
  if (result.accounts.empty()) return std::string(name) + ": no account in the file (REALM USER PASSWORD per line)";
  return result;
}

std::variant<SipCredentials, std::string> loadSipCredentials(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return path + ": cannot be read (sip.password_file)";
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return path + ": others may read it (mode " + mode + "); it holds passwords: chmod 600 it";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot be read (sip.password_file)";
  std::stringstream text;
  text << in.rdbuf();
  return parseSipCredentials(text.str(), path);
}

}  // namespace frontline::telephony
