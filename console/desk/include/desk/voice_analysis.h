// A recorded call's customer voice, for the emotion index (README "Emotion index"): the
// recording (Ogg Opus, or WAV; customer left, agent right) decoded block by block, each
// channel taken down to 8,000 Hz (a telephone's band; the analysis is four times cheaper
// than at 16 kHz) and analysed (emotion/voice_features.h). Runs on the desk's voice thread
// (fl-voice), never the desk's own; `frontline emotion voice FILE` runs it from the shell.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <variant>

#include "emotion/voice_features.h"

namespace frontline::desk {

inline constexpr int kVoiceRate = 8000;

// The analysis, or why not (naming the file). A mono file is the customer alone.
std::variant<emotion::VoiceAnalysis, std::string> analyseRecording(const std::string& path);

// One thread analysing recordings in turn; each result goes to `done` on that thread.
class VoiceAnalyser {
 public:
  struct Job {
    std::string interactionId;
    std::string path;
    std::int64_t startedUs = 0;  // the recording's start: the segments' times are from it
  };
  using Done = std::function<void(const Job&, std::variant<emotion::VoiceAnalysis, std::string>)>;

  explicit VoiceAnalyser(Done done);
  ~VoiceAnalyser();  // finishes the recording in hand, drops the rest
  VoiceAnalyser(const VoiceAnalyser&) = delete;
  VoiceAnalyser& operator=(const VoiceAnalyser&) = delete;

  void add(Job job);

 private:
  void run();
  Done m_done;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<Job> m_jobs;
  bool m_stop = false;
  std::thread m_thread;
};

}  // namespace frontline::desk
