#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "telephony/media/jitter_buffer.h"

using namespace frontline::telephony::media;

namespace {

constexpr int kFrame = 160;  // 20 ms at 8,000 Hz

// Frame n carries the value n in every sample, so what is played says which frame it was.
std::vector<std::int16_t> frame(int n) {
  return std::vector<std::int16_t>(kFrame, static_cast<std::int16_t>(n));
}

struct Played {
  std::vector<int> audio;  // frame numbers played, in order
  int concealed = 0;
};

// Drives the buffer on a 20 ms device clock from `startMs` to `endMs`, delivering each
// (rtp frame number, arrival ms) when its time comes.
Played run(JitterBuffer& jb, std::vector<std::pair<int, double>> arrivals, double endMs,
           std::uint32_t firstTimestamp = 1000) {
  std::sort(arrivals.begin(), arrivals.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  Played out;
  std::size_t next = 0;
  for (double now = 0; now <= endMs; now += 20) {
    while (next < arrivals.size() && arrivals[next].second <= now) {
      const int n = arrivals[next].first;
      jb.push(firstTimestamp + static_cast<std::uint32_t>(n * kFrame), frame(n),
              static_cast<std::int64_t>(arrivals[next].second));
      ++next;
    }
    const auto f = jb.pop(static_cast<std::int64_t>(now));
    REQUIRE(f.samples.size() == static_cast<std::size_t>(kFrame));
    if (f.kind == JitterBuffer::FrameKind::Audio) out.audio.push_back(f.samples[0]);
    if (f.kind == JitterBuffer::FrameKind::Concealed) ++out.concealed;
  }
  return out;
}

std::vector<int> upTo(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i) v.push_back(i);
  return v;
}

}  // namespace

TEST_CASE("jitter buffer: packets in order play in order after the starting delay", "[media][jitter]") {
  JitterBuffer jb(JitterSettings{});
  std::vector<std::pair<int, double>> arrivals;
  for (int n = 0; n < 50; ++n) arrivals.emplace_back(n, n * 20.0 + 1);
  const auto played = run(jb, arrivals, 50 * 20 + 100);
  CHECK(std::vector<int>(played.audio.begin(), played.audio.end()) == upTo(50));
  CHECK(jb.stats().lost == 0);
  CHECK(jb.stats().late == 0);
  CHECK(jb.stats().targetDelayMs == 40);  // no jitter: the smallest delay
}

TEST_CASE("jitter buffer: reordered packets within the delay are put back in order", "[media][jitter]") {
  JitterBuffer jb(JitterSettings{});
  std::vector<std::pair<int, double>> arrivals;
  for (int n = 0; n < 40; ++n) arrivals.emplace_back(n, n * 20.0 + 1);
  std::swap(arrivals[10].second, arrivals[11].second);  // 11 before 10
  std::swap(arrivals[20].second, arrivals[22].second);  // 22 before 21 before 20
  const auto played = run(jb, arrivals, 40 * 20 + 100);
  CHECK(played.audio == upTo(40));
  CHECK(jb.stats().lost == 0);
}

TEST_CASE("jitter buffer: a lost packet is concealed at half level and nothing shifts", "[media][jitter]") {
  JitterBuffer jb(JitterSettings{});
  std::vector<std::pair<int, double>> arrivals;
  for (int n = 0; n < 30; ++n) {
    if (n != 12) arrivals.emplace_back(n, n * 20.0 + 1);
  }
  std::vector<int> expected = upTo(30);
  expected.erase(expected.begin() + 12);
  const auto played = run(jb, arrivals, 30 * 20 + 100);
  CHECK(played.audio == expected);
  CHECK(jb.stats().lost == 1);
  CHECK(played.concealed >= 1);
}

TEST_CASE("jitter buffer: concealment fades to silence after three frames, then waits for the next",
          "[media][jitter]") {
  JitterBuffer jb(JitterSettings{});
  jb.push(0, std::vector<std::int16_t>(kFrame, 1000), 0);
  CHECK(jb.pop(40).samples[0] == 1000);
  CHECK(jb.pop(60).samples[0] == 500);
  CHECK(jb.pop(80).samples[0] == 250);
  CHECK(jb.pop(100).samples[0] == 125);
  const auto fourth = jb.pop(120);
  CHECK(fourth.kind == JitterBuffer::FrameKind::Concealed);
  CHECK(fourth.samples[0] == 0);
  jb.push(kFrame, frame(7), 125);  // frame 1, late on the network but not skipped
  CHECK(jb.pop(140).samples[0] == 7);
  CHECK(jb.stats().underruns == 4);
  CHECK(jb.stats().lost == 0);
  CHECK(jb.stats().late == 0);
}

