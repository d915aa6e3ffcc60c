// The agent's actions on a call reach the caller within the dialog: the desk and the
// listeners run in this process and SIPp is the caller. Hang up: SIPp answers our BYE with
// 200 and exits 0 only if the BYE came; the store records who ended the call. Hold: our
// re-INVITEs offer sendonly, then sendrecv (SIPp checks both), and the RTP we send to a
// port this test listens on is the agent's (silent) device before and after the hold and
// music on hold during it; the keypad's digits arrive there as RFC 4733 events.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <mutex>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "desk/desk.h"
#include "store/database.h"
#include "store/demo_data.h"
#include "store/migrations.h"
#include "telephony/listeners.h"
#include "telephony/media/dtmf.h"
#include "telephony/media/g711.h"
#include "telephony/media/rtp_packet.h"

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

// A demo store, the desk (auto-answer) and the SIP listener in this process; SIPp runs a
// scenario against them.
struct CallRig {
  std::filesystem::path dir;
  std::string phone;
  std::unique_ptr<desk::Desk> desk;
  std::unique_ptr<telephony::Listeners> listeners;
  std::string port;
  std::filesystem::path messages;
  std::future<int> sipp;

  // `configure` adjusts the listeners' settings (it gets the rig's directory).
  explicit CallRig(
      const std::function<void(telephony::ListenerSettings&, const std::filesystem::path&)>& configure = {}) {
    dir = std::filesystem::temp_directory_path() / ("frontline-call-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    const std::string storePath = (dir / "store.db").string();
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
    desk = std::make_unique<desk::Desk>(options);
    REQUIRE(desk->waitFor([](const desk::DeskSnapshot& s) { return s.storeReady || !s.lastError.empty(); }, 30s)
                ->storeReady);
    telephony::ListenerSettings settings;
    settings.sip =
        telephony::ListenerEndpoint{std::get<telephony::ListenAddress>(telephony::parseListenAddress("127.0.0.1:0")),
                                    {std::get<telephony::CidrBlock>(telephony::parseCidr("127.0.0.0/8"))}};
    if (configure) configure(settings, dir);
    listeners =
        std::make_unique<telephony::Listeners>(settings, *desk, [](const std::string& line) { UNSCOPED_INFO(line); });
    listeners->start();
    desk->setCallControl(listeners.get());
    const std::string bound = listeners->describe().front();  // "SIP udp 127.0.0.1:PORT"
    port = bound.substr(bound.rfind(':') + 1);
    messages = dir / "sipp-messages.log";
  }

  // SIPp calls with `scenario`; the injection line is the phone, a name, then `extra`.
  void call(const std::string& scenario, const std::string& extra = "") {
    const auto csv = dir / "caller.csv";
    std::ofstream(csv) << "SEQUENTIAL\n" << phone << ";Call Test;" << extra << "\n";
    const std::string command = "timeout 60 sipp 127.0.0.1:" + port + " -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 30 " +
                                "-timeout_error -trace_msg -message_file " + messages.string() + " -sf " +
                                std::string(FRONTLINE_SOURCE_DIR) + "/tests/data/sip/scenarios/" + scenario + " -inf " +
                                csv.string() + " > " + (dir / "sipp.out").string() + " 2>&1";
    sipp = std::async(std::launch::async, [command] { return std::system(command.c_str()); });
  }

  int sippStatus() {
    const int status = sipp.get();
    UNSCOPED_INFO("SIPp's output:\n" << slurp(dir / "sipp.out") << "\nSIPp's messages:\n" << slurp(messages));
    return status;
  }

  // The snapshot once the call has popped (auto-answer); the test fails with SIPp's output
  // and messages when it never does.
  std::shared_ptr<const desk::DeskSnapshot> answered() {
    auto s = desk->waitFor([](const desk::DeskSnapshot& x) { return x.pop.has_value(); }, 30s);
    if (!s->pop) {
      FAIL("the call never popped; SIPp's output:\n"
           << slurp(dir / "sipp.out") << "\nSIPp's messages:\n"
           << slurp(messages));
    }
    return s;
  }

  // The call's interaction once SIPp has acknowledged our 200 (RFC 3261 15: the callee
  // acts in the dialog only after the ACK; SIPp's trace says when it sent it).
  std::string confirmed() {
    const std::string id = answered()->pop->interactionId;
    const bool acknowledged = waitForText(messages, "ACK sip:", 30s);
    if (!acknowledged) UNSCOPED_INFO("SIPp never sent its ACK; SIPp's messages:\n" << slurp(messages));
    REQUIRE(acknowledged);
    return id;
  }

  // Ends SIPp at once (a scenario left waiting for a BYE that will never come).
  void killSipp() {
    std::system(("pkill -f " + dir.string() + "/caller.csv").c_str());
    sippStatus();
  }

  void stop() {
    desk->setCallControl(nullptr);
    listeners->stop();
    desk.reset();
  }

  ~CallRig() {
    if (desk) stop();
    std::filesystem::remove_all(dir);
  }
};

// The RTP that arrives on a loopback port: for each packet, whether it carried sound.
class RtpListener {
 public:
  RtpListener() {
    m_fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t length = sizeof a;
    ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &length);
    m_port = ntohs(a.sin_port);
    timeval t{0, 100'000};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &t, sizeof t);
    m_thread = std::thread([this] { run(); });
  }
  ~RtpListener() {
    m_stop = true;
    m_thread.join();
    ::close(m_fd);
  }
  int port() const { return m_port; }
  // Until `pred(packets)` holds, or the deadline.
  template <typename Pred>
  bool waitFor(Pred pred, std::chrono::seconds deadline) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, deadline, [&] { return pred(m_loud); });
  }
  std::vector<bool> packets() {
    std::lock_guard lock(m_mutex);
    return m_loud;
  }
  // The telephone-events (payload type 101) that arrived: "key@timestamp" per packet with
  // the end bit, in order.
  std::vector<std::string> digitEnds() {
    std::lock_guard lock(m_mutex);
    return m_ends;
  }
  template <typename Pred>
  bool waitForEnds(Pred pred, std::chrono::seconds deadline) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, deadline, [&] { return pred(m_ends); });
  }

 private:
  void run() {
    std::vector<std::uint8_t> buffer(2048);
    while (!m_stop) {
      const ssize_t n = ::recv(m_fd, buffer.data(), buffer.size(), 0);
      if (n <= 0) continue;
      auto parsed = telephony::media::parseRtp(std::span(buffer.data(), static_cast<std::size_t>(n)));
      auto* packet = std::get_if<telephony::media::RtpPacketView>(&parsed);
      if (packet && packet->header.payloadType == 101) {
        if (auto e = telephony::media::parseDtmf(packet->payload); e && e->end) {
          std::lock_guard lock(m_mutex);
          m_ends.push_back(std::string(1, telephony::media::dtmfKey(e->event)) + "@" +
                           std::to_string(packet->header.timestamp));
          m_changed.notify_all();
        }
        continue;
      }
      if (!packet || packet->header.payloadType != 0) continue;  // RTCP, or not PCMU
      double energy = 0;
      for (std::int16_t s : telephony::media::decodeG711(telephony::media::G711Law::Ulaw, packet->payload)) {
        energy += double(s) * s;
      }
      std::lock_guard lock(m_mutex);
      m_loud.push_back(energy / 160 > 300.0 * 300.0);  // louder than about -40 dBFS
      m_changed.notify_all();
    }
  }
  int m_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<bool> m_loud;
  std::vector<std::string> m_ends;
};

