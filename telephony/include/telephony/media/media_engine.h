// The media thread: RTP and RTCP for every answered call, never on the SIP network thread
// or the UI. Each call gets an RTP/RTCP port pair from `sip.rtp_ports` when its INVITE is
// answered; every frame time (20 ms) the thread sends the agent's voice (from the audio
// device, for the call that has it; silence for the others) and plays the caller's from an
// adaptive jitter buffer, and every few seconds it sends an RTCP report and reads the
// peer's, so the call pane can show loss, jitter and the round trip both ways.
//
// Symmetric RTP (RFC 4961): we send from the port we receive on, and once the caller's
// audio arrives we send back to where it came from (a phone behind NAT gives a private
// address in its SDP), re-learning the source only after a second of silence from it.
//
// Thread: start() spawns the media thread; reserve, connect, release and quality are safe
// from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "telephony/media/call_score.h"
#include "telephony/media/sdp.h"

namespace frontline::telephony::media {

struct MediaSettings {
  bool enabled = true;                // false: signalling only (SDP answered, no RTP sockets)
  std::string address = "127.0.0.1";  // RTP bound here and put in our SDP's c= line
  std::uint16_t firstPort = 40000;    // sip.rtp_ports: even ports from here (RTP), the odd above (RTCP)
  std::uint16_t lastPort = 49999;
  std::string device = "null";  // audio.device, see audio_device.h
  // audio.voice_processing: echo cancellation, noise suppression and gain control on a
  // headset (a "pulse" device; file and null devices are passed as they are).
  bool voiceProcessing = true;
  std::string recordingsPath;  // recordings.path: each answered call recorded here; empty: none
  // audio.music_on_hold: what a held caller hears, looped (a WAV, 8000 Hz mono 16-bit; the
  // demo's is assets/audio/music-on-hold.wav); empty: a built-in arpeggio.
  std::string musicOnHold;
};

// A call's recording once it is closed (the call ended), for its `recorded` event.
struct RecordingResult {
  std::string key;  // the call's
  std::string path;
  std::int64_t startedUs = 0;  // wall clock of its first frame: the replay lines it up with the events
  std::int64_t durationMs = 0;
  std::int64_t pausedMs = 0;  // silence written while paused (card payments)
  std::uint64_t bytes = 0;
  std::string sha256;   // of the file as closed
  std::string error;    // non-empty: the recording failed (what, naming the file); the rest may be partial
  CallQuality quality;  // how the call sounded, at its end
};
using RecordingSink = std::function<void(RecordingResult)>;
// Where a call's grade changes and its score at the end are reported (call_score.h).
using QualitySink = std::function<void(QualityReport)>;

// Where the engine reports what went wrong with a call's media (log lines, peer bytes escaped).
using MediaLog = std::function<void(const std::string& line)>;

class MediaEngine {
 public:
  MediaEngine(MediaSettings settings, MediaLog log);
  ~MediaEngine();  // stops the media thread
  MediaEngine(const MediaEngine&) = delete;
  MediaEngine& operator=(const MediaEngine&) = delete;

  // Where closed recordings are reported (called on the media thread); set before start.
  void setRecordingSink(RecordingSink sink);
  // Where each call's quality reports go (called on the media thread); set before start.
  void setQualitySink(QualitySink sink);
  // Opens the audio device and reads the music on hold (std::runtime_error naming the
  // device or the file when it cannot be), checks the recordings folder can be written,
  // and starts the media thread.
  void start();
  void stop();
  const MediaSettings& settings() const;
  // The agent's device as it describes itself ("pulse:ear,mouth.monitor, echo cancelled, ...").
  std::string deviceName() const;
  // Its audio.device spec ("pulse:SINK,SOURCE"): the configured one, or the last chosen.
  std::string deviceSpec() const;
  // The agent chose another headset: opens `spec` on the calling thread (it may block on
  // the sound server: never the UI's), then the media thread swaps it in between two
  // frames; a call in progress carries on in the new headset. Returns why it could not be
  // opened ("" when it was); the old device then stays. Not concurrently with stop().
  std::string setDevice(const std::string& spec);

  // Binds a port pair for the call `key` (the SIP call's key); the port to put in our SDP,
  // or nullopt when every pair in the range is in use (the caller then gets a 503).
  std::optional<std::uint16_t> reserve(const std::string& key);
  // Starts the call's media as negotiated, or changes it (a re-INVITE: hold, a new codec
  // or address). The most recently connected call takes the audio device; a call changed
  // while nobody has it (the one that had it ended) takes it back.
  void connect(const std::string& key, const Negotiated& negotiated);
  // Ends the call's media and frees its ports; its recording is closed and reported.
  void release(const std::string& key);
  // Pauses or resumes the call's recording (both channels silent meanwhile).
  void pauseRecording(const std::string& key, bool paused);
  // Mutes or unmutes the agent on the call: silence goes to the caller (RTP keeps flowing,
  // so the caller's phone does not take the call for dead) and into the recording's agent
  // channel; the device is still read, so its level stays on the meter.
  void mute(const std::string& key, bool muted);
  // Sends DTMF digits as RFC 4733 events, one after the other (keys other than 0-9, *, #,
  // A-D are ignored); nothing when the caller did not offer telephone-event (logged).
  void sendDtmf(const std::string& key, const std::string& digits);

  std::optional<CallQuality> quality(const std::string& key) const;
  std::size_t calls() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace frontline::telephony::media
