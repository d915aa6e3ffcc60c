// Normalised contact addresses: how a caller's number or a sender's email is written in
// customer_addresses and looked up for the screen pop. Phones become E.164 (libphonenumber,
// with a default region for national formats); emails are trimmed and lowercased.
// Pure functions over untrusted text: nothing here throws on bad input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace frontline::store {

struct ContactAddress {
  enum class Kind { Phone, Email };
  Kind kind = Kind::Phone;
  std::string value;  // "+442079460958" or "li.wei@example.com"
  bool operator==(const ContactAddress&) const = default;
};

std::string_view toString(ContactAddress::Kind kind);

// "+44 20 7946 0958", "020 7946 0958" (region GB), "0044 20 7946 0958", "tel:+44-20-7946-0958".
std::optional<std::string> normalisePhone(std::string_view raw, std::string_view defaultRegion);
// "  Li.Wei@Example.COM ", "<li.wei@example.com>", "mailto:li.wei@example.com".
std::optional<std::string> normaliseEmail(std::string_view raw);
// True for a region code libphonenumber knows ("GB", "CN", ...), for configuration checks.
bool isKnownPhoneRegion(std::string_view region);
// Email when it contains '@', phone otherwise.
std::optional<ContactAddress> normaliseAddress(std::string_view raw, std::string_view defaultRegion);

}  // namespace frontline::store
