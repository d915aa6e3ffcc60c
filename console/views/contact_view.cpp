// The contact pop; see contact_view.h.
#include "views/contact_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "desk/format.h"
#include "views/clock_text.h"
#include "views/feeling_text.h"
#include "views/highlighted_text.h"
#include "views/shortcuts.h"
#include "views/text_editor.h"

namespace frontline::views {
namespace {

constexpr std::size_t kSummaryLimit = 300;  // a complaint's summary: a line, not a letter

bool inHand(const desk::DeskSnapshot& s) {
  return s.agent.state == desk::AgentState::OnContact || s.agent.state == desk::AgentState::WrapUp;
}

std::string attachmentsLine(const std::string& json) {
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array() || parsed.empty()) return {};
  std::string line = "Attachments:";
  for (const auto& a : parsed) {
    if (!a.is_object()) continue;
    line += " " + a.value("name", std::string("(unnamed)")) + " (" +
            std::to_string(a.value("size", std::int64_t{0}) / 1024) + " KiB)";
  }
  return line;
}

}  // namespace

void ContactView::placeKeyboard(ViewContext& ctx, bool& flag) {
  if (!flag) return;
  ImGui::SetKeyboardFocusHere();
  ctx.tickAt(ctx.nowUs);  // the focus lands in the next frame: draw it now, before the agent types
  flag = false;
}

void ContactView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  if (!s.pop) {
    textWrapped(ctx,
                std::string("No contact in hand. A ringing call pops here by itself; F2 answers it, or takes the next "
                            "email from the queue.") +
                    (ctx.dialError && ctx.dialError().empty()
                         ? " Call, on a customer's card (Ctrl+F finds them) or on a callback, places a call."
                         : "") +
                    " F1 lists every key.");
    m_draft.disposition = -1;
    return;
  }
  const auto& pop = *s.pop;
  ctx.tickEverySecond();  // ringing, talk and wrap-up clocks
  if (ctx.readOnly) {
    // A replay: the fields show what was recorded at the playhead, and nothing acts.
    const int disposition = m_draft.forId == pop.interactionId ? m_draft.disposition : -1;
    m_draft.resetFor(pop);
    m_draft.disposition = disposition;
    m_draft.focusNote = m_draft.focusReply = false;
    ImGui::BeginDisabled();
    drawBody(ctx, pop);
    ImGui::EndDisabled();
    return;
  }
  if (m_draft.forId != pop.interactionId) {
    const bool focusNote = m_draft.focusNote;  // F2 pressed in the frame the pop arrived
    m_draft.resetFor(pop);
    m_draft.focusNote = m_draft.focusNote || focusNote;
  }
  // The call may end while the agent types: the note keeps the keyboard (nothing typed is
  // lost), Alt+1-9 picks the disposition from there, and the wrap-up says which keys work.
  if (pop.status == desk::ContactStatus::Connected && pop.channel == desk::Channel::Email &&
      m_draft.lastStatus != desk::ContactStatus::Connected)
    m_draft.focusReply = true;
  m_draft.lastStatus = pop.status;

  drawBody(ctx, pop);
}

void ContactView::drawBody(ViewContext& ctx, const desk::ContactPop& pop) {
  const auto& s = ctx.snapshot;
  const std::string who = pop.view ? pop.view->profile.displayName
                          : pop.callerName.empty()
                              ? std::string(pop.channel == desk::Channel::Email ? "Unknown sender" : "Unknown caller")
                              : pop.callerName + " (unknown)";
  drawHeader(ctx, pop, who);
  const bool handling = inHand(s) && pop.status != desk::ContactStatus::Ringing;
  if (pop.channel == desk::Channel::Email) {
    drawEmail(ctx, pop);
  } else {
    drawCallActions(ctx, pop);
    if (pop.status != desk::ContactStatus::Ringing) {
      drawFeeling(ctx, pop);
      drawTranscript(ctx, pop);
    }
  }
  if (s.agent.state == desk::AgentState::WrapUp) drawWrapUp(ctx, pop);
  drawNotes(ctx, pop);
  if (handling) {
    if (!pop.view) drawUnknown(ctx, pop);
    drawComplaintForm(ctx);
    drawSatisfaction(ctx, pop);
  }
}

