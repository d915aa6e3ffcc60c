// The replay; see replay_view.h.
#include "views/replay_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "desk/format.h"
#include "views/clock_text.h"
#include "views/feeling_text.h"

namespace frontline::views {
namespace {

constexpr float kSpeeds[] = {0.5f, 1.0f, 2.0f, 4.0f, 8.0f};
constexpr const char* kSpeedLabels[] = {"0.5x", "1x", "2x", "4x", "8x"};

ImU32 bandColour(replay::Band::Kind k) {
  switch (k) {
    case replay::Band::Kind::Ringing:
      return IM_COL32(225, 160, 40, 200);
    case replay::Band::Kind::Talk:
      return IM_COL32(70, 180, 90, 200);
    case replay::Band::Kind::Hold:
      return IM_COL32(80, 130, 220, 200);
    case replay::Band::Kind::WrapUp:
      return IM_COL32(160, 100, 200, 200);
  }
  return IM_COL32(128, 128, 128, 200);
}

const char* bandName(replay::Band::Kind k) {
  switch (k) {
    case replay::Band::Kind::Ringing:
      return "ringing";
    case replay::Band::Kind::Talk:
      return "talk";
    case replay::Band::Kind::Hold:
      return "hold";
    case replay::Band::Kind::WrapUp:
      return "wrap-up";
  }
  return "";
}

ImU32 markerColour(store::EventKind k) {
  using store::EventKind;
  switch (k) {
    case EventKind::ComplaintOpened:
    case EventKind::ComplaintResponded:
    case EventKind::ComplaintResolved:
      return IM_COL32(240, 80, 70, 255);
    case EventKind::Note:
      return IM_COL32(200, 200, 200, 255);
    case EventKind::EmailReceived:
    case EventKind::EmailSent:
      return IM_COL32(120, 190, 255, 255);
    default:
      return IM_COL32(255, 230, 120, 255);
  }
}

}  // namespace

void ReplayView::placeFirstTime() const {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.04f, vp->WorkPos.y + vp->WorkSize.y * 0.06f),
                          ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.92f, vp->WorkSize.y * 0.88f), ImGuiCond_FirstUseEver);
}

void ReplayView::drawContent(ViewContext& ctx) {
  const replay::TrainerSnapshot* s = ctx.replay.snapshot;
  if (!s) {
    text(ctx, "This console has no replays.");
    return;
  }
  if (!s->openError.empty()) textColored(ctx, 1.0f, 0.45f, 0.35f, "Cannot open the replay: " + s->openError);
  if (!s->timeline) {
    textWrapped(ctx,
                "Open a contact from the search (Ctrl+1), or press Replay beside any contact in a customer's "
                "history: it plays here as the agent saw it, masked.");
    return;
  }
  const replay::ReplayTimeline& timeline = *s->timeline;
  follow(ctx, timeline);
  drawHeader(ctx, *s, timeline);
  drawControls(ctx, timeline);
  drawBar(ctx, *s, timeline);
  drawRecordingLane(ctx, *s, timeline);

  // The desk at the playhead, folded again only when an event was crossed.
  const std::size_t applied = timeline.eventsAt(m_t);
  if (applied != m_applied || !m_frame) {
    m_frame = timeline.at(m_t).snapshot;
    m_applied = applied;
  }
  // Where the playhead is, for the eye (the controls' clock) and for tests (the UI dump).
  const auto& events = timeline.replayCase().events;
  ctx.dump.text("Playhead after " + (applied ? replay::markerLabel(events[applied - 1].kind) : std::string("nothing")) +
                " (" + std::to_string(applied) + " of " + std::to_string(events.size()) + " events)");
  ViewContext inner{*m_frame, [](const desk::Command&) {}, ctx.dump, m_t, ctx.listeners, AgentKeys{}};
  inner.readOnly = true;
  inner.openReplay = ctx.openReplay;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetContentRegionAvail().y;
  const float notes = std::max(width * 0.24f, 16 * ImGui::GetFontSize());
  const float contact = (width - notes - 2 * style.ItemSpacing.x) * 0.5f;
  m_contact.drawRegion(inner, contact, height);
  ImGui::SameLine();
  m_customer.drawRegion(inner, contact, height);
  ImGui::SameLine();
  drawAnnotations(ctx, *s, ImGui::GetContentRegionAvail().x, height);
}

