// The generic CTI event format PBX bridges post: `event` = newCall | answer | hangup, with
// from, to, direction (in | out), callId, user (string or array; user[] in forms), queue,
// cause, answeringNumber; or `event` = transcript with callId, speaker (customer | agent)
// and text (one line of the call's speech-to-text, up to kMaxTranscriptBytes). Accepted as
// JSON or application/x-www-form-urlencoded.
// Pure: untrusted body in, a CtiEvent or a message saying which field is wrong out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "telephony/contact_event.h"

namespace frontline::telephony {

inline constexpr std::size_t kMaxCtiFieldBytes = 256;     // any field but a transcript's text
inline constexpr std::size_t kMaxTranscriptBytes = 4096;  // a transcript line's text

std::variant<CtiEvent, std::string> parseCtiEvent(std::string_view contentType, std::string_view body);

// Equal strings in time that depends only on their lengths (for the webhook token).
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace frontline::telephony
