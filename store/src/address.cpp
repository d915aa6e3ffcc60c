// Phone and email normalisation; see address.h.
#include "store/address.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>

namespace frontline::store {
namespace {

constexpr std::size_t kMaxAddressLength = 320;  // RFC 5321 path limit; phones are far shorter

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view toString(ContactAddress::Kind kind) {
  return kind == ContactAddress::Kind::Phone ? "phone" : "email";
}

std::optional<std::string> normalisePhone(std::string_view raw, std::string_view defaultRegion) {
  std::string_view s = trim(raw);
  if (s.empty() || s.size() > kMaxAddressLength) return std::nullopt;
  if (startsWithNoCase(s, "tel:")) s.remove_prefix(4);
  if (auto semicolon = s.find(';'); semicolon != std::string_view::npos) s = s.substr(0, semicolon);  // tel: params
  // "00" is the international prefix in most of the world; libphonenumber only knows the
  // default region's own prefix, so read "00 44 ..." as "+44 ..." before parsing.
  std::string text(s);
  if (text.size() > 2 && text[0] == '0' && text[1] == '0') text = "+" + text.substr(2);

  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(text, std::string(defaultRegion), &number) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
  if (!util.IsPossibleNumber(number)) return std::nullopt;
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

std::optional<std::string> normaliseEmail(std::string_view raw) {
  std::string_view s = trim(raw);
  if (startsWithNoCase(s, "mailto:")) s.remove_prefix(7);
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = trim(s.substr(1, s.size() - 2));
  if (s.empty() || s.size() > kMaxAddressLength) return std::nullopt;
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == s.size() || s.find('@', at + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',') return std::nullopt;
    out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

bool isKnownPhoneRegion(std::string_view region) {
  return i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(std::string(region)) != 0;
}

std::optional<ContactAddress> normaliseAddress(std::string_view raw, std::string_view defaultRegion) {
  if (raw.find('@') != std::string_view::npos) {
    if (auto email = normaliseEmail(raw)) return ContactAddress{ContactAddress::Kind::Email, std::move(*email)};
    return std::nullopt;
  }
  if (auto phone = normalisePhone(raw, defaultRegion))
    return ContactAddress{ContactAddress::Kind::Phone, std::move(*phone)};
  return std::nullopt;
}

}  // namespace frontline::store