void ReplayView::follow(ViewContext& ctx, const replay::ReplayTimeline& timeline) {
  const auto& c = timeline.replayCase();
  if (m_shown != &timeline) {
    // Another contact (or the same one, unmasked): from its start, or where the playhead was.
    const bool same = m_shown && m_frame && m_frame->pop && m_frame->pop->interactionId == c.interactionId;
    m_shown = &timeline;
    if (!same) {
      m_t = c.startUs;
      m_playing = false;
    }
    m_applied = SIZE_MAX;
    m_frame.reset();
  }
  if (ctx.keys.play) m_playing = !m_playing;
  if (ctx.keys.previousEvent) seek(timeline.previousEvent(m_t));
  if (ctx.keys.nextEvent) seek(timeline.nextEvent(m_t));
  if (m_playing) {
    if (m_lastWallUs > 0) {
      m_t += static_cast<std::int64_t>(static_cast<double>(ctx.nowUs - m_lastWallUs) * kSpeeds[m_speed]);
    }
    if (m_t >= c.endUs) {
      m_t = c.endUs;
      m_playing = false;
    }
    ctx.tickAt(ctx.nowUs + 33'000);  // about 30 frames a second while it plays
  }
  m_lastWallUs = ctx.nowUs;
  m_t = std::clamp(m_t, c.startUs, c.endUs);
}

void ReplayView::drawHeader(ViewContext& ctx, const replay::TrainerSnapshot& s,
                            const replay::ReplayTimeline& timeline) {
  const auto& c = timeline.replayCase();
  const std::string channel =
      !c.events.empty() && c.events.front().payloadJson.find("\"email\"") != std::string::npos ? "Email" : "Call";
  text(ctx, channel + " " + c.interactionId.substr(0, 8) + "   handled by " +
                (c.agentId.empty() ? std::string("nobody") : c.agentId) + "   offered " + localDateTime(c.startUs) +
                (c.fromCaseFile ? "   (training case file)" : ""));
  ImGui::SameLine();
  if (c.masked) {
    textColored(ctx, 0.95f, 0.75f, 0.25f, "   MASKED");
    tooltip("Names, phone numbers, email addresses, postcodes and long digit runs are hidden.");
    if (s.mayUnmask && !c.fromCaseFile) {
      ImGui::SameLine();
      if (smallButton(ctx, "Unmask (recorded)")) {
        ctx.post(desk::RecordUnmask{c.interactionId});
        ctx.replay.open(c.interactionId, true);
      }
      tooltip("Shows the personal data; who, when and which contact is recorded (trainer.may_unmask).");
    }
  } else {
    textColored(ctx, 1.0f, 0.45f, 0.35f, "   UNMASKED: personal data on screen");
    ImGui::SameLine();
    if (smallButton(ctx, "Mask again")) ctx.replay.open(c.interactionId, false);
  }
}

void ReplayView::drawControls(ViewContext& ctx, const replay::ReplayTimeline& timeline) {
  const auto& c = timeline.replayCase();
  if (button(ctx, "|< Previous (,)")) seek(timeline.previousEvent(m_t));
  ImGui::SameLine();
  if (button(ctx, m_playing ? "Pause (Space)" : "Play (Space)")) {
    if (!m_playing && m_t >= c.endUs) m_t = c.startUs;
    m_playing = !m_playing;
  }
  ImGui::SameLine();
  if (button(ctx, "Next >| (.)")) seek(timeline.nextEvent(m_t));
  ImGui::SameLine();
  for (int i = 0; i < 5; ++i) {
    ImGui::SameLine();
    if (ImGui::RadioButton(kSpeedLabels[i], m_speed == i)) m_speed = i;
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    ctx.dump.button(std::string("speed ") + kSpeedLabels[i], static_cast<int>(a.x), static_cast<int>(a.y),
                    static_cast<int>(b.x - a.x), static_cast<int>(b.y - a.y));
  }
  ImGui::SameLine();
  const std::string clock = offsetText(m_t - c.startUs) + " / " + offsetText(c.endUs - c.startUs) + "   at " +
                            localDateTime(m_t) + "   " + kSpeedLabels[m_speed] + (m_playing ? " playing" : " paused");
  text(ctx, "   " + clock);
}

void ReplayView::drawBar(ViewContext& ctx, const replay::TrainerSnapshot& s, const replay::ReplayTimeline& timeline) {
  const auto& c = timeline.replayCase();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = 2.6f * ImGui::GetFontSize();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##timeline", ImVec2(width, height));
  ctx.dump.button("timeline", static_cast<int>(origin.x), static_cast<int>(origin.y), static_cast<int>(width),
                  static_cast<int>(height));
  const double span = static_cast<double>(std::max<std::int64_t>(1, c.endUs - c.startUs));
  auto xOf = [&](std::int64_t t) {
    return origin.x + static_cast<float>(static_cast<double>(t - c.startUs) / span) * width;
  };
  auto tOf = [&](float x) {
    return c.startUs + static_cast<std::int64_t>(std::clamp((x - origin.x) / width, 0.0f, 1.0f) * span);
  };
  if (ImGui::IsItemActive()) {  // click or drag: scrub
    m_t = tOf(ImGui::GetIO().MousePos.x);
    m_playing = false;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(40, 42, 48, 255));
  const float mid = origin.y + height * 0.5f;
  for (const auto& b : timeline.bands()) {
    draw->AddRectFilled(ImVec2(xOf(b.fromUs), origin.y + 2), ImVec2(std::max(xOf(b.toUs), xOf(b.fromUs) + 1), mid),
                        bandColour(b.kind));
  }
  for (const auto& m : timeline.markers()) {
    const float x = xOf(m.atUs);
    if (m.feeling) {  // where the customer's feeling turns: the whole height, in its colour
      const Rgb tone = feelingColour(*m.feeling);
      draw->AddLine(ImVec2(x, origin.y + 2), ImVec2(x, origin.y + height - 2),
                    ImGui::ColorConvertFloat4ToU32(ImVec4(tone.r, tone.g, tone.b, 1.0f)), 3.0f);
      continue;
    }
    draw->AddLine(ImVec2(x, mid + 2), ImVec2(x, origin.y + height - 2), markerColour(m.kind), 2.0f);
  }
  for (const auto& a : s.annotations) {
    const float x = xOf(std::clamp(a.atUs, c.startUs, c.endUs));
    draw->AddTriangleFilled(ImVec2(x - 5, origin.y), ImVec2(x + 5, origin.y), ImVec2(x, origin.y + 8),
                            IM_COL32(255, 255, 255, 255));
  }
  const float head = xOf(m_t);
  draw->AddLine(ImVec2(head, origin.y - 2), ImVec2(head, origin.y + height + 2), IM_COL32(255, 60, 60, 255), 3.0f);
  if (ImGui::IsItemHovered()) {
    // The nearest mark under the pointer, with its time.
    const float mx = ImGui::GetIO().MousePos.x;
    const replay::Marker* nearest = nullptr;
    for (const auto& m : timeline.markers()) {
      if (!nearest || std::abs(xOf(m.atUs) - mx) < std::abs(xOf(nearest->atUs) - mx)) nearest = &m;
    }
    std::string tip = offsetText(tOf(mx) - c.startUs);
    for (const auto& b : timeline.bands()) {
      if (tOf(mx) >= b.fromUs && tOf(mx) < b.toUs) tip += " (" + std::string(bandName(b.kind)) + ")";
    }
    if (nearest && std::abs(xOf(nearest->atUs) - mx) < 8)
      tip += "\n" + nearest->label + " at " + offsetText(nearest->atUs - c.startUs);
    tooltip(tip);
  }
  // The legend and the marks, for the eye and for the UI dump.
  std::string bands = "Bands:";
  for (const auto& b : timeline.bands()) {
    bands += " " + std::string(bandName(b.kind)) + " " + offsetText(b.fromUs - c.startUs) + "-" +
             offsetText(b.toUs - c.startUs);
  }
  ctx.dump.text(bands);
  std::string marks = "Events:";
  for (const auto& m : timeline.markers()) marks += " " + m.label + " " + offsetText(m.atUs - c.startUs) + ",";
  ctx.dump.text(marks);
  // The legend: each band's name and a swatch of its colour.
  for (const auto kind :
       {replay::Band::Kind::Ringing, replay::Band::Kind::Talk, replay::Band::Kind::Hold, replay::Band::Kind::WrapUp}) {
    ImGui::TextDisabled("%s", bandName(kind));
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(bandColour(kind)), "#");
    ImGui::SameLine();
  }
  ImGui::TextDisabled(
      "  marks: events (complaints red, emails blue, notes grey), annotations white, the customer's feeling turning "
      "(full height, red down, green up)");
}