void ContactView::drawHeader(ViewContext& ctx, const desk::ContactPop& pop, const std::string& who) {
  const std::string kind = pop.channel == desk::Channel::Email ? "EMAIL" : "CALL";
  ImGui::PushTextWrapPos(0.0f);
  if (pop.status == desk::ContactStatus::Ringing) {
    // Impossible to miss: red, blinking twice a second, with the waiting time.
    const bool bright = (ctx.nowUs / 500'000) % 2 == 0;
    ctx.tickAt(ctx.nowUs - ctx.nowUs % 500'000 + 500'000);
    textColored(
        ctx, 1.0f, bright ? 0.25f : 0.55f, bright ? 0.2f : 0.5f,
        "RINGING  " + who + "  " + pop.callerAddress + "  waiting " + desk::formatDuration(ctx.nowUs - pop.offeredUs));
  } else if (pop.status == desk::ContactStatus::Dialling) {
    // A call the agent placed: the PBX is dialling, then the customer's phone rings.
    textColored(ctx, 0.45f, 0.7f, 1.0f,
                std::string(pop.alerting ? "CALLING, ringing  " : "CALLING  ") + who + "  " + pop.callerAddress + "  " +
                    desk::formatDuration(ctx.nowUs - pop.offeredUs));
    ctx.tickAt(ctx.nowUs + 1'000'000);
  } else if (pop.status == desk::ContactStatus::Connected || pop.status == desk::ContactStatus::Held) {
    const std::string label = pop.channel == desk::Channel::Email       ? "EMAIL OPEN"
                              : pop.status == desk::ContactStatus::Held ? "ON HOLD"
                                                                        : "ON CALL";
    textColored(ctx, 0.35f, 0.85f, 0.45f,
                label + "  " + who + "  " + pop.callerAddress + "  " +
                    (pop.channel == desk::Channel::Email ? "open " : "talk ") +
                    desk::formatDuration(ctx.nowUs - pop.answeredUs.value_or(ctx.nowUs)));
  } else {
    std::string ended = pop.outcome == "answered"      ? kind + " ENDED"
                        : pop.outcome == "not_reached" ? "NOT REACHED (" + pop.notReached + ")"
                                                       : kind + " " + pop.outcome;
    if (pop.transferState == "transferred") ended = "CALL TRANSFERRED to " + pop.transferTo;
    textColored(ctx, 0.95f, 0.75f, 0.25f, ended + "  " + who + "  " + pop.callerAddress);
  }
  ImGui::PopTextWrapPos();
  // Resolution times so far: wait, talk (an email's time to reply), after-contact work, handle time.
  std::optional<std::int64_t> wait, talk, acw;
  if (pop.answeredUs) wait = *pop.answeredUs - pop.offeredUs;
  if (pop.answeredUs) talk = pop.endedUs.value_or(ctx.nowUs) - *pop.answeredUs;
  if (pop.endedUs && pop.outcome == "answered" && pop.status != desk::ContactStatus::Wrapped)
    acw = ctx.nowUs - *pop.endedUs;
  std::optional<std::int64_t> handle;
  if (talk) handle = *talk + acw.value_or(0);
  text(ctx, "wait " + desk::formatDuration(wait) + "   " +
                (pop.channel == desk::Channel::Email ? "to reply " : "talk ") + desk::formatDuration(talk) +
                "   wrap-up " + desk::formatDuration(acw) + "   handle " + desk::formatDuration(handle));
  if (pop.channel == desk::Channel::Email && !pop.endedUs) {
    const std::string due = "First response " + std::string(pop.responseDueUs >= ctx.nowUs ? "due " : "") +
                            remainingText(ctx, pop.responseDueUs);
    if (pop.responseDueUs < ctx.nowUs) {
      textColored(ctx, 1.0f, 0.45f, 0.35f, due);
    } else {
      text(ctx, due);
    }
    tooltip("due " + localDateTime(pop.responseDueUs));
  }
  ImGui::Separator();
}

void ContactView::drawCallActions(ViewContext& ctx, const desk::ContactPop& pop) {
  if (pop.status == desk::ContactStatus::Ringing) {
    if (button(ctx, "Answer (F2)")) {
      ctx.post(desk::AnswerCall{pop.interactionId});
      m_draft.focusNote = true;
    }
    ImGui::SameLine();
    if (button(ctx, "Decline")) ctx.post(desk::DeclineCall{pop.interactionId});
  } else if (pop.status == desk::ContactStatus::Dialling) {
    if (button(ctx, "Hang up (F3)")) ctx.post(desk::HangUpCall{pop.interactionId});
  } else if (pop.status == desk::ContactStatus::Connected || pop.status == desk::ContactStatus::Held) {
    // One row of buttons, wrapped where the pane is narrow.
    const auto inRow = [&](const char* label) {
      sameLineIfFits(buttonWidth(label));
      return button(ctx, label);
    };
    const bool consulting = pop.consultState == "calling" || pop.consultState == "connected";
    if (consulting) {
      drawConsult(ctx, pop);
      return;
    }
    if (pop.consultState == "ended" && pop.consultEnded != "transferred" && pop.status == desk::ContactStatus::Held) {
      ImGui::PushTextWrapPos(0.0f);
      textColored(ctx, 0.95f, 0.85f, 0.35f,
                  "Consultation with " + pop.consultTo + " ended (" + pop.consultEnded +
                      "). The caller is on hold: F4 resumes.");
      ImGui::PopTextWrapPos();
    }
    if (button(ctx, "Hang up (F3)")) ctx.post(desk::HangUpCall{pop.interactionId});
    const bool held = pop.status == desk::ContactStatus::Held;
    if (inRow(held ? "Resume (F4)" : "Hold (F4)")) ctx.post(desk::HoldCall{pop.interactionId, !held});
    const auto quality = ctx.callQuality ? ctx.callQuality(pop.sipCall) : std::nullopt;
    if (quality && inRow(quality->muted ? "Unmute (F8)" : "Mute (F8)")) {
      ctx.post(desk::MuteCall{pop.interactionId, !quality->muted});
    }
    if (!pop.sipCall.empty() && pop.transferState != "requested") {
      if (inRow("Transfer (F7)")) {
        m_draft.transferOpen = true;
        m_draft.focusTransfer = true;
      }
    }
    drawTransfer(ctx, pop);
    if (quality && quality->recording) {
      if (inRow(quality->recordingPaused ? "Resume recording (F6)" : "Pause recording (F6)")) {
        ctx.post(desk::PauseRecording{pop.interactionId, !quality->recordingPaused});
      }
      // Beside the button when it fits, else on the next line (never cut).
      const char* state = quality->recordingPaused ? "REC paused" : "REC";
      sameLineIfFits(ImGui::CalcTextSize(state).x);
      if (quality->recordingPaused) {
        textColored(ctx, 1.0f, 0.7f, 0.25f, "REC paused");
      } else {
        textColored(ctx, 1.0f, 0.35f, 0.3f, "REC");
      }
      tooltip(quality->recordingPaused
                  ? "The recording is paused: silence is recorded until you resume (F6)"
                  : "The call is being recorded (customer and agent); F6 pauses it for a card payment");
    }
    if (quality) drawLevels(ctx, *quality);
    if (quality) drawCallQuality(ctx, *quality);
    if (quality && quality->dtmf && pop.status == desk::ContactStatus::Connected) drawKeypad(ctx, pop);
  }
}

// Transfer: the field where the agent types where to (F7), blind (Enter) or after a
// consultation (Ctrl+Enter), and how a transfer stands.
void ContactView::drawTransfer(ViewContext& ctx, const desk::ContactPop& pop) {
  if (pop.transferState == "requested") {
    m_draft.transferOpen = false;
    textColored(ctx, 0.95f, 0.85f, 0.35f, "Transferring to " + pop.transferTo + "...");
    tooltip("The caller's phone is calling " + pop.transferTo +
            ". The call leaves you when it answers; if it does not, the caller stays with you.");
    return;
  }
  if (pop.transferState == "failed") {
    ImGui::PushTextWrapPos(0.0f);
    textColored(ctx, 1.0f, 0.5f, 0.3f,
                "Transfer to " + pop.transferTo + " failed" +
                    (pop.transferError.empty() ? "" : ": " + pop.transferError) + ". The caller is still with you" +
                    (pop.status == desk::ContactStatus::Held ? " (on hold: F4 resumes)." : "."));
    ImGui::PopTextWrapPos();
  }
  if (!m_draft.transferOpen) return;
  text(ctx, "Transfer to:");
  ImGui::SameLine();
  placeKeyboard(ctx, m_draft.focusTransfer);
  ImGui::SetNextItemWidth(std::min(ImGui::GetFontSize() * 16.0f, ImGui::GetContentRegionAvail().x * 0.5f));
  const bool entered = ImGui::InputTextWithHint("##transfer", "number, extension or user@host", &m_draft.transferTarget,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemActive()) ctx.dump.typingIn("transfer");
  // Enter: blind; Ctrl+Enter: consult first (attended; the shortcuts saw it).
  const bool consultKey = std::exchange(m_draft.consultNow, false);
  sameLineIfFits(buttonWidth("Transfer"));
  const bool pressed = button(ctx, "Transfer");
  tooltip("Blind: the caller's phone calls them now (Enter)");
  const bool consult = ctx.dialError && ctx.dialError().empty();  // consulting places a call
  bool consultPressed = false;
  if (consult) {
    sameLineIfFits(buttonWidth("Consult first"));
    consultPressed = button(ctx, "Consult first");
    tooltip("Attended: the caller is held while you call them and speak first; then F7 transfers (Ctrl+Enter)");
  }
  if ((entered || pressed || consultPressed || (consultKey && consult)) &&
      m_draft.transferTarget.find_first_not_of(" \t") != std::string::npos) {
    if (consultPressed || (consultKey && consult)) {
      ctx.post(desk::ConsultCall{pop.interactionId, m_draft.transferTarget});
    } else {
      ctx.post(desk::TransferCall{pop.interactionId, m_draft.transferTarget});
    }
    m_draft.transferTarget.clear();
    m_draft.transferOpen = false;
    m_draft.releaseKeyboard = true;
  }
  ImGui::SameLine();
  if (button(ctx, "Cancel")) {
    m_draft.transferOpen = false;
    m_draft.releaseKeyboard = true;
  }
}

// A consultation under way (attended transfer): the caller on hold, the agent calling or
// talking to the target; F7 transfers the caller to them once they answered, F3 ends it.
void ContactView::drawConsult(ViewContext& ctx, const desk::ContactPop& pop) {
  ImGui::PushTextWrapPos(0.0f);
  if (pop.transferState == "requested") {
    textColored(ctx, 0.95f, 0.85f, 0.35f, "Transferring the caller to " + pop.consultTo + "...");
    tooltip("The caller's phone is calling " + pop.consultTo +
            ", replacing your consultation. Both calls leave you when it answers.");
  } else if (pop.consultState == "connected") {
    textColored(ctx, 0.35f, 0.85f, 0.45f, "CONSULTING " + pop.consultTo + ": connected. The caller is on hold.");
  } else {
    textColored(ctx, 0.45f, 0.7f, 1.0f, "CONSULTING " + pop.consultTo + ": calling... The caller is on hold.");
    ctx.tickAt(ctx.nowUs + 1'000'000);
  }
  if (pop.transferState == "failed") {
    textColored(ctx, 1.0f, 0.5f, 0.3f,
                "Transfer to " + pop.transferTo + " failed" +
                    (pop.transferError.empty() ? "" : ": " + pop.transferError) +
                    ". The caller is still on hold; F7 tries again, F3 ends the consultation.");
  }
  ImGui::PopTextWrapPos();
  if (pop.consultState == "connected" && pop.transferState != "requested") {
    if (button(ctx, "Complete transfer (F7)")) ctx.post(desk::CompleteTransfer{pop.interactionId});
    tooltip("The caller goes to " + pop.consultTo + " (they replace you on this consultation)");
    sameLineIfFits(buttonWidth("End consultation (F3)"));
  }
  if (pop.transferState != "requested" && button(ctx, "End consultation (F3)")) {
    ctx.post(desk::EndConsult{pop.interactionId});
  }
  // How the consultation sounds (the agent is on it; the caller hears music on hold).
  if (const auto quality = ctx.callQuality ? ctx.callQuality(pop.consultCall) : std::nullopt) drawLevels(ctx, *quality);
}

// The keypad: DTMF to the caller's side (an IVR menu, a payment line), one button a key.
void ContactView::drawKeypad(ViewContext& ctx, const desk::ContactPop& pop) {
  text(ctx, "Keypad (DTMF to the caller):");
  static const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"};
  for (const char* key : keys) {
    if (key != keys[0]) ImGui::SameLine();
    ImGui::PushID(key);
    if (button(ctx, key)) ctx.post(desk::SendDtmf{pop.interactionId, key});
    ImGui::PopID();
  }
}

// Two level meters, the agent's microphone and the caller, from -60 dBFS (empty) to 0 (full),
// redrawn five times a second while either side makes a sound, once a second while both
// are silent (a whole-window redraw is not free on a machine without a GPU); MUTED beside
// them, and a warning when a muted agent is speaking (the caller hears nothing of it).
void ContactView::drawLevels(ViewContext& ctx, const telephony::media::CallQuality& q) {
  constexpr double kShownFromDb = -60.0;
  if (q.agentLevelDb > kShownFromDb || q.callerLevelDb > kShownFromDb) {
    ctx.tickAt(ctx.nowUs + 200'000);
  } else {
    ctx.tickEverySecond();
  }
  const float width = ImGui::GetFontSize() * 7.0f;
  const auto meter = [&](const char* label, double db, ImVec4 color) {
    ImGui::AlignTextToFramePadding();  // the label on the bar's baseline
    text(ctx, label);
    ImGui::SameLine();
    char overlay[24] = "silent";
    if (db > kShownFromDb) std::snprintf(overlay, sizeof overlay, "%.0f dB", db);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, color);
    ImGui::ProgressBar(static_cast<float>(std::clamp((db - kShownFromDb) / -kShownFromDb, 0.0, 1.0)), ImVec2(width, 0),
                       overlay);
    ImGui::PopStyleColor();
  };
  meter("You", q.agentLevelDb, q.muted ? ImVec4(0.45f, 0.45f, 0.45f, 1.0f) : ImVec4(0.3f, 0.75f, 0.4f, 1.0f));
  tooltip(q.hasDevice ? "Your microphone (audio.device), as you speak" : "Not on your headset");
  ImGui::SameLine(0.0f, ImGui::GetFontSize() * 1.5f);
  meter("Caller", q.callerLevelDb, ImVec4(0.35f, 0.6f, 0.95f, 1.0f));
  tooltip("What you hear of the caller");
  if (!q.deviceProblem.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    textColored(ctx, 1.0f, 0.45f, 0.35f, "Headset: " + q.deviceProblem);
    ImGui::PopTextWrapPos();
  }
  if (!q.muted) return;
  ImGui::SameLine();
  textColored(ctx, 1.0f, 0.35f, 0.3f, "MUTED");
  tooltip("The caller hears silence from you until you unmute (F8)");
  if (q.agentLevelDb > -40.0) textColored(ctx, 1.0f, 0.7f, 0.25f, "You are muted: the caller cannot hear you (F8)");
}

// One line the agent can glance at, the detail in its tooltip: how the call sounds both ways.
void ContactView::drawCallQuality(ViewContext& ctx, const telephony::media::CallQuality& q) {
  ctx.tickEverySecond();
  const auto lost = static_cast<double>(std::max<std::int64_t>(0, q.packetsLost));
  const double expected = static_cast<double>(q.packetsReceived) + lost;
  const double lossIn = expected > 0 ? 100.0 * lost / expected : 0.0;
  // What the caller's RTCP reports say of our audio: nothing until the first arrives.
  char out[96] = "no report yet";
  if (q.remoteLossPercent) std::snprintf(out, sizeof out, "loss %.0f%%", *q.remoteLossPercent);
  if (q.remoteLossPercent && q.roundTripMs) {
    std::snprintf(out, sizeof out, "loss %.0f%%, round trip %.0f ms", *q.remoteLossPercent, *q.roundTripMs);
  }
  // The last seconds' MOS (README "Call quality"), the figure the supervisor sees too.
  char score[64] = "";
  if (q.score) {
    std::snprintf(score, sizeof score, "MOS %.1f %s  ", q.score->mos,
                  std::string(telephony::media::toString(q.score->grade)).c_str());
  }
  char line[320];
  std::snprintf(line, sizeof line, "%sAudio %s  in: loss %.1f%%, jitter %.0f ms  out: %s", score, q.codec.c_str(),
                lossIn, q.jitterMs, out);
  const bool poor = q.score ? q.score->grade != telephony::media::QualityGrade::Good
                            : lossIn > 5.0 || q.jitterMs > 60.0 || (q.remoteLossPercent && *q.remoteLossPercent > 5.0);
  if (poor) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.6f, 0.3f, 1.0f));
  textWrapped(ctx, line);
  if (poor) ImGui::PopStyleColor();
  if (q.packetsReceived == 0 && q.seconds > 3.0) textColored(ctx, 1.0f, 0.45f, 0.35f, "No audio from the caller yet");
  char detail[512];
  std::snprintf(detail, sizeof detail,
                "%s, %s to %s%s\nsent %llu packets, received %llu, lost %lld, late %llu, concealed %llu, not "
                "RTP or wrong codec %llu\njitter buffer %d ms; RTCP reports from the caller: %llu%s",
                q.codec.c_str(), q.direction.c_str(), q.remote.c_str(), q.latched ? " (learned from its packets)" : "",
                static_cast<unsigned long long>(q.packetsSent), static_cast<unsigned long long>(q.packetsReceived),
                static_cast<long long>(q.packetsLost), static_cast<unsigned long long>(q.framesLate),
                static_cast<unsigned long long>(q.framesConcealed), static_cast<unsigned long long>(q.invalidPackets),
                q.bufferMs, static_cast<unsigned long long>(q.rtcpReceived),
                q.hasDevice ? "" : "\nnot on your headset");
  tooltip(detail);
}

