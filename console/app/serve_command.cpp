// The headless serve subcommand; see serve_command.h.
#include "app/serve_command.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <memory>

#include "app/desk_settings.h"
#include "app/runtime.h"
#include "desk/desk.h"

namespace frontline::app {
namespace {

// Set by the signal handler, read by the waiting loop: the only state a handler may touch.
volatile std::sig_atomic_t g_stopRequested = 0;
void requestStop(int) {
  g_stopRequested = 1;
}

}  // namespace

int runServe(const Config& config) {
  std::signal(SIGINT, requestStop);
  std::signal(SIGTERM, requestStop);
  Runtime runtime(config, {});
  desk::Desk& desk = runtime.desk();
  // Listen at once: what arrives while the desk opens the store waits in its queue and is
  // acknowledged after its commit, as always. A console restarted after a crash answers
  // its lines within a second, whatever the size of the store.
  if (!runtime.startListeners()) {
    std::fprintf(stderr, "frontline serve: %s\n", runtime.listenerError().c_str());
    return 1;
  }
  for (const auto& l : runtime.listening()) std::printf("frontline serve: listening: %s\n", l.c_str());
  std::fflush(stdout);
  auto ready = desk.waitFor([](const desk::DeskSnapshot& s) { return s.storeReady || !s.lastError.empty(); },
                            std::chrono::seconds(60));
  if (!ready->storeReady) {
    std::fprintf(stderr, "frontline serve: the store %s cannot be opened (store.path): %s\n", config.store.path.c_str(),
                 ready->lastError.c_str());
    return 1;
  }
  if (!ready->recovered.empty()) std::printf("frontline serve: %s\n", ready->recovered.c_str());
  std::printf("frontline serve: ready; waiting for SIGINT or SIGTERM\n");
  std::fflush(stdout);
  // The store's counts come later, from their own thread.
  bool summaryShown = false;
  while (!g_stopRequested) {
    auto latest = desk.waitFor(
        [&](const desk::DeskSnapshot& snapshot) { return g_stopRequested != 0 || (!summaryShown && snapshot.summary); },
        std::chrono::milliseconds(200));
    if (!summaryShown && latest && latest->summary) {
      summaryShown = true;
      const auto& s = *latest->summary;
      std::printf("frontline serve: store %s (schema %d): %lld customers, %lld interactions, %lld open complaints\n",
                  s.path.c_str(), s.schemaVersion, static_cast<long long>(s.customers),
                  static_cast<long long>(s.interactions), static_cast<long long>(s.openComplaints));
      std::fflush(stdout);
    }
  }
  std::printf("frontline serve: %s\n", describeSync(runtime.sync(), 0).c_str());
  if (auto samples = desk.wireToViewSamples(); !samples.empty()) {
    std::sort(samples.begin(), samples.end());
    auto at = [&](double p) { return samples[static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1))]; };
    std::printf("frontline serve: wire-to-view latency over %zu calls: p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                samples.size(), static_cast<double>(at(0.5)) / 1000.0, static_cast<double>(at(0.99)) / 1000.0,
                static_cast<double>(samples.back()) / 1000.0);
  }
  return 0;  // the runtime stops its parts in order; then:
}

}  // namespace frontline::app
