// The jitter buffer; see jitter_buffer.h.
#include "telephony/media/jitter_buffer.h"

#include <algorithm>
#include <cmath>

namespace frontline::telephony::media {

JitterBuffer::JitterBuffer(JitterSettings settings)
    : m_settings(settings),
      m_frameSamples(std::max(1, settings.clockRate * settings.frameMs / 1000)),
      m_frameLength(
          std::max(1, (settings.sampleRate > 0 ? settings.sampleRate : settings.clockRate) * settings.frameMs / 1000)) {
  m_last.assign(static_cast<std::size_t>(m_frameLength), 0);
  m_stats.targetDelayMs = targetDelayMs();
}

// RTP timestamps wrap at 2^32: each is taken as the nearest value to the highest seen.
std::int64_t JitterBuffer::extend(std::uint32_t rtpTimestamp) {
  if (!m_highest) return rtpTimestamp;
  const auto reference = static_cast<std::uint32_t>(*m_highest);
  return *m_highest + static_cast<std::int32_t>(rtpTimestamp - reference);
}

int JitterBuffer::targetDelayMs() const {
  // A frame plus three times the mean deviation covers nearly every arrival, rounded up
  // to whole frames.
  const double wanted = m_settings.frameMs + 3 * m_stats.jitterMs;
  const int frames = static_cast<int>(std::ceil(wanted / m_settings.frameMs));
  return std::clamp(frames * m_settings.frameMs, m_settings.minDelayMs, m_settings.maxDelayMs);
}

int JitterBuffer::depthMs() const {
  if (m_frames.empty()) return 0;
  const std::int64_t ahead = m_frames.rbegin()->first + m_frameSamples - m_playout;
  return static_cast<int>(std::max<std::int64_t>(0, ahead) * 1000 / m_settings.clockRate);
}

void JitterBuffer::push(std::uint32_t rtpTimestamp, std::vector<std::int16_t> samples, std::int64_t arrivalMs) {
  const std::int64_t ts = extend(rtpTimestamp);
  // RFC 3550 A.8: the mean deviation of the transit time, in timestamp units.
  const double transit = static_cast<double>(arrivalMs) * m_settings.clockRate / 1000.0 - static_cast<double>(ts);
  if (m_lastTransit) {
    const double jitter = m_stats.jitterMs * m_settings.clockRate / 1000.0;
    const double updated = jitter + (std::abs(transit - *m_lastTransit) - jitter) / 16.0;
    m_stats.jitterMs = updated * 1000.0 / m_settings.clockRate;
  }
  m_lastTransit = transit;
  if (!m_startAtMs) {
    m_playout = ts;
    m_startAtMs = arrivalMs + targetDelayMs();
  }
  if (!m_highest || ts > *m_highest) m_highest = ts;
  if (ts < m_playout) {
    ++m_stats.late;
    return;
  }
  samples.resize(static_cast<std::size_t>(m_frameLength));  // a frame of another size is fitted to ours
  if (!m_frames.emplace(ts, std::move(samples)).second) {
    ++m_stats.duplicates;
    return;
  }
  ++m_stats.received;
  // Never more than twice the largest delay held: a burst beyond it loses its oldest.
  const std::int64_t most = 2LL * m_settings.maxDelayMs * m_settings.clockRate / 1000;
  while (m_frames.size() > 1 && m_frames.rbegin()->first - m_frames.begin()->first > most) {
    m_frames.erase(m_frames.begin());
    ++m_stats.trimmed;
  }
}

JitterBuffer::Frame JitterBuffer::conceal() {
  Frame f{FrameKind::Concealed, m_last};
  ++m_concealedInARow;
  const double gain = m_concealedInARow <= 3 ? std::pow(0.5, m_concealedInARow) : 0.0;
  for (auto& s : f.samples) s = static_cast<std::int16_t>(std::lround(s * gain));
  return f;
}

JitterBuffer::Frame JitterBuffer::pop(std::int64_t nowMs) {
  if (!m_startAtMs || nowMs < *m_startAtMs) {
    return Frame{FrameKind::Silence, std::vector<std::int16_t>(static_cast<std::size_t>(m_frameLength), 0)};
  }
  m_stats.targetDelayMs = targetDelayMs();
  // Frames overtaken by the play-out point (off the frame grid) are not played.
  m_frames.erase(m_frames.begin(), m_frames.lower_bound(m_playout));
  auto it = m_frames.begin();
  if (it != m_frames.end() &&
      it->first - m_playout > std::int64_t{m_settings.maxDelayMs} * m_settings.clockRate / 1000) {
    // A gap longer than any delay we keep: the sender paused (silence suppression, hold).
    m_playout = it->first;
    ++m_stats.resyncs;
  }
  if (it != m_frames.end() && it->first < m_playout + m_frameSamples) {
    Frame f{FrameKind::Audio, std::move(it->second)};
    m_playout = it->first + m_frameSamples;
    m_frames.erase(it);
    m_last = f.samples;
    m_concealedInARow = 0;
    ++m_stats.played;
    if (depthMs() > m_stats.targetDelayMs + 2 * m_settings.frameMs) {
      // Too far behind the sender: the next frame goes unplayed.
      auto next = m_frames.lower_bound(m_playout);
      if (next != m_frames.end() && next->first < m_playout + m_frameSamples) m_frames.erase(next);
      m_playout += m_frameSamples;
      ++m_stats.trimmed;
    }
    return f;
  }
  if (it != m_frames.end() && depthMs() >= m_stats.targetDelayMs) {
    // Later frames are here, this one is not, and we already hold the delay we aim for:
    // lost. (Below it, the frame is waited for, as on an underrun: the delay grows.)
    ++m_stats.lost;
    m_playout += m_frameSamples;
    return conceal();
  }
  ++m_stats.underruns;  // not here yet: wait for it (the play-out point stays)
  return conceal();
}

}  // namespace frontline::telephony::media
