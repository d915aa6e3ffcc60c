// Fuzz target: the CTI webhook's HTTP/1.1 framing (http-parser) over a keep-alive stream
// of pipelined requests, and each request's body parsed as a CTI event with its own
// Content-Type (JSON or a form).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "telephony/cti/cti_event_parser.h"
#include "telephony/cti/http_request.h"

using namespace frontline::telephony;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  HttpLimits limits;
  limits.maxBodyBytes = 4096;
  HttpRequestParser parser(limits);
  // Split the stream in two reads at a point the input chooses.
  const std::size_t split = size == 0 ? 0 : data[0] % (size + 1);
  auto handle = [](const HttpRequest& request) {
    const std::string* type = request.header("content-type");
    (void)parseCtiEvent(type ? *type : std::string(), request.body);
  };
  for (auto request = parser.next(bytes.substr(0, split)); request; request = parser.next()) handle(*request);
  for (auto request = parser.next(bytes.substr(split)); request; request = parser.next()) handle(*request);
  // The body alone, as JSON and as a form.
  (void)parseCtiEvent("application/json", bytes);
  (void)parseCtiEvent("application/x-www-form-urlencoded", bytes);
  return 0;
}
