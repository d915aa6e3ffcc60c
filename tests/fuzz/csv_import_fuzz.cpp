// Fuzz target: a CSV file handed to `frontline import` (RFC 4180 quoting, line breaks in
// quotes, UTF-8 checks). Bad input must end in a CsvError naming the line, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sync/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)frontline::sync::parseCsv(text, "fuzz.csv");
  } catch (const frontline::sync::CsvError&) {
  }
  return 0;
}