// How the customer felt in this contact, with the words behind it: an estimate.
void ContactView::drawFeeling(ViewContext& ctx, const desk::ContactPop& pop) {
  if (!pop.emotion) return;
  const auto& e = *pop.emotion;
  const bool call = pop.channel != desk::Channel::Email;
  if (const auto shown = e.shown()) {
    int words = 0;  // the turns of theirs with words (a voice's segments have none)
    for (const auto& m : e.moments) words += m.source != "voice";
    const std::string trend = trendWords(e.trend);
    feelingText(ctx, *shown,
                "Feeling in their words (estimate): " + feelingLabel(*shown) + (trend.empty() ? "" : ", " + trend) +
                    (e.correction ? ", corrected by " + e.correction->byName : ""));
    tooltip(std::string(kFeelingIsEstimate) + "\nEnd-weighted over " +
            (call ? plural(words, "line", "lines") + " they said" : plural(words, "email", "emails") + " of theirs") +
            "; confidence " + std::to_string(static_cast<int>(e.confidence * 100)) + " %.");
  } else if (!call || !pop.transcript.empty()) {
    textWrapped(ctx, "Feeling: not enough of their words to say");
    tooltip(kFeelingIsEstimate);
  }
  if (e.voice) {
    // Agitated is worth the agent's eye (a caller to calm, a complaint to offer).
    const bool agitated = e.arousal >= 0.6f;
    ImGui::PushTextWrapPos(0.0f);
    textColored(ctx, agitated ? 1.0f : 0.72f, agitated ? 0.55f : 0.72f, agitated ? 0.35f : 0.72f,
                voiceLine(e.arousal, *e.voice));
    ImGui::PopTextWrapPos();
    tooltip(kVoiceExplained);
  }
  const std::string words = evidenceWords(e.evidence);
  if (e.shown() && !words.empty()) textWrapped(ctx, "Because of: " + words);
}

