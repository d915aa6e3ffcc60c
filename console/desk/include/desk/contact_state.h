// What the desk and the views say about a contact, as types rather than strings: its
// channel and where it stands. The store keeps strings ("voice", "connected"); the desk
// converts at that boundary (fromStoreChannel, fromStoreStatus) and nowhere else.
#pragma once

#include <string_view>

namespace frontline::desk {

enum class Channel { Voice, Email };
// A contact in front of the agent: ringing (offered, not yet answered or taken), dialling
// (a call the agent placed, not yet answered by the customer), connected (a call talking,
// an email open), held, ended (after-contact work) or wrapped.
enum class ContactStatus { Ringing, Dialling, Connected, Held, Ended, Wrapped };

constexpr std::string_view toString(Channel c) {
  return c == Channel::Email ? "email" : "voice";
}

constexpr std::string_view toString(ContactStatus s) {
  switch (s) {
    case ContactStatus::Ringing:
      return "ringing";
    case ContactStatus::Dialling:
      return "dialling";
    case ContactStatus::Connected:
      return "connected";
    case ContactStatus::Held:
      return "held";
    case ContactStatus::Ended:
      return "ended";
    case ContactStatus::Wrapped:
      return "wrapped";
  }
  return "ended";
}

constexpr Channel fromStoreChannel(std::string_view text) {
  return text == "email" ? Channel::Email : Channel::Voice;
}

// The store's interaction status: offered and ringing are both ringing to the agent, or
// dialling when the agent placed the call (`outbound`).
constexpr ContactStatus fromStoreStatus(std::string_view text, bool outbound = false) {
  if (text == "connected") return ContactStatus::Connected;
  if (text == "held") return ContactStatus::Held;
  if (text == "ended") return ContactStatus::Ended;
  if (text == "wrapped") return ContactStatus::Wrapped;
  return outbound ? ContactStatus::Dialling : ContactStatus::Ringing;
}

}  // namespace frontline::desk
