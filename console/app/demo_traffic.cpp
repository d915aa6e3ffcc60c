// The demo traffic generator; see demo_traffic.h. Loopback only: it talks to the console
// it runs in, nowhere else.
#include "app/demo_traffic.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <pthread.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "app/demo_voice.h"
#include "store/database.h"
#include "telephony/media/sdp.h"
#include "telephony/sip/sip_builder.h"
#include "telephony/sip/sip_message.h"
#include "telephony/smtp/smtp_client.h"

namespace frontline::app {
namespace {

using Clock = std::chrono::steady_clock;

struct Caller {
  std::string phone;
  std::string name;
};
struct Writer {
  std::string email;
  std::string name;
};

constexpr const char* kSubjects[] = {"Where is my order?", "Refund not received",        "关于我的订单",
                                     "Change of address",  "The kettle stopped working", "Invoice question"};
constexpr const char* kBodies[] = {
    "Hello,\r\n\r\nmy order has not arrived yet. Could you check where it is?\r\n\r\nThanks",
    "Hi,\r\n\r\nI returned the item two weeks ago and still have no refund.\r\n",
    "您好，\r\n\r\n我的订单还没有到，请帮我查一下。\r\n\r\n谢谢！",
    "Please send my next delivery to my new address.\r\n",
    "The kettle I bought last month stopped working. What can I do?\r\n",
    "There is a line on my invoice I do not understand.\r\n"};

// What the demo's callers and the agent say, line by line (c: the customer, a: the agent),
// as a PBX's speech-to-text would post it: calls that go badly, well, and turn around.
struct Line {
  char who;
  const char* text;
};
const std::vector<std::vector<Line>> kConversations = {
    {{'c', "Hi, I'm calling about my order, it still hasn't arrived."},
     {'a', "I'm sorry to hear that, let me look it up for you."},
     {'c', "It was promised for Monday. This is the third time I've called!"},
     {'a', "I can see it is held at the depot. I will have it sent out today."},
     {'c', "Honestly this is ridiculous, nobody ever calls me back."},
     {'a', "I understand. I will call you myself tomorrow morning."},
     {'c', "Fine. But I'm really not happy about this."}},
    {{'c', "Hello, I just wanted to say the engineer was brilliant yesterday."},
     {'a', "That's lovely to hear, thank you for letting us know."},
     {'c', "The heater works perfectly now, thank you so much."},
     {'a', "Is there anything else I can help with today?"},
     {'c', "No, that's all, have a great day!"}},
    {{'c', "My refund still hasn't come through and I'm quite annoyed."},
     {'a', "I'm sorry. I can see the return arrived, let me check the refund."},
     {'c', "I returned it two weeks ago, it's taking far too long."},
     {'a', "The refund was sent this morning, it will be in your account tomorrow."},
     {'c', "Oh, great, thank you, that's a relief. Really helpful."}},
    {{'c', "你好，我的订单到现在还没有到。"},
     {'a', "很抱歉，我帮您查一下。"},
     {'c', "我已经等了一个星期了，非常不满意。"},
     {'a', "包裹今天会重新发出，明天送到。"},
     {'c', "好的，谢谢，希望这次没有问题。"}},
};

// Posts one JSON body to the CTI webhook over a short connection; the answer is not needed.
void postToWebhook(const telephony::ListenAddress& cti, const std::string& token, const std::string& body) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return;
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(cti.port);
  target.sin_addr.s_addr = htonl(cti.host.to_v4().to_uint());
  if (::connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target) == 0) {
    const std::string request = "POST /api/v1/cti/" + token + " HTTP/1.1\r\nHost: " + cti.toString() +
                                "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                                "\r\nConnection: close\r\n\r\n" + body;
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    pollfd p{fd, POLLIN, 0};
    char answer[512];
    if (::poll(&p, 1, 2000) > 0) (void)::recv(fd, answer, sizeof answer, 0);
  }
  ::close(fd);
}

sockaddr_in toSockaddr(const telephony::ListenAddress& a) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(a.port);
  addr.sin_addr.s_addr = htonl(a.host.to_v4().to_uint());
  return addr;
}

// Waits up to `ms` for a datagram; empty when none came.
std::string receive(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, ms) <= 0) return {};
  char buf[8192];
  const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

class Generator {
 public:
  Generator(const DemoTrafficOptions& o, std::atomic<bool>& stop)
      : m_o(o), m_stop(stop), m_rng(std::random_device{}()) {
    loadPeople();
  }

