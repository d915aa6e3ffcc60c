// What a call's media measures while it runs (RTP, RTCP, the levels), for the call pane,
// the supervisor's floor (through call_score.h) and the recording's event.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace frontline::telephony::media {

// How a call sounds, both ways, for the call pane and the supervisor.
constexpr double kSilentDb = -96.0;  // the floor of a level meter: 16-bit digital silence

// A frame's RMS level in dBFS (0: a full-scale square wave), never below kSilentDb.
double levelDb(std::span<const std::int16_t> samples);

// How a call sounds as one figure (call_score.h says how it is computed).
enum class QualityGrade { Good, Fair, Poor };  // the E-model's satisfied / some / many users dissatisfied

struct QualityScore {
  double r = 0;            // the E-model's transmission rating, 0..100
  double mos = 1;          // the mean opinion score it predicts, 1..4.5
  double lossPercent = 0;  // the worse direction: what we did not get in time, or what the caller did not get
  double jitterMs = 0;     // of what we receive
  double delayMs = 0;      // one way, estimated
  std::optional<double> roundTripMs;
  QualityGrade grade = QualityGrade::Good;
};

struct CallQuality {
  std::string codec;       // "PCMU/8000"
  std::string direction;   // ours: "sendrecv", "recvonly" (the caller holds us), ...
  std::string remote;      // where our audio goes: "192.0.2.7:4000"
  bool latched = false;    // learned from the caller's packets rather than their SDP
  bool hasDevice = false;  // this call has the agent's headset
  double seconds = 0;      // since the media started
  std::uint64_t packetsSent = 0;
  std::uint64_t packetsReceived = 0;
  std::int64_t packetsLost = 0;  // expected minus received
  std::uint64_t framesLate = 0;  // arrived after their turn
  std::uint64_t framesConcealed = 0;
  std::uint64_t invalidPackets = 0;  // not RTP, not the negotiated codec
  double jitterMs = 0;               // of what we receive (RFC 3550 A.8)
  int bufferMs = 0;                  // the jitter buffer's target delay
  // From the caller's RTCP reports about our audio (none until the first arrives).
  std::optional<double> remoteLossPercent;
  std::optional<double> remoteJitterMs;
  std::optional<double> roundTripMs;
  std::uint64_t rtcpReceived = 0;
  bool dtmf = false;             // telephone-event negotiated: the keypad can send digits
  std::uint64_t dtmfSent = 0;    // digits sent
  bool recording = false;        // a recording is being written
  bool recordingPaused = false;  // silence is written instead (card payments)
  bool muted = false;            // the agent's microphone is off: the caller hears silence
  // The loudness of the last frames (RMS in dBFS, falling back 1 dB a frame after a peak,
  // as a meter does; kSilentDb for silence): what the agent's device captured (before any
  // mute: a muted agent still sees they are speaking) and what they hear of the caller.
  double agentLevelDb = kSilentDb;
  double callerLevelDb = kSilentDb;
  std::string deviceProblem;  // the headset failed mid-call (the sound server went away); empty: fine
  // The last few seconds' score (none until enough packets came); what the supervisor sees.
  std::optional<QualityScore> score;
};

}  // namespace frontline::telephony::media
