// Passwords in files; see secret_file.h.
#include "app/secret_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/config.h"

namespace frontline::app {

std::string readSecretFile(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path + ": cannot read " + key);
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto perms = fs::status(path, ec).permissions();
  if (!ec && (perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none) {
    std::fprintf(stderr, "frontline: warning: %s (%s) can be read by other users; chmod 600 it\n", path.c_str(),
                 key.c_str());
  }
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) line.pop_back();
  return line;
}

}  // namespace frontline::app