std::size_t trailingQuiet(const std::vector<bool>& loud) {
  std::size_t n = 0;
  for (auto it = loud.rbegin(); it != loud.rend() && !*it; ++it) ++n;
  return n;
}

}  // namespace

TEST_CASE("the agent hangs up: SIPp receives our BYE in the dialog and the store records who ended the call",
          "[sip][integration]") {
  CallRig rig;
  rig.call("agent_hangs_up.xml");
  const std::string id = rig.confirmed();
  rig.desk->post(desk::HangUpCall{id});
  CHECK(rig.sippStatus() == 0);  // it exits 0 only after our BYE
  rig.stop();

  auto db = store::Database::open((rig.dir / "store.db").string());
  auto& q = db.cached(
      "SELECT i.status, i.outcome, e.agent_id, e.payload_json FROM interactions i JOIN interaction_events e "
      "ON e.interaction_id = i.id AND e.kind = 'ended' WHERE i.external_id LIKE 'sip:%'");
  REQUIRE(q.step());
  CHECK(q.text(0) == "ended");
  CHECK(q.text(1) == "answered");
  CHECK(q.text(2) == "agent-07");
  CHECK_THAT(q.text(3), Catch::Contains("agent hung up"));
  q.reset();
}

TEST_CASE("the agent holds and resumes: re-INVITEs sendonly then sendrecv, music on hold in between; DTMF",
          "[sip][integration]") {
  RtpListener rtp;
  CallRig rig;
  rig.call("agent_holds.xml", std::to_string(rtp.port()) + ";");
  const std::string id = rig.confirmed();
  // Connected: the agent's device (null: silence) for 10 packets.
  REQUIRE(rtp.waitFor([](const std::vector<bool>& p) { return p.size() >= 10; }, 10s));
  rig.desk->post(desk::HoldCall{id, true});
  // Held: music on hold, 25 packets of it.
  const bool music =
      rtp.waitFor([](const std::vector<bool>& p) { return std::count(p.begin(), p.end(), true) >= 25; }, 10s);
  CHECK(music);
  rig.desk->post(desk::HoldCall{id, false});
  // Resumed: silence again, 25 packets of it after the music.
  const bool quietAgain = rtp.waitFor(
      [](const std::vector<bool>& p) { return std::count(p.begin(), p.end(), true) >= 25 && trailingQuiet(p) >= 25; },
      10s);
  CHECK(quietAgain);
  // The keypad: three digits as RFC 4733 events, each ended three times at its own timestamp.
  rig.desk->post(desk::SendDtmf{id, "1"});
  rig.desk->post(desk::SendDtmf{id, "2"});
  rig.desk->post(desk::SendDtmf{id, "#"});
  CHECK(rtp.waitForEnds([](const std::vector<std::string>& e) { return e.size() >= 9; }, 10s));
  const auto ends = rtp.digitEnds();
  std::string digits;
  for (std::size_t i = 0; i < ends.size(); ++i) {
    if (i == 0 || ends[i] != ends[i - 1]) digits += ends[i].front();
  }
  CHECK(digits == "12#");
  CHECK(ends.size() == 9);
  rig.desk->post(desk::HangUpCall{id});
  CHECK(rig.sippStatus() == 0);  // both re-INVITEs checked by SIPp, then our BYE
  const std::vector<bool> packets = rtp.packets();
  // One run of music (DTMF events are not audio packets: not counted here), with quiet before and after it: quiet+,
  // loud+, quiet+.
  std::string shape;
  for (bool loud : packets) {
    const char c = loud ? 'M' : '.';
    if (shape.empty() || shape.back() != c) shape += c;
  }
  CHECK(shape == ".M.");
  const std::string trace = slurp(rig.messages);
  CHECK(trace.find("a=sendonly") != std::string::npos);
  rig.stop();

  auto db = store::Database::open((rig.dir / "store.db").string());
  CHECK(db.queryText("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE kind IN "
                     "('held', 'resumed') AND agent_id = 'agent-07' ORDER BY ts_us)") == "held resumed");
  // The keypad's events say how many digits, never which.
  CHECK(db.queryText("SELECT group_concat(payload_json, ' ') FROM interaction_events WHERE kind = 'dtmf_sent'") ==
        R"({"digits":1} {"digits":1} {"digits":1})");
}