void ContactView::drawTranscript(ViewContext& ctx, const desk::ContactPop& pop) {
  if (pop.transcript.empty()) {
    m_transcriptShown = 0;
    return;
  }
  const ImVec4 grey = ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
  textColored(
      ctx, grey.x, grey.y, grey.z,
      "Transcript (" + plural(static_cast<std::int64_t>(pop.transcript.size()), "line", "lines") + ", from the PBX)");
  const float avail = ImGui::GetContentRegionAvail().y;
  const bool talking = pop.status == desk::ContactStatus::Connected || pop.status == desk::ContactStatus::Held;
  ImGui::BeginChild("transcript", ImVec2(0, talking ? std::max(120.0f, avail * 0.4f) : std::max(90.0f, avail * 0.3f)),
                    true);
  // The customer's lines in order are the scored transcript turns in order (desk/emotion_scoring.h).
  std::vector<const store::EmotionMoment*> said;
  if (pop.emotion && pop.emotion->shown()) {
    for (const auto& moment : pop.emotion->moments)
      if (moment.source == "transcript") said.push_back(&moment);
  }
  std::size_t turn = 0;
  for (const auto& line : pop.transcript) {
    const store::EmotionMoment* moment = line.customer && turn < said.size() ? said[turn++] : nullptr;
    textColored(ctx, line.customer ? 0.6f : 0.55f, line.customer ? 0.75f : 0.8f, line.customer ? 1.0f : 0.6f,
                std::string(line.customer ? "Customer" : "You") + "  " +
                    offsetText(std::max<std::int64_t>(0, line.atUs - pop.answeredUs.value_or(pop.offeredUs))));
    if (moment) {
      const Rgb c = feelingColour(moment->index);
      const std::string label = "feeling " + feelingLabel(moment->index);
      sameLineIfFits(ImGui::CalcTextSize(label.c_str()).x);
      textColored(ctx, c.r, c.g, c.b, label);
    }
    if (line.customer && pop.emotion) {
      highlightedText(ctx, line.text, findEvidence(line.text, pop.emotion->evidence));
    } else {
      textWrapped(ctx, line.text);
    }
  }
  // Follow the call as it is said, unless the agent scrolled up to read back (at the end in
  // the last frame: stay there as lines arrive).
  const bool grew = pop.transcript.size() != m_transcriptShown;
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f || (grew && m_transcriptShown == 0)) {
    ImGui::SetScrollHereY(1.0f);
    if (grew) ctx.tickAt(ctx.nowUs + 50'000);  // the scroll is applied in the next frame
  }
  m_transcriptShown = pop.transcript.size();
  ImGui::EndChild();
}

