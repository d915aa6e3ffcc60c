// Random UUIDs; see uuid.h.
#include "desk/uuid.h"

#include <cstdio>
#include <random>

namespace frontline::desk {

UuidGenerator::UuidGenerator(std::int64_t nowUs) {
  std::random_device rd;
  m_state = (static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^ static_cast<std::uint64_t>(nowUs);
}

std::uint64_t UuidGenerator::nextWord() {
  std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string UuidGenerator::next() {
  const std::uint64_t a = (nextWord() & 0xffffffffffff0fffULL) | 0x4000ULL;
  const std::uint64_t b = (nextWord() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(a >> 32),
                static_cast<unsigned long long>((a >> 16) & 0xffff), static_cast<unsigned long long>(a & 0xffff),
                static_cast<unsigned long long>(b >> 48), static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

}  // namespace frontline::desk
