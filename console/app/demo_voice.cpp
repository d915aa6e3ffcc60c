// A demo caller's voice; see demo_voice.h.
#include "app/demo_voice.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cmath>

#include "telephony/media/g711.h"
#include "telephony/media/rtp_packet.h"

namespace frontline::app {

namespace {
constexpr int kRate = 8000;
constexpr int kFrame = 160;  // 20 ms
constexpr double kTwoPi = 6.283185307179586;
}  // namespace

DemoVoice::DemoVoice(std::uint64_t seed) : m_rng(seed) {
  m_fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof a;
  if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &length) != 0) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    return;
  }
  m_port = ntohs(a.sin_port);
  m_ssrc = static_cast<std::uint32_t>(m_rng());
  m_sequence = static_cast<std::uint16_t>(m_rng());
}

DemoVoice::~DemoVoice() {
  if (m_fd >= 0) ::close(m_fd);
}

void DemoVoice::sendTo(std::uint16_t port) {
  m_target = port;
  m_next = std::chrono::steady_clock::now();
}

// One frame of murmur: syllables of 120-300 ms (a voiced sound of a few harmonics whose
// pitch drifts), pauses of 60-400 ms between them.
void DemoVoice::frame(std::int16_t* samples) {
  for (int i = 0; i < kFrame; ++i, ++m_sample) {
    if (m_syllableLeft <= 0) {
      m_voiced = !m_voiced;
      m_syllableLeft = m_voiced ? std::uniform_int_distribution<int>(960, 2400)(m_rng)
                                : std::uniform_int_distribution<int>(480, 3200)(m_rng);
      m_pitch = std::uniform_real_distribution<double>(110.0, 190.0)(m_rng);
    }
    const int left = m_syllableLeft--;
    if (!m_voiced) {
      samples[i] = 0;
      continue;
    }
    m_pitch += std::uniform_real_distribution<double>(-0.02, 0.02)(m_rng);
    m_phase += kTwoPi * m_pitch / kRate;
    const double envelope = std::min(1.0, left / 400.0);
    const double v = std::sin(m_phase) + 0.5 * std::sin(2 * m_phase) + 0.25 * std::sin(3 * m_phase);
    samples[i] = static_cast<std::int16_t>(4000.0 * envelope * v);
  }
}

void DemoVoice::speak() {
  if (m_fd < 0 || m_target == 0) return;
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  to.sin_port = htons(m_target);
  const auto now = std::chrono::steady_clock::now();
  if (now - m_next > std::chrono::milliseconds(200)) m_next = now;  // the thread was held up: no burst
  while (m_next <= now) {
    std::array<std::int16_t, kFrame> samples{};
    frame(samples.data());
    telephony::media::RtpHeader h;
    h.payloadType = 0;
    h.sequence = m_sequence++;
    h.timestamp = m_timestamp;
    h.ssrc = m_ssrc;
    m_timestamp += kFrame;
    const auto packet =
        telephony::media::writeRtp(h, telephony::media::encodeG711(telephony::media::G711Law::Ulaw, samples));
    ::sendto(m_fd, packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    m_next += std::chrono::milliseconds(20);
  }
}

}  // namespace frontline::app
