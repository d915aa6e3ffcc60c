// What the customer wrote themselves in an email: the quoted earlier messages ("> " lines,
// "On ... wrote:", "-----Original Message-----", 在...写道：, 原始邮件) and the signature (after
// "-- ", "Sent from my ...", 发自我的...) are cut off, so the agent's own words and an old
// message are not scored as the customer's feeling now.
#pragma once

#include <string>
#include <string_view>

namespace frontline::emotion {

std::string customerWords(std::string_view body);

}  // namespace frontline::emotion