TEST_CASE("jitter buffer: a packet after its turn is late and dropped; duplicates once", "[media][jitter]") {
  JitterBuffer jb(JitterSettings{});
  std::vector<std::pair<int, double>> arrivals;
  for (int n = 0; n < 20; ++n) arrivals.emplace_back(n, n * 20.0 + 1);
  arrivals[8].second = 8 * 20.0 + 300;     // far behind its turn
  arrivals.emplace_back(5, 5 * 20.0 + 2);  // frame 5 twice
  const auto played = run(jb, arrivals, 20 * 20 + 100);
  CHECK(jb.stats().late == 1);
  CHECK(jb.stats().duplicates == 1);
  CHECK(std::count(played.audio.begin(), played.audio.end(), 5) == 1);
  CHECK(std::count(played.audio.begin(), played.audio.end(), 8) == 0);
}

TEST_CASE("jitter buffer: the delay follows the jitter, within its bounds", "[media][jitter]") {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> spread(0, 60);
  JitterBuffer jb(JitterSettings{});
  std::vector<std::pair<int, double>> arrivals;
  for (int n = 0; n < 500; ++n) arrivals.emplace_back(n, n * 20.0 + spread(random));
  const auto played = run(jb, arrivals, 500 * 20 + 400);
  INFO("jitter " << jb.stats().jitterMs << " ms, target " << jb.stats().targetDelayMs << " ms, lost " << jb.stats().lost
                 << ", late " << jb.stats().late);
  CHECK(jb.stats().jitterMs > 10);
  CHECK(jb.stats().targetDelayMs > 40);
  CHECK(jb.stats().targetDelayMs <= 300);
  // Most frames play: the late ones are those that came before the delay had grown.
  CHECK(played.audio.size() >= 480);
}

TEST_CASE("jitter buffer: when the network starts reordering, the delay grows instead of losing every other frame",
          "[media][jitter]") {
  // From frame 100 on every even frame comes 70 ms late, after the next one: below the
  // target delay a missing frame is waited for, not given up.
  JitterBuffer jb(JitterSettings{});
  std::vector<std::pair<int, double>> arrivals;
  for (int n = 0; n < 400; ++n) arrivals.emplace_back(n, n * 20.0 + 1 + (n >= 100 && n % 2 == 0 ? 70 : 0));
  const auto played = run(jb, arrivals, 400 * 20 + 400);
  INFO("lost " << jb.stats().lost << ", late " << jb.stats().late << ", target " << jb.stats().targetDelayMs << " ms");
  CHECK(played.audio.size() >= 395);
  CHECK(jb.stats().lost <= 4);
  CHECK(jb.stats().targetDelayMs > 100);
}

TEST_CASE("jitter buffer: a sender's clock 1 % fast or slow neither grows the delay nor loses frames",
          "[media][jitter]") {
  for (const double period : {19.8, 20.2}) {
    INFO("a packet every " << period << " ms");
    JitterBuffer jb(JitterSettings{});
    std::vector<std::pair<int, double>> arrivals;
    const int frames = 3000;  // a minute
    for (int n = 0; n < frames; ++n) arrivals.emplace_back(n, n * period + 1);
    std::size_t next = 0;
    int maxDepth = 0;
    int audio = 0;
    int previous = -1;
    bool inOrder = true;
    for (double now = 0; now <= frames * period + 1000; now += 20) {
      while (next < arrivals.size() && arrivals[next].second <= now) {
        jb.push(static_cast<std::uint32_t>(arrivals[next].first * kFrame), frame(arrivals[next].first),
                static_cast<std::int64_t>(arrivals[next].second));
        ++next;
      }
      const auto f = jb.pop(static_cast<std::int64_t>(now));
      if (f.kind == JitterBuffer::FrameKind::Audio) {
        ++audio;
        inOrder = inOrder && f.samples[0] > previous;
        previous = f.samples[0];
      }
      maxDepth = std::max(maxDepth, jb.depthMs());
    }
    CHECK(inOrder);
    CHECK(maxDepth <= 40 + 3 * 20);  // the target plus the two frames it may run over, plus one arriving
    if (period < 20) {
      CHECK(jb.stats().trimmed > 0);  // a fast sender: frames dropped to hold the delay
      CHECK(audio + static_cast<int>(jb.stats().trimmed) == frames);
    } else {
      CHECK(jb.stats().underruns > 0);  // a slow one: the device waits now and then
      CHECK(audio == frames);           // and nothing is lost
      CHECK(jb.stats().lost == 0);
    }
  }
}

TEST_CASE("jitter buffer: timestamps wrap at 2^32 and a long pause moves the play-out point", "[media][jitter]") {
  JitterBuffer jb(JitterSettings{});
  std::vector<std::pair<int, double>> arrivals;
  for (int n = 0; n < 20; ++n) arrivals.emplace_back(n, n * 20.0 + 1);
  for (int n = 120; n < 140; ++n) arrivals.emplace_back(n, n * 20.0 + 1);  // two seconds without packets
  const auto played = run(jb, arrivals, 140 * 20 + 100, 0xFFFFFFFFu - 5 * kFrame);
  std::vector<int> expected = upTo(20);
  for (int n = 120; n < 140; ++n) expected.push_back(n);
  CHECK(played.audio == expected);
  CHECK(jb.stats().resyncs == 1);
  CHECK(jb.stats().lost == 0);
}