TEST_CASE("the agent transfers the call: SIPp gets our REFER, its NOTIFY 200 ends our leg with BYE",
          "[sip][integration][transfer]") {
  CallRig rig;
  rig.call("agent_transfers.xml", "200 OK;");
  const std::string id = rig.confirmed();
  rig.desk->post(desk::TransferCall{id, "2001"});
  auto done = rig.desk->waitFor(
      [](const desk::DeskSnapshot& s) { return s.pop && s.pop->transferState == "transferred"; }, 30s);
  REQUIRE(done->pop->transferState == "transferred");
  CHECK(done->pop->status == desk::ContactStatus::Ended);
  CHECK(rig.sippStatus() == 0);  // SIPp checked Refer-To and Referred-By, then took our BYE
  rig.stop();

  auto db = store::Database::open((rig.dir / "store.db").string());
  CHECK(db.queryText("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE interaction_id "
                     "= '" +
                     id +
                     "' AND kind IN ('transfer_requested', 'transferred', 'transfer_failed', 'ended') "
                     "ORDER BY seq)") == "transfer_requested transferred ended");
  const std::string transferred =
      db.queryText("SELECT payload_json FROM interaction_events WHERE kind = 'transferred'");
  CHECK_THAT(transferred, Catch::Matches(R"(.*"to":"sip:2001@127\.0\.0\.1:[0-9]+".*)"));
  CHECK_THAT(transferred, Catch::Contains(R"("status":200)"));
  CHECK(db.queryText("SELECT transfer_to || ' ' || transfer_state FROM interactions WHERE id = '" + id + "'") ==
        "2001 transferred");
}

