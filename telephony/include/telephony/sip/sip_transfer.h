// What a transfer needs (RFC 3515 REFER, RFC 3420 message/sipfrag): the Refer-To URI made
// from what the agent typed (blind) or from the agent's consultation call (attended, with
// Replaces: RFC 3891, RFC 5589 section 7), and the outcome the caller's phone reports in
// its NOTIFYs. Pure functions; the SIP server sends and receives.
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

// An attended transfer's Refer-To: the consultation's target `uri` with a Replaces header
// (RFC 3891) naming our dialog with it, as the target sees it: its Call-ID, the target's
// tag (to-tag) and ours (from-tag). The caller's phone then sends the target an INVITE that
// replaces the consultation. The Replaces value is escaped as a URI header (RFC 3261 19.1.1):
// "sip:2002@pbx;user=phone?Replaces=abc%40host%3Bto-tag%3D7%3Bfrom-tag%3D9".
std::string referToWithReplaces(std::string_view uri, std::string_view callId, std::string_view toTag,
                                std::string_view fromTag);

// The host (and port) of a SIP URI: "pbx.example" from "sip:+44...@pbx.example;user=phone".
std::string uriHost(std::string_view uri);

// The status line a NOTIFY's message/sipfrag body carries ("SIP/2.0 180 Ringing").
struct SipFragStatus {
  int status = 0;
  std::string reason;
};
std::optional<SipFragStatus> parseSipFrag(std::string_view body);

}  // namespace frontline::telephony
