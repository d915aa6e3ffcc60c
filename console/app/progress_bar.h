// A one-line progress bar on a terminal (stderr); silent when stderr is not a terminal,
// except for the final line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace frontline::app {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  void update(std::int64_t done, std::int64_t total);
  void finish(const std::string& summary);

 private:
  std::string m_label;
  bool m_terminal;
  std::chrono::steady_clock::time_point m_start;
};

}  // namespace frontline::app
