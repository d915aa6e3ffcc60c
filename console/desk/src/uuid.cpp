// Random UUIDs from libuuid; see uuid.h.
#include "desk/uuid.h"

#include <uuid/uuid.h>

namespace frontline::desk {

std::string UuidGenerator::next() {
  uuid_t id;
  uuid_generate_random(id);  // version 4, from the kernel's random source
  char text[37];
  uuid_unparse_lower(id, text);
  return text;
}

}  // namespace frontline::desk