void ReplayView::drawRecordingLane(ViewContext& ctx, const replay::TrainerSnapshot& s,
                                   const replay::ReplayTimeline& timeline) {
  const replay::RecordingLane* lane = s.recording.get();
  replay::RecordingPlayer* player = ctx.replay.player;
  // The sound follows the playhead: loaded with the contact's recording, told every frame.
  std::string sound;
  if (player) {
    if (lane && lane->unavailable.empty()) {
      if (const std::string error = player->load(lane->path, lane->startUs); !error.empty()) sound = error;
      player->follow(m_t, m_playing, kSpeeds[m_speed]);
      if (sound.empty()) sound = player->status();
    } else {
      player->unload();
    }
  }
  if (!ctx.replay.playerError.empty()) sound = "no sound: " + ctx.replay.playerError;
  if (!lane || (lane->unavailable == "no recording of this contact" && lane->path.empty())) return;
  if (!lane->unavailable.empty()) {
    ImGui::TextDisabled("Recording: %s", lane->unavailable.c_str());
    ctx.dump.text("Recording: " + lane->unavailable);
    return;
  }
  const auto& c = timeline.replayCase();
  const float width = ImGui::GetContentRegionAvail().x;
  const float row = 1.3f * ImGui::GetFontSize();
  const float height = 2 * row + 2;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##recording", ImVec2(width, height));
  ctx.dump.button("recording lane", static_cast<int>(origin.x), static_cast<int>(origin.y), static_cast<int>(width),
                  static_cast<int>(height));
  const double span = static_cast<double>(std::max<std::int64_t>(1, c.endUs - c.startUs));
  auto xOf = [&](std::int64_t t) {
    return origin.x + static_cast<float>(std::clamp(static_cast<double>(t - c.startUs) / span, 0.0, 1.0)) * width;
  };
  auto tOf = [&](float x) {
    return c.startUs + static_cast<std::int64_t>(std::clamp((x - origin.x) / width, 0.0f, 1.0f) * span);
  };
  if (ImGui::IsItemActive()) {  // the lane scrubs like the timeline
    m_t = tOf(ImGui::GetIO().MousePos.x);
    m_playing = false;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(28, 30, 34, 255));
  for (const auto& q : lane->silences) {
    draw->AddRectFilled(ImVec2(xOf(q.fromUs), origin.y), ImVec2(xOf(q.toUs), origin.y + height),
                        IM_COL32(90, 90, 100, 110));
  }
  for (const auto& q : lane->talkOver) {
    draw->AddRectFilled(ImVec2(xOf(q.fromUs), origin.y),
                        ImVec2(std::max(xOf(q.toUs), xOf(q.fromUs) + 2), origin.y + height),
                        IM_COL32(230, 70, 60, 120));
  }
  // One bar a pixel column: the loudest bucket in it, -60 dBFS (nothing) to 0 (full height).
  const auto columns = static_cast<int>(width);
  const auto n = static_cast<std::int64_t>(lane->customerDb.size());
  for (int x = 0; x < columns; ++x) {
    // The buckets this column covers: at least the one under its left edge (a column is
    // shorter than a bucket when the call is short).
    const std::int64_t from = (tOf(origin.x + static_cast<float>(x)) - lane->startUs) / lane->bucketUs;
    const std::int64_t until = (tOf(origin.x + static_cast<float>(x + 1)) - lane->startUs) / lane->bucketUs;
    if (from >= n) break;
    if (until < 0) continue;
    float loudest[2] = {-90.0f, -90.0f};
    for (std::int64_t i = std::max<std::int64_t>(from, 0); i <= std::min(until, n - 1); ++i) {
      loudest[0] = std::max(loudest[0], lane->customerDb[static_cast<std::size_t>(i)]);
      loudest[1] = std::max(loudest[1], lane->agentDb[static_cast<std::size_t>(i)]);
    }
    const float px = origin.x + static_cast<float>(x);
    for (int ch = 0; ch < 2; ++ch) {
      const float level = std::clamp((loudest[ch] + 60.0f) / 60.0f, 0.0f, 1.0f);
      if (level <= 0.0f) continue;
      const float base = origin.y + row * static_cast<float>(ch + 1) + static_cast<float>(ch);
      draw->AddLine(ImVec2(px, base), ImVec2(px, base - level * (row - 2)),
                    ch == 0 ? IM_COL32(110, 200, 255, 230) : IM_COL32(140, 230, 140, 230));
    }
  }
  for (int ch = 0; ch < 2; ++ch) {  // each row's name, on a patch of the background so the bars do not hide it
    const char* label = ch == 0 ? "customer" : "agent";
    const ImVec2 at(origin.x + 4, origin.y + 1 + static_cast<float>(ch) * (row + 1));
    const ImVec2 size = ImGui::CalcTextSize(label);
    draw->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + size.x + 2, at.y + size.y), IM_COL32(28, 30, 34, 220));
    draw->AddText(at, IM_COL32(220, 220, 220, 230), label);
  }
  const float head = xOf(m_t);
  draw->AddLine(ImVec2(head, origin.y), ImVec2(head, origin.y + height), IM_COL32(255, 60, 60, 255), 3.0f);
  if (ImGui::IsItemHovered()) {
    const std::int64_t t = tOf(ImGui::GetIO().MousePos.x);
    std::string tip = offsetText(t - c.startUs);
    for (const auto& q : lane->silences) {
      if (t >= q.fromUs && t < q.toUs) tip += "\nsilence of " + desk::formatDuration(q.toUs - q.fromUs);
    }
    for (const auto& q : lane->talkOver) {
      if (t >= q.fromUs && t < q.toUs) tip += "\ntalk-over of " + desk::formatDuration(q.toUs - q.fromUs);
    }
    tooltip(tip);
  }
  std::string summary = "Recording " + desk::formatDuration(lane->endUs() - lane->startUs) + ": " +
                        std::to_string(lane->silences.size()) + " silences over 3 s, " +
                        std::to_string(lane->talkOver.size()) + " talk-over";
  if (lane->pausedMs > 0) summary += ", paused " + desk::formatDuration(lane->pausedMs * 1000) + " (card payment)";
  std::string marks;
  for (const auto& q : lane->silences) {
    marks += " silence " + offsetText(q.fromUs - c.startUs) + "-" + offsetText(q.toUs - c.startUs) + ",";
  }
  for (const auto& q : lane->talkOver) {
    marks += " talk-over " + offsetText(q.fromUs - c.startUs) + "-" + offsetText(q.toUs - c.startUs) + ",";
  }
  ImGui::TextDisabled("%s; customer blue, agent green, silences grey, talk-over red", summary.c_str());
  ctx.dump.text(summary + (marks.empty() ? "" : ":" + marks));
  if (!sound.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("  |  %s", sound.c_str());
    ctx.dump.text("Sound: " + sound);
  }
}

