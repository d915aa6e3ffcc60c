// Random (version 4) UUIDs for interaction, complaint, callback and message ids, from
// libuuid (uuid_generate_random: the kernel's random source). Thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace frontline::desk {

class UuidGenerator {
 public:
  std::string next();
};

}  // namespace frontline::desk
