// A demo caller's voice (scripts/demo's traffic): a murmur of syllables, a voiced sound
// whose pitch wanders like speech, with pauses between words, sent as PCMU RTP every 20 ms
// from a loopback socket of its own, so a demo call has audio for the call pane to show.
// Our own synthesis; no recording of anyone. Used by one demo call on the demo thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace frontline::app {

class DemoVoice {
 public:
  explicit DemoVoice(std::uint64_t seed);
  ~DemoVoice();
  DemoVoice(const DemoVoice&) = delete;
  DemoVoice& operator=(const DemoVoice&) = delete;

  // The port to offer in the INVITE's SDP (0: no socket; the call goes on without audio).
  std::uint16_t port() const { return m_port; }
  // Where the console wants the audio (its SDP answer's port on loopback).
  void sendTo(std::uint16_t port);
  // Sends every packet due by now (none before sendTo).
  void speak();

 private:
  void frame(std::int16_t* samples);
  int m_fd = -1;
  std::uint16_t m_port = 0;
  std::uint16_t m_target = 0;
  std::chrono::steady_clock::time_point m_next;
  std::mt19937_64 m_rng;
  std::uint16_t m_sequence = 0;
  std::uint32_t m_timestamp = 0;
  std::uint32_t m_ssrc = 0;
  std::uint64_t m_sample = 0;  // since the start
  int m_syllableLeft = 0;      // samples of the current syllable or pause
  bool m_voiced = false;
  double m_pitch = 140.0;  // Hz
  double m_phase = 0.0;
};

}  // namespace frontline::app