TEST_CASE("a transfer the target does not answer (NOTIFY 486): the caller stays with the agent, who hangs up",
          "[sip][integration][transfer]") {
  CallRig rig;
  rig.call("agent_transfers.xml", "486 Busy Here;");
  const std::string id = rig.confirmed();
  rig.desk->post(desk::TransferCall{id, "2001"});
  auto failed =
      rig.desk->waitFor([](const desk::DeskSnapshot& s) { return s.pop && s.pop->transferState == "failed"; }, 30s);
  REQUIRE(failed->pop->transferState == "failed");
  CHECK(failed->pop->transferError == "486 Busy Here");
  CHECK(failed->pop->status == desk::ContactStatus::Connected);
  rig.desk->post(desk::HangUpCall{id});
  CHECK(rig.sippStatus() == 0);  // the BYE came only when the agent hung up
  rig.stop();

  auto db = store::Database::open((rig.dir / "store.db").string());
  CHECK_THAT(db.queryText("SELECT payload_json FROM interaction_events WHERE kind = 'ended' AND interaction_id = '" +
                          id + "'"),
             Catch::Contains("agent hung up"));
}

TEST_CASE("a call still connected when the console stops keeps its recording's event", "[sip][integration]") {
  CallRig rig([](telephony::ListenerSettings& s, const std::filesystem::path& dir) {
    s.media.recordingsPath = (dir / "recordings").string();
  });
  rig.call("agent_hangs_up.xml");
  const std::string id = rig.confirmed();
  rig.stop();  // mid-call: the media stops first, its recording is delivered, then the network
  rig.killSipp();

  auto db = store::Database::open((rig.dir / "store.db").string());
  const std::string payload = db.queryText(
      "SELECT payload_json FROM interaction_events WHERE kind = 'recorded' AND interaction_id = '" + id + "'");
  CHECK_THAT(payload, Catch::Contains("\"format\":\"ogg/opus\""));
  CHECK_THAT(payload, Catch::Contains((rig.dir / "recordings").string()));
}

namespace {

// A free UDP port on loopback (the kernel's choice; released for SIPp to take).
int freeUdpPort() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t length = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
  ::close(fd);
  return ntohs(a.sin_port);
}

// Whether a UDP socket is bound to 127.0.0.1:`port` (the kernel's table).
bool udpBound(int port) {
  char needle[32];
  std::snprintf(needle, sizeof needle, "0100007F:%04X", port);
  return slurp("/proc/net/udp").find(needle) != std::string::npos;
}

// SIPp as the PBX a call is placed through (a UAS scenario on its own port).
struct SippPbx {
  std::filesystem::path dir;
  int port = freeUdpPort();
  std::filesystem::path messages;
  std::future<int> sipp;