  void run() {
    double wait = m_o.firstAfterSeconds;
    while (!sleepFor(wait)) {
      const bool call = m_o.sip && (!m_o.smtp || chance(0.7));
      if (call) {
        placeCall();
      } else if (m_o.smtp) {
        sendEmail();
      }
      wait = m_o.everySeconds * std::uniform_real_distribution<double>(0.6, 1.4)(m_rng);
    }
  }

 private:
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(m_rng)];
  }
  std::string token() { return std::to_string(std::uniform_int_distribution<std::uint64_t>()(m_rng)); }

  // Returns true when asked to stop.
  bool sleepFor(double seconds) {
    const auto until = Clock::now() + std::chrono::duration<double>(seconds);
    while (Clock::now() < until) {
      if (m_stop) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return m_stop;
  }

  void loadPeople() {
    try {
      auto db = store::Database::open(m_o.storePath, {.readOnly = true});
      const std::int64_t max = db.queryInt("SELECT COALESCE(MAX(id), 0) FROM customer_addresses");
      auto& q = db.cached(
          "SELECT a.kind, a.value, c.display_name FROM customer_addresses a JOIN customers c ON c.id = a.customer_id "
          "WHERE a.id = ?");
      for (int i = 0; i < 400 && max > 0; ++i) {
        q.bind(1, std::uniform_int_distribution<std::int64_t>(1, max)(m_rng));
        if (q.step()) {
          if (q.text(0) == "phone")
            m_callers.push_back({q.text(1), q.text(2)});
          else
            m_writers.push_back({q.text(1), q.text(2)});
        }
        q.reset();
      }
    } catch (const std::exception& e) {
      spdlog::warn("demo traffic: {}", e.what());
    }
  }

  void placeCall() {
    Caller caller;
    if (m_callers.empty() || chance(0.25)) {
      caller = {"+447700900" + std::to_string(std::uniform_int_distribution<int>(100, 999)(m_rng)), "Unknown caller"};
    } else {
      caller = pick(m_callers);
    }
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in target = toSockaddr(*m_o.sip);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
      if (fd >= 0) ::close(fd);
      return;
    }
    sockaddr_in local{};
    socklen_t len = sizeof local;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len);
    const std::string us = "127.0.0.1:" + std::to_string(ntohs(local.sin_port));
    const std::string them = m_o.sip->toString();
    const std::string callId = token() + "@demo.frontline";
    const std::string from = "\"" + caller.name + "\" <sip:" + caller.phone + "@127.0.0.1>;tag=" + token();
    const std::string to = "<sip:support@" + them + ">";
    const std::string inviteBranch = "z9hG4bK" + token();
    DemoVoice voice(m_rng());
    const std::string sdp = "v=0\r\no=demo 1 1 IN IP4 127.0.0.1\r\ns=demo\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " +
                            std::to_string(voice.port() ? voice.port() : 9) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    auto request = [&](const std::string& method, const std::string& branch, int cseq, const std::string& toHeader,
                       const std::string& body) {
      std::string r = method + " sip:support@" + them + " SIP/2.0\r\nVia: SIP/2.0/UDP " + us + ";branch=" + branch +
                      "\r\nMax-Forwards: 70\r\nFrom: " + from + "\r\nTo: " + toHeader + "\r\nCall-ID: " + callId +
                      "\r\nCSeq: " + std::to_string(cseq) + " " + method + "\r\nContact: <sip:" + caller.phone + "@" +
                      us + ">\r\n";
      if (!body.empty()) r += "Content-Type: application/sdp\r\n";
      r += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
      ::send(fd, r.data(), r.size(), 0);
    };
    request("INVITE", inviteBranch, 1, to, sdp);
    const auto giveUp = Clock::now() + std::chrono::duration<double>(m_o.ringSeconds);
    int final = 0;
    std::string toWithTag = to;
    bool cancelled = false;
    const auto hardStop = giveUp + std::chrono::seconds(10);
    while (final == 0 && Clock::now() < hardStop) {
      if ((m_stop || Clock::now() > giveUp) && !cancelled) {
        request("CANCEL", inviteBranch, 1, to, "");
        cancelled = true;
      }
      const std::string bytes = receive(fd, 200);
      if (bytes.empty()) continue;
      auto parsed = telephony::parseSipDatagram(bytes, telephony::SipLimits{});
      const auto* m = std::get_if<telephony::SipMessage>(&parsed);
      if (!m || m->isRequest || !m->cseq() || m->cseq()->second != "INVITE") continue;
      if (m->status >= 200) {
        final = m->status;
        toWithTag = *m->header("To");
        if (auto answer = telephony::media::parseAudioStream(m->body);
            auto* stream = std::get_if<telephony::media::AudioStream>(&answer)) {
          voice.sendTo(stream->port);  // the console's port: the caller starts to speak
        }
      }
    }
    if (final >= 300) request("ACK", inviteBranch, 1, toWithTag, "");  // ACK of a non-2xx: same branch
    if (final >= 200 && final < 300) {
      request("ACK", "z9hG4bK" + token(), 1, toWithTag, "");
      const auto hangUp = Clock::now() + std::chrono::duration<double>(m_o.talkSeconds);
      bool theyHungUp = false;
      const auto& conversation = pick(kConversations);
      std::size_t said = 0;
      auto nextLine = Clock::now() + std::chrono::duration<double>(m_o.lineEverySeconds / 2);
      while (!theyHungUp && !m_stop && Clock::now() < hangUp) {
        voice.speak();
        if (m_o.cti && said < conversation.size() && Clock::now() >= nextLine) {
          const Line& line = conversation[said++];
          postToWebhook(*m_o.cti, m_o.ctiToken,
                        nlohmann::json{{"event", "transcript"},
                                       {"callId", callId},
                                       {"speaker", line.who == 'c' ? "customer" : "agent"},
                                       {"text", line.text}}
                            .dump());
          nextLine = Clock::now() + std::chrono::duration<double>(m_o.lineEverySeconds);
        }
        const std::string bytes = receive(fd, 10);
        if (bytes.empty()) continue;
        auto parsed = telephony::parseSipDatagram(bytes, telephony::SipLimits{});
        const auto* m = std::get_if<telephony::SipMessage>(&parsed);
        if (m && m->isRequest && m->method == "BYE") {  // the agent hung up
          const std::string ok = telephony::buildSipResponse(*m, 200, "OK", "");
          ::send(fd, ok.data(), ok.size(), 0);
          theyHungUp = true;
        }
      }
      if (!theyHungUp) {
        request("BYE", "z9hG4bK" + token(), 2, toWithTag, "");
        receive(fd, 1000);
      }
    }
    ::close(fd);
  }

  void sendEmail() {
    Writer writer;
    if (m_writers.empty() || chance(0.25)) {
      writer = {"visitor" + std::to_string(std::uniform_int_distribution<int>(1, 9999)(m_rng)) + "@example.org",
                "New visitor"};
    } else {
      writer = pick(m_writers);
    }
    const std::size_t which = std::uniform_int_distribution<std::size_t>(0, std::size(kSubjects) - 1)(m_rng);
    telephony::OutgoingEmail email;
    email.messageId = token() + "@demo.frontline";
    email.fromAddress = writer.email;
    email.fromName = writer.name;
    email.to = "support@frontline.example";
    email.subject = kSubjects[which];
    email.body = kBodies[which];
    email.dateUs =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    // The same client that sends the agents' replies; loopback, so a short timeout.
    telephony::sendEmail(m_o.smtp->host.to_string(), m_o.smtp->port, "demo.frontline", email, std::chrono::seconds(5));
  }

  const DemoTrafficOptions& m_o;
  std::atomic<bool>& m_stop;
  std::mt19937_64 m_rng;
  std::vector<Caller> m_callers;
  std::vector<Writer> m_writers;
};

}  // namespace

DemoTraffic::DemoTraffic(DemoTrafficOptions options) : m_options(std::move(options)) {
  const bool ipv4 =
      (!m_options.sip || m_options.sip->host.is_v4()) && (!m_options.smtp || m_options.smtp->host.is_v4());
  if (!ipv4) {
    spdlog::warn("demo traffic needs IPv4 listeners; none will be sent");
    return;
  }
  m_thread = std::thread([this] {
    pthread_setname_np(pthread_self(), "fl-demo-traffic");  // names show in top, gdb and perf
    run();
  });
}

DemoTraffic::~DemoTraffic() {
  m_stop = true;
  if (m_thread.joinable()) m_thread.join();
}

void DemoTraffic::run() {
  try {
    Generator(m_options, m_stop).run();
  } catch (const std::exception& e) {
    spdlog::error("demo traffic stopped: {}", e.what());
  }
}

}  // namespace frontline::app
