// Parses one received email (RFC 5322 + MIME) with GMime into the fields the desk needs,
// all text converted to UTF-8: From (address and decoded display name), To, Subject
// (RFC 2047, any charset), Message-ID, In-Reply-To and References (for threading), the
// body (text/plain preferred, else HTML reduced to text) and attachment names and sizes.
//
// Trust: the bytes come from an unauthenticated peer. GMime is lenient; whatever it
// cannot read is left empty rather than failing the message.
#pragma once

#include <string_view>

#include "telephony/contact_event.h"

namespace frontline::telephony {

// Call once per process before parsing (idempotent, thread-safe).
void initEmailParsing();

// Fills the header and body fields of `email` from `raw` (envelope fields are untouched).
void parseEmail(std::string_view raw, ReceivedEmail& email);

// "<p>Hello&nbsp;<b>Ann</b></p>" -> "Hello Ann": tags dropped, block ends as new lines,
// common entities decoded, runs of blank space folded.
std::string htmlToText(std::string_view html);

}  // namespace frontline::telephony
