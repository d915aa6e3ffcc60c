// The agent's hang-up reaches the caller as a BYE within the dialog: the desk and the
// listeners run in this process, SIPp is the caller (it answers our BYE with 200 and
// exits 0 only if the BYE came), and the store records who ended the call.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <random>
#include <string>
#include <thread>

#include "desk/desk.h"
#include "store/database.h"
#include "store/demo_data.h"
#include "store/migrations.h"
#include "telephony/listeners.h"

using namespace frontline;
using namespace std::chrono_literals;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Until `text` is in the file SIPp writes, or the deadline; false on timeout.
bool waitForText(const std::filesystem::path& file, const std::string& text, std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (slurp(file).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(20ms);  // polling with a deadline, not a guess at a duration
  }
  return false;
}

}  // namespace

TEST_CASE("the agent hangs up: SIPp receives our BYE in the dialog and the store records who ended the call",
          "[sip][integration]") {
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
    phone = db.queryText("SELECT value FROM customer_addresses WHERE kind = 'phone' ORDER BY id LIMIT 1");
  }
  desk::DeskOptions options;
  options.storePath = storePath;
  options.origin = "agent-07";
  options.autoAnswer = true;
  auto deskPtr = std::make_unique<desk::Desk>(options);
  desk::Desk& d = *deskPtr;
  REQUIRE(d.waitFor([](const desk::DeskSnapshot& s) { return s.storeReady || !s.lastError.empty(); }, 30s)->storeReady);

  telephony::ListenerSettings settings;
  settings.sip =
      telephony::ListenerEndpoint{std::get<telephony::ListenAddress>(telephony::parseListenAddress("127.0.0.1:0")),
                                  {std::get<telephony::CidrBlock>(telephony::parseCidr("127.0.0.0/8"))}};
  telephony::Listeners listeners(settings, d, [](const std::string& line) { UNSCOPED_INFO(line); });
  listeners.start();
  d.setCallControl(&listeners);
  const std::string bound = listeners.describe().front();  // "SIP udp 127.0.0.1:PORT"
  const std::string port = bound.substr(bound.rfind(':') + 1);

  const auto csv = dir / "caller.csv";
  std::ofstream(csv) << "SEQUENTIAL\n" << phone << ";Hang Up Test;\n";
  const auto messages = dir / "sipp-messages.log";
  const std::string command = "timeout 60 sipp 127.0.0.1:" + port + " -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 30 " +
                              "-timeout_error -trace_msg -message_file " + messages.string() + " -sf " +
                              std::string(FRONTLINE_SOURCE_DIR) + "/tests/data/sip/scenarios/agent_hangs_up.xml -inf " +
                              csv.string() + " > " + (dir / "sipp.out").string() + " 2>&1";
  auto sipp = std::async(std::launch::async, [&] { return std::system(command.c_str()); });

  auto answered = d.waitFor([](const desk::DeskSnapshot& s) { return s.pop.has_value(); }, 30s);
  REQUIRE(answered->pop);
  // RFC 3261 15: the callee hangs up once the caller's ACK has come; SIPp's trace says when it sent it.
  INFO("SIPp's messages:\n" << slurp(messages));
  REQUIRE(waitForText(messages, "ACK sip:", 30s));
  d.post(desk::HangUpCall{answered->pop->interactionId});
  const int sippStatus = sipp.get();
  INFO("SIPp's output:\n" << slurp(dir / "sipp.out"));
  CHECK(sippStatus == 0);  // it exits 0 only after our BYE
  d.setCallControl(nullptr);
  listeners.stop();
  deskPtr.reset();

  auto db = store::Database::open(storePath);
  auto& q = db.cached(
      "SELECT i.status, i.outcome, e.agent_id, e.payload_json FROM interactions i JOIN interaction_events e "
      "ON e.interaction_id = i.id AND e.kind = 'ended' WHERE i.external_id LIKE 'sip:%'");
  REQUIRE(q.step());
  CHECK(q.text(0) == "ended");
  CHECK(q.text(1) == "answered");
  CHECK(q.text(2) == "agent-07");
  CHECK_THAT(q.text(3), Catch::Contains("agent hung up"));
  q.reset();
  std::filesystem::remove_all(dir);
}