void ContactView::drawEmail(ViewContext& ctx, const desk::ContactPop& pop) {
  textWrapped(ctx, "Subject: " + pop.subject);
  drawFeeling(ctx, pop);
  const float avail = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild(
      "thread", ImVec2(0, pop.status == desk::ContactStatus::Connected ? std::max(120.0f, avail * 0.4f) : avail * 0.6f),
      true);
  // The customer's emails in order are the scored turns in order (desk/emotion_scoring.h).
  std::vector<store::EmotionMoment> emailMoments;
  if (pop.emotion) {
    for (const auto& moment : pop.emotion->moments)
      if (moment.source == "email") emailMoments.push_back(moment);
  }
  std::size_t turn = 0;
  for (const auto& m : pop.thread) {
    const bool ours = m.direction == "out";
    const store::EmotionMoment* moment = !ours && turn < emailMoments.size() ? &emailMoments[turn++] : nullptr;
    if (!pop.emotion || !pop.emotion->shown()) moment = nullptr;  // a turn's index alone says too little
    ImGui::PushTextWrapPos(0.0f);
    textColored(ctx, ours ? 0.55f : 0.6f, ours ? 0.8f : 0.75f, ours ? 0.6f : 1.0f,
                (ours ? "Reply from " : "From ") +
                    (m.fromName.empty() ? m.fromAddress : m.fromName + " <" + m.fromAddress + ">") + "  " +
                    localDateTime(m.receivedUs));
    ImGui::PopTextWrapPos();
    if (moment) {
      const Rgb c = feelingColour(moment->index);
      const std::string label = "feeling " + feelingLabel(moment->index);
      sameLineIfFits(ImGui::CalcTextSize(label.c_str()).x);
      textColored(ctx, c.r, c.g, c.b, label);
    }
    if (!ours && pop.emotion) {
      highlightedText(ctx, m.bodyText, findEvidence(m.bodyText, pop.emotion->evidence));
    } else {
      textWrapped(ctx, m.bodyText);
    }
    const std::string attachments = attachmentsLine(m.attachmentsJson);
    if (!attachments.empty()) textWrapped(ctx, attachments);
    ImGui::Separator();
  }
  ImGui::EndChild();
  if (pop.status != desk::ContactStatus::Connected) return;
  ImGui::Text("Reply (Ctrl+R sends it), %zu characters", m_draft.reply.size());
  placeKeyboard(ctx, m_draft.focusReply);
  wrappedTextEditor("##reply", m_draft.reply, std::max(110.0f, ImGui::GetContentRegionAvail().y * 0.35f));
  if (button(ctx, "Send reply (Ctrl+R)") && m_draft.reply.find_first_not_of(" \t\r\n") != std::string::npos) {
    ctx.post(desk::SendReply{pop.interactionId, m_draft.reply});
  }
  ImGui::SameLine();
  if (button(ctx, "Close without reply")) ctx.post(desk::CloseEmail{pop.interactionId});
}

