// Building the SIP messages Frontline sends: responses to a request (copying Via, From,
// To, Call-ID and CSeq as RFC 3261 8.2.6 requires) and a BYE within a dialog (the SDP is
// media/sdp.h's). Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "telephony/sip/sip_message.h"

namespace frontline::telephony {

// `toTag` is added to To when the request's To has none (dialog-creating responses).
std::string buildSipResponse(const SipMessage& request, int status, std::string_view reason, std::string_view toTag,
                             std::string_view extraHeaders = {}, std::string_view body = {},
                             std::string_view contentType = {});

// What a request of ours within a dialog needs (BYE, a re-INVITE, its ACK).
struct DialogForBye {
  std::string remoteTarget;  // the caller's Contact URI (or From URI)
  std::string localFrom;     // the INVITE's To, with our tag
  std::string remoteTo;      // the INVITE's From (with the caller's tag)
  std::string callId;
  std::uint32_t cseq = 1;
  std::string via;                 // "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK..."
  std::vector<std::string> route;  // the dialog's route set: one Route header each, in order
};
std::string buildBye(const DialogForBye& d);
// Any request within the dialog: `method` on the Request-URI and in CSeq, then
// `extraHeaders` (each ending in CRLF) and the body.
std::string buildDialogRequest(std::string_view method, const DialogForBye& d, std::string_view extraHeaders = {},
                               std::string_view body = {}, std::string_view contentType = {});

}  // namespace frontline::telephony
