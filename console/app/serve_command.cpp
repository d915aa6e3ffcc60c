// The headless serve subcommand; see serve_command.h.
#include "app/serve_command.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <memory>

#include "app/desk_settings.h"
#include "app/listener_settings.h"
#include "desk/desk.h"
#include "telephony/listeners.h"

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
  auto desk = std::make_unique<desk::Desk>(deskSettings(config));
  auto relay = mailRelay(config);  // before the desk goes: it posts the relay's answers to it
  auto sync = syncService(config, {});
  desk->setMailSender(relay.get());
  auto ready = desk->waitFor([](const desk::DeskSnapshot& s) { return s.storeReady || !s.lastError.empty(); },
                             std::chrono::seconds(60));
  if (!ready->storeReady) {
    std::fprintf(stderr, "frontline serve: %s\n", ready->lastError.c_str());
    return 1;
  }
  const auto& s = *ready->summary;
  std::printf("frontline serve: store %s (schema %d): %lld customers, %lld interactions, %lld open complaints\n",
              s.path.c_str(), s.schemaVersion, static_cast<long long>(s.customers),
              static_cast<long long>(s.interactions), static_cast<long long>(s.openComplaints));
  telephony::Listeners listeners(listenerSettings(config), *desk, [](const std::string& line) {
    std::fprintf(stderr, "frontline: %s\n", line.c_str());
  });
  try {
    listeners.start();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontline serve: %s\n", e.what());
    return 1;
  }
  desk->setCallControl(&listeners);
  for (const auto& l : listeners.describe()) std::printf("frontline serve: listening: %s\n", l.c_str());
  std::printf("frontline serve: ready; waiting for SIGINT or SIGTERM\n");
  std::fflush(stdout);
  while (!g_stopRequested) {
    desk->waitFor([](const desk::DeskSnapshot&) { return g_stopRequested != 0; }, std::chrono::milliseconds(200));
  }
  std::printf("frontline serve: %s\n", describeSync(sync.get(), 0).c_str());
  sync.reset();
  if (auto samples = desk->wireToViewSamples(); !samples.empty()) {
    std::sort(samples.begin(), samples.end());
    auto at = [&](double p) { return samples[static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1))]; };
    std::printf("frontline serve: wire-to-view latency over %zu calls: p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                samples.size(), static_cast<double>(at(0.5)) / 1000.0, static_cast<double>(at(0.99)) / 1000.0,
                static_cast<double>(samples.back()) / 1000.0);
  }
  // Order matters: no new contacts, then the desk finishes (or drops) what it holds, and
  // only then do the listeners' connections and io_context go away.
  desk->setCallControl(nullptr);
  listeners.stop();
  desk->setMailSender(nullptr);
  relay.reset();  // sends what is queued; its answers reach the desk
  desk.reset();
  std::printf("frontline serve: stopped\n");
  return 0;
}

}  // namespace frontline::app