void ContactView::drawWrapUp(ViewContext& ctx, const desk::ContactPop&) {
  const auto& s = ctx.snapshot;
  if (s.dispositions.empty()) {
    textColored(ctx, 1.0f, 0.5f, 0.3f, "No dispositions are set up (table dispositions): ask your administrator.");
    return;
  }
  ImGui::Separator();
  const bool typing = ImGui::GetIO().WantTextInput;
  ImGui::PushTextWrapPos(0.0f);
  textColored(ctx, 0.95f, 0.75f, 0.25f,
              typing ? "Wrap-up: press Alt+1-9 for the disposition (a text field has the keyboard; Ctrl+Enter leaves "
                       "it), then Ctrl+Enter"
                     : "Wrap-up: press 1-9 (or Alt+1-9) for the disposition, then Ctrl+Enter");
  ImGui::PopTextWrapPos();
  if (s.wrapUpDeadlineUs > 0) {
    text(ctx, "Wrap-up ends by itself " + remainingText(ctx, s.wrapUpDeadlineUs) +
                  " (the first disposition is recorded if none is chosen)");
  }
  // As many to a line as fit the region, never cut.
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const ImGuiStyle& style = ImGui::GetStyle();
  for (std::size_t i = 0; i < s.dispositions.size() && i < 9; ++i) {
    const bool chosen = static_cast<int>(i) == m_draft.disposition;
    const std::string label = std::to_string(i + 1) + "  " + s.dispositions[i].label;
    if (i > 0) {
      const float width = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str()).x;
      ImGui::SameLine(0, 18);
      if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
    }
    if (ImGui::RadioButton(label.c_str(), chosen)) m_draft.disposition = static_cast<int>(i);
    ctx.dump.text("disposition " + label);
  }
  if (s.dispositions.size() > 9) {
    choose("##more", labelsOf(s.dispositions), m_draft.disposition, 220, "More dispositions");
  }
  const bool chosen = m_draft.disposition >= 0 && m_draft.disposition < static_cast<int>(s.dispositions.size());
  if (chosen)
    ctx.dump.text("Disposition chosen: " + s.dispositions[static_cast<std::size_t>(m_draft.disposition)].label);
  ImGui::BeginDisabled(!chosen);
  if (button(ctx, "Finish wrap-up (Ctrl+Enter)") && chosen) {
    saveNoteIfChanged(ctx, m_draft);  // first
    ctx.post(desk::FinishWrapUp{s.dispositions[static_cast<std::size_t>(m_draft.disposition)].code});
    m_draft.disposition = -1;
  }
  ImGui::EndDisabled();
}