// How the customer felt over the whole contact (an estimate), and the trainer's correction.
void ReplayView::drawFeeling(ViewContext& ctx, const store::ContactEmotion& e, const replay::ReplayCase& c) {
  ImGui::TextDisabled("The customer's feeling");
  if (const auto shown = e.shown()) {
    const std::string trend = trendWords(e.trend);
    feelingText(ctx, e.index,
                (e.enough ? "Estimate: " + feelingLabel(e.index) : std::string("Estimate: not enough words")) +
                    (trend.empty() ? "" : ", " + trend) + ", confidence " +
                    std::to_string(static_cast<int>(e.confidence * 100)) + " %, " + plural(e.turns, "turn", "turns"));
  } else {
    textWrapped(ctx, "Estimate: not enough of the customer's words to say how they felt");
  }
  tooltip(kFeelingIsEstimate);
  if (e.voice) {
    textWrapped(ctx, voiceLine(e.arousal, *e.voice));
    tooltip(kVoiceExplained);
  }
  const std::string words = evidenceWords(e.evidence, 8);
  if (!words.empty()) textWrapped(ctx, "Because of: " + words);
  if (e.correction) {
    feelingText(ctx, e.correction->index,
                "Corrected by " + e.correction->byName + " to " + feelingLabel(e.correction->index) + ": " +
                    e.correction->note);
  }
  if (!c.fromCaseFile) {
    ImGui::PushID("feeling");
    text(ctx, "Correct to");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(180.0f, ImGui::GetContentRegionAvail().x * 0.35f));
    ImGui::SliderInt("##index", &m_feeling, -100, 100, "%+d");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x - buttonWidth("Correct") - 8));
    ImGui::InputTextWithHint("##why", "what the estimate missed", &m_feelingNote);
    ImGui::SameLine();
    const bool blank = m_feelingNote.find_first_not_of(" \t\r\n") == std::string::npos;
    ImGui::BeginDisabled(blank);
    if (button(ctx, "Correct") && !blank) {
      ctx.post(desk::CorrectEmotion{c.interactionId, m_feeling, m_feelingNote});
      m_feelingNote.clear();
    }
    ImGui::EndDisabled();
    tooltip(
        "Say how the customer really felt, -100 (upset) to +100 (delighted), and why: it stands over the "
        "estimate everywhere and is counted by `frontline emotion corrections`.");
    ImGui::PopID();
  }
  ImGui::Separator();
}

