// Fuzz target: an email as received over SMTP (RFC 5322 headers, MIME parts, RFC 2047
// encoded words, charsets, HTML bodies) parsed with GMime into what the desk stores.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "telephony/smtp/email_parser.h"

using namespace frontline::telephony;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool parsing = (initEmailParsing(), true);
  (void)parsing;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ReceivedEmail email;
  parseEmail(bytes, email);
  (void)htmlToText(bytes);
  return 0;
}
