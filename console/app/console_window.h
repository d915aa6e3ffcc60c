// The console's window: GLFW + OpenGL 3 + Dear ImGui, the frame loop and the wiring of
// views to the desk. The loop sleeps in glfwWaitEventsTimeout while nothing happens and
// is woken by glfwPostEmptyEvent when the desk publishes a snapshot.
#pragma once

#include <string>

#include "app/config.h"

namespace frontline::app {

struct ConsoleOptions {
  std::string uiDumpPath;         // --ui-dump FILE: machine-readable record of what is drawn
  std::string layoutPath;         // where window positions persist; empty: the default location
  double demoTrafficSeconds = 0;  // --demo-traffic: mean seconds between demo contacts; 0: off
  int demoFloorAgents = 0;        // --demo-floor: simulated agent consoles pushing to the central store
  std::string frameStatsPath;     // --frame-stats FILE: frame times and INVITE-to-frame, for benchmarks
  bool continuousRedraw = false;  // --continuous-redraw: draw frames back to back (frame-time benchmark)
  std::string replayCasePath;     // --replay FILE: a training case, replayed with no store and no network
};

// Runs until the window is closed. Returns the process exit code.
int runConsole(const Config& config, const ConsoleOptions& options);

}  // namespace frontline::app
