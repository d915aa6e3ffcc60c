// Building the SIP messages Frontline sends: responses to a request (copying Via, From,
// To, Call-ID and CSeq as RFC 3261 8.2.6 requires), a BYE within a dialog, and the SDP
// answer (PCMU/PCMA). Pure functions.
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

// The codecs both sides can use, in the offer's order: payload types 0 (PCMU) and 8
// (PCMA). Without an offer both are proposed; an offer with neither gives nullopt (488).
std::optional<std::vector<int>> negotiateAudio(std::string_view offerSdp);
std::string buildSdpAnswer(std::string_view mediaAddress, std::uint16_t rtpPort, const std::vector<int>& payloadTypes,
                           std::uint64_t sessionId);

struct DialogForBye {
  std::string remoteTarget;  // the caller's Contact URI (or From URI)
  std::string localFrom;     // the INVITE's To, with our tag
  std::string remoteTo;      // the INVITE's From (with the caller's tag)
  std::string callId;
  std::uint32_t cseq = 1;
  std::string via;  // "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK..."
};
std::string buildBye(const DialogForBye& d);

}  // namespace frontline::telephony
