// Fuzz target: a configuration file (TOML) as an operator might write it, read with every
// check the console applies. Bad input must end in an error naming the file, line and key
// (ConfigError), never a crash or another exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)frontline::app::parseConfig(text, "fuzz.toml", "/nonexistent");
  } catch (const frontline::app::ConfigError&) {
  }
  return 0;
}
