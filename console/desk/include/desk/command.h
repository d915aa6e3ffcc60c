// What the UI (or a headless caller) asks the desk to do. Posted to the desk thread,
// never executed on the caller's thread.
#pragma once

#include <string>
#include <variant>

namespace frontline::desk {

struct RefreshSummary {};
struct LookUpCustomer {
  std::string text;  // a phone number in any format, or an email address
};

using Command = std::variant<RefreshSummary, LookUpCustomer>;

}  // namespace frontline::desk
