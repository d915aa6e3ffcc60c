// The generic CTI event format PBX bridges post: `event` = newCall | answer | hangup, with
// from, to, direction (in | out), callId, user (string or array; user[] in forms), queue,
// cause, answeringNumber. Accepted as JSON or application/x-www-form-urlencoded.
// Pure: untrusted body in, a CtiEvent or a message saying which field is wrong out.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "telephony/contact_event.h"

namespace frontline::telephony {

std::variant<CtiEvent, std::string> parseCtiEvent(std::string_view contentType, std::string_view body);

// Equal strings in time that depends only on their lengths (for the webhook token).
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace frontline::telephony
