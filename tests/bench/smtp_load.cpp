// smtp_load: emails/s accepted durably by an SMTP server over N concurrent sessions.
// Each session sends its messages one after another (MAIL, RCPT, DATA, body, ".") and
// waits for the 250 that the server sends only after its commit. Prints the total rate
// and the per-message latency (DATA "." to 250) p50/p99. A benchmark, not a test.
//   smtp_load HOST PORT [SESSIONS=10] [MESSAGES_PER_SESSION=300]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

class Session {
 public:
  Session(const char* host, int port) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, host, &addr.sin_addr);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect");
    int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Session() { ::close(m_fd); }

  void send(const std::string& s) {
    std::size_t done = 0;
    while (done < s.size()) {
      const ssize_t n = ::write(m_fd, s.data() + done, s.size() - done);
      if (n <= 0) throw std::runtime_error("write");
      done += static_cast<std::size_t>(n);
    }
  }

  // Reads one complete reply (the line whose 4th character is a space) and returns its code.
  int reply() {
    while (true) {
      std::size_t start = 0;
      while (true) {
        const auto nl = m_in.find('\n', start);
        if (nl == std::string::npos) break;
        if (nl - start >= 4 && m_in[start + 3] == ' ') {
          const int code = std::atoi(m_in.substr(start, 3).c_str());
          m_in.erase(0, nl + 1);
          return code;
        }
        start = nl + 1;
      }
      char buf[4096];
      const ssize_t n = ::read(m_fd, buf, sizeof buf);
      if (n <= 0) throw std::runtime_error("read");
      m_in.append(buf, static_cast<std::size_t>(n));
    }
  }

 private:
  int m_fd;
  std::string m_in;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: smtp_load HOST PORT [SESSIONS] [MESSAGES_PER_SESSION]\n");
    return 2;
  }
  const char* host = argv[1];
  const int port = std::atoi(argv[2]);
  const int sessions = argc > 3 ? std::atoi(argv[3]) : 10;
  const int perSession = argc > 4 ? std::atoi(argv[4]) : 300;
  std::atomic<int> accepted{0};
  std::atomic<int> refused{0};
  std::mutex latencyMutex;  // guards latencies; taken by each session thread once at its end
  std::vector<double> latencies;
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < sessions; ++t) {
    threads.emplace_back([&, t] {
      std::vector<double> mine;
      try {
        Session s(host, port);
        s.reply();
        s.send("EHLO load.example\r\n");
        s.reply();
        for (int i = 0; i < perSession; ++i) {
          s.send("MAIL FROM:<load" + std::to_string(t) + "@example.org>\r\n");
          s.reply();
          s.send("RCPT TO:<support@frontline.example>\r\n");
          s.reply();
          s.send("DATA\r\n");
          s.reply();
          const auto t0 = Clock::now();
          s.send("From: Load Test <load" + std::to_string(t) + "@example.org>\r\nSubject: load " + std::to_string(i) +
                 "\r\nMessage-ID: <load-" + std::to_string(t) + "-" + std::to_string(i) + "-" +
                 std::to_string(start.time_since_epoch().count()) +
                 "@example.org>\r\n\r\nWhere is my order? It was due yesterday.\r\n.\r\n");
          const int code = s.reply();
          mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
          (code == 250 ? accepted : refused)++;
        }
        s.send("QUIT\r\n");
      } catch (const std::exception& e) {
        std::fprintf(stderr, "session %d: %s\n", t, e.what());
      }
      std::lock_guard lock(latencyMutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (auto& th : threads) th.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(latencies.begin(), latencies.end());
  auto at = [&](double p) {
    return latencies.empty() ? 0.0 : latencies[static_cast<std::size_t>(p * static_cast<double>(latencies.size() - 1))];
  };
  std::printf(
      "smtp_load: %d sessions, %d emails accepted (250 after commit), %d refused, in %.2f s = %.0f emails/s; "
      "DATA-to-250 p50 %.2f ms, p99 %.2f ms\n",
      sessions, accepted.load(), refused.load(), seconds, accepted.load() / seconds, at(0.5), at(0.99));
  return refused.load() == 0 && accepted.load() == sessions * perSession ? 0 : 1;
}
