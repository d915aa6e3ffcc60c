// What a blind transfer needs (RFC 3515 REFER, RFC 3420 message/sipfrag): the Refer-To
// URI made from what the agent typed, and the outcome the caller's phone reports in its
// NOTIFYs. Pure functions; the SIP server sends and receives.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace frontline::telephony {

// The SIP URI a transfer goes to. `target` is a number or extension ("2001", "+442079460000",
// "sales") or a SIP address ("sales@pbx.example", "sip:sales@pbx.example"); a bare number
// goes to `domain` (sip.transfer_domain, else the host of the caller's From: their PBX).
struct ReferTo {
  std::string uri;    // "sip:2001@pbx.example"
  std::string error;  // on bad input, why (the agent sees it); uri is then empty
};
ReferTo referToUri(std::string_view target, std::string_view domain);

// The host (and port) of a SIP URI: "pbx.example" from "sip:+44...@pbx.example;user=phone".
std::string uriHost(std::string_view uri);

// The status line a NOTIFY's message/sipfrag body carries ("SIP/2.0 180 Ringing").
struct SipFragStatus {
  int status = 0;
  std::string reason;
};
std::optional<SipFragStatus> parseSipFrag(std::string_view body);

}  // namespace frontline::telephony
