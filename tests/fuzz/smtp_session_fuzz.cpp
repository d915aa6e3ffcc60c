// Fuzz target: an SMTP or LMTP session fed the peer's bytes in chunks whose sizes the
// input chooses (a command split anywhere, several pipelined in one read), with the
// store's answer to each completed message (committed or not) also chosen by the input.
// Input layout: byte 0 picks SMTP or LMTP (bit 0) and the read size, 1 to 128 bytes (bits
// 1-7); the rest is the peer's bytes, so a recorded session (tests/data/smtp) is a seed.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "telephony/smtp/email_parser.h"
#include "telephony/smtp/smtp_session.h"

using namespace frontline::telephony;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const bool parsing = (initEmailParsing(), true);
  (void)parsing;
  SmtpLimits limits;
  limits.maxMessageBytes = 64 * 1024;  // small enough to reach the 552 path
  limits.maxLineBytes = 256;
  SmtpSession session(data[0] & 1 ? SmtpSession::Protocol::Lmtp : SmtpSession::Protocol::Smtp, limits,
                      "fuzz.frontline");
  (void)session.greeting();
  const std::size_t readSize = (data[0] >> 1) + 1u;
  std::size_t at = 1;
  bool commitOk = true;
  while (at < size && !session.closed()) {
    const std::size_t chunk = std::min(readSize, size - at);
    auto out = session.feed(std::string_view(reinterpret_cast<const char*>(data) + at, chunk));
    at += chunk;
    while (out.message) {
      ReceivedEmail email;
      parseEmail(out.message->data, email);
      commitOk = !commitOk;  // alternate: stored, then "451 not stored"
      out = session.messageCommitted(commitOk, "fuzz");
    }
    if (out.close) break;
  }
  (void)session.timeoutReply();
  return 0;
}
