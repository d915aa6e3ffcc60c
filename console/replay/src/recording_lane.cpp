// The recording lane; see recording_lane.h.
#include "replay/recording_lane.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "telephony/media/ogg_opus.h"

namespace frontline::replay {

namespace {

float decibels(double sumOfSquares, std::int64_t frames) {
  if (frames <= 0 || sumOfSquares <= 0) return -90.0f;
  const double rms = std::sqrt(sumOfSquares / static_cast<double>(frames)) / 32768.0;
  return static_cast<float>(std::max(-90.0, 20.0 * std::log10(rms)));
}

// The runs where `inside(i)` holds for at least `minimumUs`, as wall-clock spans.
template <typename Inside>
std::vector<AudioSpan> runs(const RecordingLane& lane, Inside inside, std::int64_t minimumUs, bool longerOnly) {
  std::vector<AudioSpan> out;
  const std::size_t n = lane.customerDb.size();
  std::size_t from = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    const bool in = i < n && inside(i);
    if (in && (i == 0 || !inside(i - 1))) from = i;
    if (!in && i > 0 && inside(i - 1)) {
      const std::int64_t length = static_cast<std::int64_t>(i - from) * lane.bucketUs;
      if (longerOnly ? length > minimumUs : length >= minimumUs) {
        out.push_back({lane.startUs + static_cast<std::int64_t>(from) * lane.bucketUs,
                       lane.startUs + static_cast<std::int64_t>(i) * lane.bucketUs});
      }
    }
  }
  return out;
}

}  // namespace

LevelMeter::LevelMeter(int sampleRate, std::int64_t bucketUs)
    : m_bucketFrames(std::max<std::int64_t>(1, sampleRate * bucketUs / 1'000'000)) {}

void LevelMeter::add(std::span<const std::int16_t> interleaved, int channels) {
  if (channels < 1) return;
  const std::size_t frames = interleaved.size() / static_cast<std::size_t>(channels);
  for (std::size_t f = 0; f < frames; ++f) {
    const double left = interleaved[f * static_cast<std::size_t>(channels)];
    m_left += left * left;
    if (channels > 1) {
      const double right = interleaved[f * static_cast<std::size_t>(channels) + 1];
      m_right += right * right;
    }
    if (++m_frames == m_bucketFrames) close();
  }
}

void LevelMeter::close() {
  m_customer.push_back(decibels(m_left, m_frames));
  m_agent.push_back(decibels(m_right, m_frames));
  m_left = m_right = 0;
  m_frames = 0;
}

void LevelMeter::finish(RecordingLane& lane) {
  if (m_frames > 0) close();
  lane.customerDb = std::move(m_customer);
  lane.agentDb = std::move(m_agent);
}

void markConversation(RecordingLane& lane) {
  const auto speaks = [&](const std::vector<float>& db, std::size_t i) { return i < db.size() && db[i] > kSpeechDb; };
  lane.silences = runs(
      lane, [&](std::size_t i) { return !speaks(lane.customerDb, i) && !speaks(lane.agentDb, i); }, kLongSilenceUs,
      true);
  lane.talkOver = runs(
      lane, [&](std::size_t i) { return speaks(lane.customerDb, i) && speaks(lane.agentDb, i); }, kTalkOverUs, false);
}

RecordingLane describeRecording(const ReplayCase& c) {
  RecordingLane lane;
  const store::InteractionEvent* recorded = nullptr;
  const store::InteractionEvent* deleted = nullptr;
  for (const auto& e : c.events) {
    if (e.kind == store::EventKind::Recorded) recorded = &e;
    if (e.kind == store::EventKind::RecordingDeleted) deleted = &e;
  }
  if (!recorded) {
    lane.unavailable = "no recording of this contact";
    return lane;
  }
  const auto payload = nlohmann::json::parse(recorded->payloadJson, nullptr, false);
  if (!payload.is_object()) {
    lane.unavailable = "the recorded event cannot be read";
    return lane;
  }
  lane.path = payload.value("path", "");
  lane.startUs = payload.value("started_us", recorded->tsUs);
  lane.pausedMs = payload.value("paused_ms", std::int64_t{0});
  if (deleted) {
    const auto d = nlohmann::json::parse(deleted->payloadJson, nullptr, false);
    const int days = d.is_object() ? d.value("retention_days", 0) : 0;
    lane.unavailable = "the recording was deleted (kept " + std::to_string(days) + " days: recordings.retention_days)";
    return lane;
  }
  std::error_code ec;
  if (lane.path.empty() || !std::filesystem::exists(lane.path, ec)) {
    lane.unavailable = "the recording " + lane.path + " is not on this console (recordings.path)";
  }
  return lane;
}

void decodeRecording(RecordingLane& lane) {
  if (!lane.unavailable.empty()) return;
  LevelMeter meter(48000, lane.bucketUs);
  const std::string error = telephony::media::readOggOpusBlocks(
      lane.path, [&](std::span<const std::int16_t> samples, int channels) { meter.add(samples, channels); });
  meter.finish(lane);
  if (!error.empty() && lane.customerDb.empty()) {
    lane.unavailable = error;
    return;
  }
  markConversation(lane);  // a file cut short (a console that died mid-call) shows up to where it ends
}

RecordingLane loadRecordingLane(const ReplayCase& c) {
  RecordingLane lane = describeRecording(c);
  decodeRecording(lane);
  return lane;
}

}  // namespace frontline::replay