void ReplayView::drawAnnotations(ViewContext& ctx, const replay::TrainerSnapshot& s, float width, float height) {
  ImGui::BeginChild("Annotations", ImVec2(width, height), true);
  const ImVec2 pos = ImGui::GetWindowPos();
  ctx.dump.beginWindow("Annotations", static_cast<int>(pos.x), static_cast<int>(pos.y), static_cast<int>(width),
                       static_cast<int>(height));
  const auto& c = s.timeline->replayCase();
  const auto& emotion = s.timeline->emotion();
  if (emotion) drawFeeling(ctx, *emotion, c);
  ImGui::TextDisabled("Annotations");
  if (s.annotations.empty()) textWrapped(ctx, "None yet: pause where it matters and pin a remark below.");
  const float listHeight = std::max(ImGui::GetContentRegionAvail().y - 9 * ImGui::GetFrameHeightWithSpacing(),
                                    3 * ImGui::GetFrameHeightWithSpacing());
  ImGui::BeginChild("list", ImVec2(0, listHeight), false);
  for (std::size_t i = 0; i < s.annotations.size(); ++i) {
    const auto& a = s.annotations[i];
    ImGui::PushID(static_cast<int>(i));
    if (smallButton(ctx, ("Go " + offsetText(a.atUs - c.startUs)).c_str())) seek(a.atUs);
    ImGui::SameLine();
    const bool good = a.category == "good_practice";
    const bool compliance = a.category == "compliance";
    ImGui::PushTextWrapPos(0.0f);
    textColored(ctx,
                good         ? 0.45f
                : compliance ? 1.0f
                             : 0.95f,
                good         ? 0.85f
                : compliance ? 0.45f
                             : 0.75f,
                good         ? 0.5f
                : compliance ? 0.35f
                             : 0.25f,
                replay::categoryLabel(a.category) + " - " + a.text + " (" + a.byName + ")");
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::Separator();
  if (c.fromCaseFile) {
    textWrapped(ctx, "A training case file is read-only: annotate and score contacts in the trainer's console.");
    ImGui::EndChild();
    return;
  }
  text(ctx, "Pin a remark at " + offsetText(m_t - c.startUs) + " as");
  ImGui::SameLine();
  std::vector<std::string> categories;
  for (const char* k : replay::kAnnotationCategories) categories.push_back(replay::categoryLabel(k));
  choose("##category", categories, m_category, ImGui::GetContentRegionAvail().x);
  ImGui::InputTextMultiline("##annotation", &m_annotation, ImVec2(-1, 3 * ImGui::GetTextLineHeightWithSpacing()));
  const bool blank = m_annotation.find_first_not_of(" \t\r\n") == std::string::npos;
  ImGui::BeginDisabled(blank);
  if (button(ctx, "Pin annotation") && !blank) {
    ctx.post(desk::AnnotateContact{c.interactionId, m_t, replay::kAnnotationCategories[m_category], m_annotation});
    m_annotation.clear();
  }
  ImGui::EndDisabled();
  ImGui::EndChild();
}

}  // namespace frontline::views
