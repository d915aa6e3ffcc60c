#include "app/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace frontline::app {

ProgressBar::ProgressBar(std::string label)
    : m_label(std::move(label)), m_terminal(isatty(STDERR_FILENO) == 1), m_start(std::chrono::steady_clock::now()) {}

void ProgressBar::update(std::int64_t done, std::int64_t total) {
  if (!m_terminal || total <= 0) return;
  constexpr int kWidth = 40;
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(fraction * kWidth);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  const double eta = fraction > 0 ? seconds / fraction - seconds : 0;
  std::fprintf(stderr, "\r%s [%.*s%*s] %5.1f%%  %lld/%lld  eta %.0fs ", m_label.c_str(), filled,
               "########################################", kWidth - filled, "", fraction * 100.0,
               static_cast<long long>(done), static_cast<long long>(total), eta);
  std::fflush(stderr);
}

void ProgressBar::finish(const std::string& summary) {
  if (m_terminal) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "%s\n", summary.c_str());
}

}  // namespace frontline::app