void ContactView::drawNotes(ViewContext& ctx, const desk::ContactPop& pop) {
  if (pop.status == desk::ContactStatus::Wrapped) return;
  ImGui::TextUnformatted("Notes (saved as you type; Ctrl+Enter leaves the field)");
  // Focus goes to the note in the very frame F2 is pressed (the field is already on screen
  // while the call rings), so that nothing the agent types right after F2 is lost.
  placeKeyboard(ctx, m_draft.focusNote);
  if (wrappedTextEditor("##note", m_draft.note, 90)) m_draft.noteEditedUs = ctx.nowUs;
  if (m_draft.note != m_draft.noteSaved && ctx.nowUs - m_draft.noteEditedUs >= 1'000'000) {
    saveNoteIfChanged(ctx, m_draft);
  } else if (m_draft.note != m_draft.noteSaved) {
    ctx.tickAt(m_draft.noteEditedUs + 1'000'000);
  }
  if (!m_draft.note.empty()) ctx.dump.text("Note: " + m_draft.note);
}

void ContactView::drawComplaintForm(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  if (s.complaintCategories.empty() || s.slaPolicies.empty()) return;
  ImGui::Separator();
  ImGui::TextUnformatted("Open a complaint");
  m_draft.category = std::clamp(m_draft.category, 0, static_cast<int>(s.complaintCategories.size()) - 1);
  m_draft.priority = std::clamp(m_draft.priority, 0, static_cast<int>(s.slaPolicies.size()) - 1);
  const float em = ImGui::GetFontSize();
  choose("##category", labelsOf(s.complaintCategories), m_draft.category, 9 * em);
  ImGui::SameLine();
  std::vector<std::string> priorities;
  for (const auto& p : s.slaPolicies) priorities.push_back(p.priority);
  choose("##priority", priorities, m_draft.priority, 6 * em);
  const auto& policy = s.slaPolicies[static_cast<std::size_t>(m_draft.priority)];
  textWrapped(ctx, "Priority " + policy.priority + ": respond within " + desk::formatDuration(policy.firstResponseUs) +
                       ", resolve within " + desk::formatDuration(policy.resolutionUs));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##summary", "What is the complaint about?", &m_draft.complaintSummary);
  if (m_draft.complaintSummary.size() > kSummaryLimit) m_draft.complaintSummary.resize(kSummaryLimit);
  const bool empty = m_draft.complaintSummary.find_first_not_of(' ') == std::string::npos;
  ImGui::BeginDisabled(empty);
  if (button(ctx, "Open complaint") && !empty) {
    ctx.post(desk::OpenComplaint{s.complaintCategories[static_cast<std::size_t>(m_draft.category)].code,
                                 policy.priority, m_draft.complaintSummary});
    m_draft.complaintSummary.clear();
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("%zu / %zu characters", m_draft.complaintSummary.size(), kSummaryLimit);
}

void ContactView::drawSatisfaction(ViewContext& ctx, const desk::ContactPop& pop) {
  ImGui::Separator();
  ImGui::TextUnformatted("How satisfied is the customer?");
  tooltip(
      "Satisfaction index C = b / a: a is what the customer expected, b what they feel they got (each 1-5). "
      "Below 1 dissatisfied, 1 satisfied, above 1 delighted.");
  const float em = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(7 * em);
  ImGui::SliderInt("expected##a", &m_draft.expected, 1, 5);
  tooltip("a: what the customer expected from us, 1 (little) to 5 (a lot)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(7 * em);
  ImGui::SliderInt("got##b", &m_draft.perceived, 1, 5);
  tooltip("b: what the customer feels they got, 1 (poor) to 5 (excellent)");
  ImGui::SameLine();
  if (button(ctx, "Record")) ctx.post(desk::RecordSatisfaction{m_draft.expected, m_draft.perceived});
  if (pop.satisfactionExpected && pop.satisfactionPerceived && *pop.satisfactionExpected > 0) {
    const double c = static_cast<double>(*pop.satisfactionPerceived) / static_cast<double>(*pop.satisfactionExpected);
    char line[96];
    std::snprintf(line, sizeof line, "Recorded: %s (expected %lld, got %lld; C = %.2f)",
                  c < 1.0   ? "dissatisfied"
                  : c > 1.0 ? "delighted"
                            : "satisfied",
                  static_cast<long long>(*pop.satisfactionExpected), static_cast<long long>(*pop.satisfactionPerceived),
                  c);
    textWrapped(ctx, line);
  }
}

void ContactView::drawUnknown(ViewContext& ctx, const desk::ContactPop& pop) {
  ImGui::Separator();
  textWrapped(ctx, "New customer with " + pop.callerAddress);
  ImGui::SetNextItemWidth(-9 * ImGui::GetFontSize());
  ImGui::InputTextWithHint("##newname", "Customer's name", &m_draft.newCustomerName);
  ImGui::SameLine();
  if (button(ctx, "Create customer") && m_draft.newCustomerName.find_first_not_of(' ') != std::string::npos) {
    ctx.post(desk::CreateCustomer{pop.interactionId, m_draft.newCustomerName});
  }
}

}  // namespace frontline::views
