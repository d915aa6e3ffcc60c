// Random (version 4) UUIDs for interaction, complaint and message ids: seeded once from
// the system's entropy and the clock, then a fast mixing sequence. Not thread-safe: one
// generator per owner (the desk thread).
#pragma once

#include <cstdint>
#include <string>

namespace frontline::desk {

class UuidGenerator {
 public:
  explicit UuidGenerator(std::int64_t nowUs);
  std::string next();

 private:
  std::uint64_t nextWord();
  std::uint64_t m_state;
};

}  // namespace frontline::desk
