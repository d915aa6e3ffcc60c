// SIP message building; see sip_builder.h.
#include "telephony/sip/sip_builder.h"

#include <sstream>

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

std::optional<std::vector<int>> negotiateAudio(std::string_view offer) {
  if (offer.find("m=") == std::string_view::npos) return std::vector<int>{0, 8};
  std::istringstream in{std::string(offer)};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("m=audio ", 0) != 0) continue;
    std::istringstream fields(line.substr(8));
    std::string port, proto, pt;
    fields >> port >> proto;
    std::vector<int> common;
    while (fields >> pt) {
      if (pt == "0" || pt == "8") common.push_back(std::stoi(pt));
    }
    if (!common.empty()) return common;
  }
  return std::nullopt;
}

std::string buildSdpAnswer(std::string_view address, std::uint16_t port, const std::vector<int>& pts,
                           std::uint64_t sessionId) {
  const std::string ip(address);
  const std::string family = ip.find(':') == std::string::npos ? "IP4" : "IP6";
  std::string sdp = "v=0\r\no=frontline " + std::to_string(sessionId) + " " + std::to_string(sessionId) + " IN " +
                    family + " " + ip + "\r\ns=Frontline\r\nc=IN " + family + " " + ip + "\r\nt=0 0\r\nm=audio " +
                    std::to_string(port) + " RTP/AVP";
  for (int pt : pts) sdp += " " + std::to_string(pt);
  sdp += "\r\n";
  for (int pt : pts) sdp += pt == 0 ? "a=rtpmap:0 PCMU/8000\r\n" : "a=rtpmap:8 PCMA/8000\r\n";
  sdp += "a=sendrecv\r\n";
  return sdp;
}

std::string buildBye(const DialogForBye& d) {
  return "BYE " + d.remoteTarget + " SIP/2.0\r\nVia: " + d.via + "\r\nMax-Forwards: 70\r\nFrom: " + d.localFrom +
         "\r\nTo: " + d.remoteTo + "\r\nCall-ID: " + d.callId + "\r\nCSeq: " + std::to_string(d.cseq) +
         " BYE\r\nUser-Agent: Frontline\r\nContent-Length: 0\r\n\r\n";
}

}  // namespace frontline::telephony
