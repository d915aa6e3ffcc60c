// The console's log; see log.h.
#include "app/log.h"

#include <fcntl.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <unistd.h>

#include <memory>
#include <vector>

namespace frontline::app {

std::string logPathFor(const std::string& storePath) {
  return storePath + ".log";
}

void startLog(const std::string& storePath) {
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
  const std::string path = logPathFor(storePath);
  const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0600);  // before spdlog's 0644
  if (fd >= 0) ::close(fd);
  try {
    sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path, 10 * 1024 * 1024, 3));
  } catch (const spdlog::spdlog_ex& e) {
    // A read-only directory must not stop the console: stderr still has every line.
    sinks.front()->log(
        spdlog::details::log_msg("frontline", spdlog::level::warn, std::string("log file ") + path + ": " + e.what()));
  }
  auto logger = std::make_shared<spdlog::logger>("frontline", sinks.begin(), sinks.end());
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %-5l frontline: %v");
  logger->set_level(spdlog::level::info);
  logger->flush_on(spdlog::level::info);  // a crash loses no line already logged
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace frontline::app
