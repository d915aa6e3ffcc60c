// The agent's hang-up reaches the caller as a BYE within the dialog: the desk and the
// listeners run in this process, SIPp is the caller (it answers our BYE with 200 and
// exits 0 only if the BYE came), and the store records who ended the call.
//   agent_hangup_test SCENARIO_DIR
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <random>
#include <string>

#include "desk/desk.h"
#include "store/database.h"
#include "store/demo_data.h"
#include "store/migrations.h"
#include "telephony/listeners.h"

using namespace frontline;
using namespace std::chrono_literals;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: agent_hangup_test SCENARIO_DIR\n");
    return 2;
  }
  const auto dir =
      std::filesystem::temp_directory_path() / ("frontline-hangup-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  const std::string storePath = (dir / "store.db").string();
  std::string phone;
  {
    auto db = store::Database::open(storePath);
    store::migrate(db);
    store::DemoDataOptions o;
    o.customers = 50;
    o.asOfUs = 1'780'272'000'000'000LL;
    store::writeDemoData(db, o);
    auto& q = db.cached("SELECT value FROM customer_addresses WHERE kind = 'phone' ORDER BY id LIMIT 1");
    q.step();
    phone = q.text(0);
  }
  desk::DeskOptions options;
  options.storePath = storePath;
  options.origin = "agent-07";
  options.autoAnswer = true;
  auto deskPtr = std::make_unique<desk::Desk>(options);
  desk::Desk& d = *deskPtr;
  d.waitFor([](const desk::DeskSnapshot& s) { return s.storeReady || !s.lastError.empty(); }, 30s);

  telephony::ListenerSettings settings;
  settings.sip =
      telephony::ListenerEndpoint{std::get<telephony::ListenAddress>(telephony::parseListenAddress("127.0.0.1:0")),
                                  {std::get<telephony::CidrBlock>(telephony::parseCidr("127.0.0.0/8"))}};
  telephony::Listeners listeners(settings, d,
                                 [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); });
  listeners.start();
  d.setCallControl(&listeners);
  const std::string bound = listeners.describe().front();  // "SIP udp 127.0.0.1:PORT"
  const std::string port = bound.substr(bound.rfind(':') + 1);

  const std::string csv = (dir / "caller.csv").string();
  if (FILE* f = std::fopen(csv.c_str(), "w")) {
    std::fprintf(f, "SEQUENTIAL\n%s;Hang Up Test;\n", phone.c_str());
    std::fclose(f);
  }
  const std::string command = "timeout 60 sipp 127.0.0.1:" + port + " -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 30 " +
                              "-timeout_error -sf " + std::string(argv[1]) + "/agent_hangs_up.xml -inf " + csv + " > " +
                              (dir / "sipp.out").string() + " 2>&1";
  auto sipp = std::async(std::launch::async, [&] { return std::system(command.c_str()); });

  auto answered = d.waitFor([](const desk::DeskSnapshot& s) { return s.pop.has_value(); }, 30s);
  int failures = 0;
  if (!answered->pop) {
    std::fprintf(stderr, "FAILED: the call never popped\n");
    ++failures;
  } else {
    std::this_thread::sleep_for(300ms);  // let the ACK arrive
    d.post(desk::HangUpCall{answered->pop->interactionId});
  }
  const int sippStatus = sipp.get();
  if (sippStatus != 0) {
    std::fprintf(stderr, "FAILED: SIPp exited %d (it exits 0 only after our BYE)\n", sippStatus);
    ++failures;
  } else {
    std::printf("ok: SIPp received our BYE and answered 200\n");
  }
  d.setCallControl(nullptr);
  listeners.stop();
  deskPtr.reset();

  auto db = store::Database::open(storePath);
  auto& q = db.cached(
      "SELECT i.status, i.outcome, e.agent_id, e.payload_json FROM interactions i JOIN interaction_events e "
      "ON e.interaction_id = i.id AND e.kind = 'ended' WHERE i.external_id LIKE 'sip:%'");
  if (q.step() && q.text(0) == "ended" && q.text(1) == "answered" && q.text(2) == "agent-07" &&
      q.text(3).find("agent hung up") != std::string::npos) {
    std::printf("ok: the store records that agent-07 ended the call\n");
  } else {
    std::fprintf(stderr, "FAILED: the store does not record the agent's hang-up\n");
    ++failures;
  }
  std::filesystem::remove_all(dir);
  std::printf("%d passed, %d failed\n", failures == 0 ? 2 : 2 - failures, failures);
  return failures == 0 ? 0 : 1;
}
