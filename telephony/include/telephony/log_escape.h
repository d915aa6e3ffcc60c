// Peer bytes as they may appear in a log line: printable ASCII kept, everything else
// escaped (\r \n \t \xNN), truncated to a maximum with the original length noted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace frontline::telephony {

std::string escapeForLog(std::string_view bytes, std::size_t maxBytes = 160);

}  // namespace frontline::telephony
