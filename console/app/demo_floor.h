// A simulated floor for the supervisor's demo (scripts/demo supervisor): N agent consoles,
// each with its own origin and local store, plus the PBX's queue (origin demo-pbx) that
// offers contacts, pushing their events through the real sync path (SyncEngine) into the
// central store the supervisor's console pulls from. Agents answer, talk, wrap up, take
// breaks, open complaints and respond to them at a pace that fills the queues now and then
// and turns a complaint at risk within a minute or two: complaint due times on this floor
// are compressed to minutes (the demo says so), everything else runs in real time.
//
// Thread: its own; every store and the central connection are its own.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace frontline::app {

struct DemoFloorOptions {
  std::string dir;            // the simulated consoles' stores (dir/agent-01.db, ...)
  std::string centralUrl;     // where they push
  std::string customersFrom;  // a store with customers to play (the supervisor's)
  int agents = 12;            // agent-02, agent-03, ...: agent-01 is the agent demo's own console
  int firstAgent = 2;
  double contactsPerMinute = 6;  // mean arrivals over every queue (swelling by half and back every 6 minutes)
  std::uint32_t seed = 1;
};

class DemoFloor {
 public:
  explicit DemoFloor(DemoFloorOptions options);
  ~DemoFloor();  // stops after the current tick and its push
  DemoFloor(const DemoFloor&) = delete;
  DemoFloor& operator=(const DemoFloor&) = delete;

 private:
  void run();

  DemoFloorOptions m_options;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

}  // namespace frontline::app
