// Fuzz target: a SIP datagram and a TCP stream of SIP messages (framing, then parsing of
// each frame), as the network thread sees them from an untrusted peer. Whatever the
// bytes, the parser returns a message or a status; a parsed message's accessors are
// exercised too (Via branch, tags, CSeq, name-addrs), and a NOTIFY's body is read as the
// message/sipfrag of a transfer's progress.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "telephony/sip/sip_builder.h"
#include "telephony/sip/sip_message.h"
#include "telephony/sip/sip_transfer.h"

using namespace frontline::telephony;

namespace {
void exercise(const SipMessage& m) {
  (void)m.callId();
  (void)m.topViaBranch();
  (void)m.topViaSentBy();
  (void)m.fromTag();
  (void)m.toTag();
  (void)m.cseq();
  for (const char* name : {"From", "To", "Contact", "P-Asserted-Identity"}) {
    if (const std::string* v = m.header(name)) {
      if (auto a = parseNameAddr(*v)) (void)referToUri(a->user, uriHost(a->uri));
    }
  }
  (void)parseSipFrag(m.body);
  (void)buildSipResponse(m, 400, "Bad Request", "tag");
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const SipLimits limits;
  auto parsed = parseSipDatagram(bytes, limits);
  if (auto* m = std::get_if<SipMessage>(&parsed)) exercise(*m);
  if (auto partial = parseSipHeadersOnly(bytes, limits)) (void)partial->callId();
  // The same bytes as a TCP stream: frame after frame until more bytes are needed.
  std::string_view stream = bytes;
  for (int frames = 0; frames < 64 && !stream.empty(); ++frames) {
    auto frame = sipFrameLength(stream, limits);
    if (std::holds_alternative<SipParseError>(frame)) break;
    const std::size_t length = std::get<std::size_t>(frame);
    if (length == 0 || length > stream.size()) break;
    auto message = parseSipDatagram(stream.substr(0, length), limits);
    if (auto* m = std::get_if<SipMessage>(&message)) exercise(*m);
    stream.remove_prefix(length);
  }
  return 0;
}