  explicit SippPbx(const std::string& scenario) {
    dir = std::filesystem::temp_directory_path() / ("frontline-pbx-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    messages = dir / "sipp-messages.log";
    const std::string command = "timeout 60 sipp -sf " + std::string(FRONTLINE_SOURCE_DIR) +
                                "/tests/data/sip/scenarios/" + scenario + " -i 127.0.0.1 -p " + std::to_string(port) +
                                " -nostdin -m 1 -timeout 30 -timeout_error -trace_msg -message_file " +
                                messages.string() + " > " + (dir / "sipp.out").string() + " 2>&1";
    sipp = std::async(std::launch::async, [command] { return std::system(command.c_str()); });
    const auto until = std::chrono::steady_clock::now() + 20s;
    while (!udpBound(port) && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(20ms);
    if (!udpBound(port)) FAIL("SIPp never bound 127.0.0.1:" << port << "; its output:\n" << slurp(dir / "sipp.out"));
  }
  std::string logs() { return "SIPp's output:\n" + slurp(dir / "sipp.out") + "\nSIPp's messages:\n" + slurp(messages); }
  int status() {
    const int s = sipp.get();
    UNSCOPED_INFO(logs());
    return s;
  }
  ~SippPbx() {
    if (sipp.valid()) {
      std::system(("pkill -f " + messages.string()).c_str());
      sipp.wait();
    }
    std::filesystem::remove_all(dir);
  }
};

// The listeners' settings for calls out through `pbx`, with agent07's password.
std::function<void(telephony::ListenerSettings&, const std::filesystem::path&)> outboundThrough(
    const SippPbx& pbx, const std::string& password) {
  return [&pbx, password](telephony::ListenerSettings& s, const std::filesystem::path&) {
    s.outbound.proxy = "127.0.0.1:" + std::to_string(pbx.port);
    s.outbound.domain = "pbx.test";
    s.outbound.user = "agent07";
    s.outbound.credentials.accounts = {{"pbx.test", "agent07", password}};
  };
}

}  // namespace

TEST_CASE("the agent calls a customer through a PBX that asks for a password; answered, then hung up",
          "[sip][integration][outbound]") {
  SippPbx pbx("outbound_answered.xml");
  CallRig rig(outboundThrough(pbx, "s3cret"));
  rig.desk->post(desk::DialCall{rig.phone, std::nullopt, ""});
  auto connected = rig.desk->waitFor(
      [](const desk::DeskSnapshot& s) { return s.pop && s.pop->status == desk::ContactStatus::Connected; }, 30s);
  if (!connected->pop || connected->pop->status != desk::ContactStatus::Connected) {
    FAIL("the call never connected; last error: " << connected->lastError << "\n" << pbx.logs());
  }
  const std::string id = connected->pop->interactionId;
  CHECK(connected->agent.state == desk::AgentState::OnContact);
  CHECK(connected->pop->view.has_value());  // the customer's card, as for a call that comes in
  rig.desk->post(desk::HangUpCall{id});
  CHECK(pbx.status() == 0);  // the digest verified, Route in the ACK and the BYE, the BYE came
  rig.stop();

  const std::string trace = slurp(pbx.messages);
  CHECK_THAT(trace, Catch::Contains("INVITE sip:" + rig.phone + "@pbx.test"));
  CHECK_THAT(trace, Catch::Contains("Authorization: Digest username=\"agent07\", realm=\"pbx.test\""));
  auto db = store::Database::open((rig.dir / "store.db").string());
  CHECK(db.queryText("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE interaction_id "
                     "= '" +
                     id + "' ORDER BY seq)") == "offered ringing answered ended");
  CHECK(db.queryText("SELECT direction || ' ' || outcome || ' ' || agent_id || ' ' || address || ' ' || "
                     "(customer_id IS NOT NULL) FROM interactions WHERE id = '" +
                     id + "'") == "out answered agent-07 " + rig.phone + " 1");
  CHECK_THAT(db.queryText("SELECT external_id FROM interactions WHERE id = '" + id + "'"),
             Catch::Matches("sip:.+@frontline;from-tag=[0-9a-f]{8}"));
}

TEST_CASE("a call out to a busy customer through a proxy (407): not reached, and why", "[sip][integration][outbound]") {
  SippPbx pbx("outbound_busy.xml");
  CallRig rig(outboundThrough(pbx, "s3cret"));
  rig.desk->post(desk::DialCall{rig.phone, std::nullopt, ""});
  auto ended = rig.desk->waitFor(
      [](const desk::DeskSnapshot& s) { return s.pop && s.pop->status == desk::ContactStatus::Ended; }, 30s);
  if (!ended->pop || ended->pop->status != desk::ContactStatus::Ended) FAIL("the call never ended\n" << pbx.logs());
  const std::string id = ended->pop->interactionId;
  CHECK(ended->agent.state == desk::AgentState::WrapUp);
  CHECK(pbx.status() == 0);      // Proxy-Authorization on CSeq 2, our ACK of the 486 on it
  CHECK(ended->missed.empty());  // not a missed call: nobody called in
  rig.stop();

  auto db = store::Database::open((rig.dir / "store.db").string());
  CHECK(db.queryText("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE interaction_id "
                     "= '" +
                     id + "' ORDER BY seq)") == "offered ringing not_reached");
  CHECK(db.queryText("SELECT payload_json FROM interaction_events WHERE kind = 'not_reached'") ==
        R"({"reason":"Busy Here","status":486})");
  CHECK(db.queryText("SELECT outcome FROM interactions WHERE id = '" + id + "'") == "not_reached");
}

TEST_CASE("a wrong password: the PBX challenges again and the call is not placed, saying so",
          "[sip][integration][outbound]") {
  SippPbx pbx("outbound_answered.xml");
  CallRig rig(outboundThrough(pbx, "wrong"));
  rig.desk->post(desk::DialCall{rig.phone, std::nullopt, ""});
  auto ended = rig.desk->waitFor(
      [](const desk::DeskSnapshot& s) { return s.pop && s.pop->status == desk::ContactStatus::Ended; }, 30s);
  if (!ended->pop || ended->pop->status != desk::ContactStatus::Ended) FAIL("the call never ended\n" << pbx.logs());
  CHECK(pbx.status() != 0);  // SIPp's scenario expected the right password
  rig.stop();
  auto db = store::Database::open((rig.dir / "store.db").string());
  CHECK_THAT(db.queryText("SELECT payload_json FROM interaction_events WHERE kind = 'not_reached'"),
             Catch::Contains("the PBX refused our password for realm pbx.test (sip.password_file)"));
}

TEST_CASE("the agent hangs up a call out while it rings: CANCEL, and no missed call", "[sip][integration][outbound]") {
  SippPbx pbx("outbound_cancelled.xml");
  CallRig rig(outboundThrough(pbx, "s3cret"));
  rig.desk->post(desk::DialCall{rig.phone, std::nullopt, ""});
  auto ringing = rig.desk->waitFor([](const desk::DeskSnapshot& s) { return s.pop && s.pop->alerting; }, 30s);
  if (!ringing->pop || !ringing->pop->alerting || ringing->pop->status != desk::ContactStatus::Dialling) {
    FAIL("the customer's phone never rang\n" << pbx.logs());
  }
  const std::string id = ringing->pop->interactionId;
  rig.desk->post(desk::HangUpCall{id});
  CHECK(pbx.status() == 0);  // CANCEL on the INVITE's branch, ACK of the 487
  auto ended = rig.desk->waitFor([](const desk::DeskSnapshot& s) { return s.missed.empty(); }, 5s);
  CHECK(ended->missed.empty());
  rig.stop();
  auto db = store::Database::open((rig.dir / "store.db").string());
  CHECK(db.queryText("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE interaction_id "
                     "= '" +
                     id + "' ORDER BY seq)") == "offered ringing cancelled");
  CHECK(db.queryText("SELECT outcome FROM interactions WHERE id = '" + id + "'") == "cancelled");
}

TEST_CASE("attended transfer: the caller held, a colleague consulted through the PBX, REFER with Replaces",
          "[sip][integration][transfer][attended]") {
  SippPbx colleague("consult_target.xml");
  CallRig rig(outboundThrough(colleague, "s3cret"));
  rig.call("agent_transfers_attended.xml");
  const std::string id = rig.confirmed();
  rig.desk->post(desk::ConsultCall{id, "2002"});
  auto consulting =
      rig.desk->waitFor([](const desk::DeskSnapshot& s) { return s.pop && s.pop->consultState == "connected"; }, 30s);
  if (!consulting->pop || consulting->pop->consultState != "connected") {
    FAIL("the colleague never answered the consultation; last error: " << consulting->lastError << "\n"
                                                                       << colleague.logs());
  }
  CHECK(consulting->pop->status == desk::ContactStatus::Held);  // the caller was held first
  CHECK(consulting->pop->consultTo == "2002");
  rig.desk->post(desk::CompleteTransfer{id});
  auto done = rig.desk->waitFor(
      [](const desk::DeskSnapshot& s) { return s.pop && s.pop->transferState == "transferred"; }, 30s);
  if (!done->pop || done->pop->transferState != "transferred") {
    FAIL("the transfer never completed; last error: " << done->lastError << "\n" << colleague.logs());
  }
  CHECK(done->pop->status == desk::ContactStatus::Ended);
  CHECK(done->pop->consultState == "ended");
  CHECK(done->pop->consultEnded == "transferred");
  CHECK(rig.sippStatus() == 0);    // the caller: held, our REFER with Replaces, NOTIFY 200, our BYE
  CHECK(colleague.status() == 0);  // the consultation: answered, then our BYE
  rig.stop();

  auto db = store::Database::open((rig.dir / "store.db").string());
  CHECK(db.queryText("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE interaction_id "
                     "= '" +
                     id + "' AND kind NOT IN ('offered', 'ringing', 'answered', 'recorded') ORDER BY seq)") ==
        "held consult_started consult_answered transfer_requested transferred ended consult_ended");
  CHECK(db.queryText("SELECT json_extract(payload_json, '$.kind') FROM interaction_events WHERE kind = "
                     "'transfer_requested'") == "attended");
  // The Replaces names the consultation's dialog as the colleague knows it: its Call-ID,
  // the colleague's tag (to-tag) and ours (from-tag).
  const std::string key = db.queryText(
      "SELECT json_extract(payload_json, '$.call') FROM interaction_events WHERE kind = 'consult_started'");
  const std::string callId = key.substr(0, key.find(';'));
  const std::string ourTag = key.substr(key.find("from-tag=") + 9);
  std::smatch tag;
  const std::string colleagueMessages = slurp(colleague.messages);
  REQUIRE(std::regex_search(colleagueMessages, tag, std::regex(";tag=([0-9]+COLL[0-9]+)")));
  const std::string atEscaped = callId.substr(0, callId.find('@')) + "%40" + callId.substr(callId.find('@') + 1);
  CHECK_THAT(slurp(rig.messages), Catch::Contains("Refer-To: <sip:2002@pbx.test?Replaces=" + atEscaped +
                                                  "%3Bto-tag%3D" + tag[1].str() + "%3Bfrom-tag%3D" + ourTag + ">"));
}

TEST_CASE("a consultation the colleague does not answer (busy): the caller stays on hold, F4 takes them back",
          "[sip][integration][transfer][attended]") {
  SippPbx colleague("outbound_busy.xml");
  CallRig rig(outboundThrough(colleague, "s3cret"));
  rig.call("agent_holds.xml", std::to_string(freeUdpPort()) + ";");
  const std::string id = rig.confirmed();
  rig.desk->post(desk::ConsultCall{id, "2002"});
  auto ended =
      rig.desk->waitFor([](const desk::DeskSnapshot& s) { return s.pop && s.pop->consultState == "ended"; }, 30s);
  if (!ended->pop || ended->pop->consultState != "ended") {
    FAIL("the consultation never ended; last error: " << ended->lastError << "\n" << colleague.logs());
  }
  CHECK(ended->pop->consultEnded == "not reached: 486 Busy Here");
  CHECK(ended->pop->status == desk::ContactStatus::Held);
  CHECK(colleague.status() == 0);
  rig.desk->post(desk::HoldCall{id, false});  // F4: the caller is back (our re-INVITE, sendrecv)
  auto resumed = rig.desk->waitFor(
      [](const desk::DeskSnapshot& s) { return s.pop && s.pop->status == desk::ContactStatus::Connected; }, 30s);
  CHECK(resumed->pop->status == desk::ContactStatus::Connected);
  rig.desk->post(desk::HangUpCall{id});
  CHECK(rig.sippStatus() == 0);
}
