// Passwords kept in files (central.password_file, smtp.relay_password_file): the first
// line, trailing white space removed. A file others can read is used, with a warning on
// stderr; one that cannot be read is a configuration error naming the file and the key.
#pragma once

#include <string>

namespace frontline::app {

std::string readSecretFile(const std::string& path, const std::string& key);

}  // namespace frontline::app
