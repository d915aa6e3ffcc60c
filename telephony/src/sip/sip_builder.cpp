// SIP message building; see sip_builder.h.
#include "telephony/sip/sip_builder.h"

namespace frontline::telephony {

std::string buildSipResponse(const SipMessage& request, int status, std::string_view reason, std::string_view toTag,
                             std::string_view extraHeaders, std::string_view body, std::string_view contentType) {
  std::string r = "SIP/2.0 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
  for (const auto& via : request.all("Via")) r += "Via: " + via + "\r\n";
  if (const std::string* from = request.header("From")) r += "From: " + *from + "\r\n";
  if (const std::string* to = request.header("To")) {
    r += "To: " + *to;
    if (!toTag.empty() && headerParam(*to, "tag").empty() && status > 100) r += ";tag=" + std::string(toTag);
    r += "\r\n";
  }
  r += "Call-ID: " + request.callId() + "\r\n";
  if (const std::string* cseq = request.header("CSeq")) r += "CSeq: " + *cseq + "\r\n";
  r += "Server: Frontline\r\n";
  r += extraHeaders;
  if (!body.empty()) r += "Content-Type: " + std::string(contentType) + "\r\n";
  r += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  r += body;
  return r;
}

std::string buildDialogRequest(std::string_view method, const DialogForBye& d, std::string_view extraHeaders,
                               std::string_view body, std::string_view contentType) {
  const std::string m(method);
  std::string r = m + " " + d.remoteTarget + " SIP/2.0\r\nVia: " + d.via + "\r\nMax-Forwards: 70\r\n";
  for (const auto& hop : d.route) r += "Route: " + hop + "\r\n";
  r += "From: " + d.localFrom + "\r\nTo: " + d.remoteTo + "\r\nCall-ID: " + d.callId +
       "\r\nCSeq: " + std::to_string(d.cseq) + " " + m + "\r\nUser-Agent: Frontline\r\n";
  r += extraHeaders;
  if (!body.empty()) r += "Content-Type: " + std::string(contentType) + "\r\n";
  r += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  r += body;
  return r;
}

std::string buildBye(const DialogForBye& d) {
  return buildDialogRequest("BYE", d);
}

}  // namespace frontline::telephony
