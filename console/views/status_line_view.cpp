#include "views/status_line_view.h"

#include <imgui.h>

#include "desk/format.h"

namespace frontline::views {

float StatusLineView::height(const desk::DeskSnapshot& s) {
  const int lines = 3 + (s.outbox.waiting > 0 ? 1 : 0) + (s.outbox.failed > 0 ? 1 : 0);
  return static_cast<float>(lines) * ImGui::GetTextLineHeightWithSpacing() + 2 * ImGui::GetStyle().WindowPadding.y;
}

int StatusLineView::windowFlags() const {
  return ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus;
}

void StatusLineView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  // A training case (frontline --replay) keeps nothing: its desk's store lives in memory.
  const std::string store = s.storePath == ":memory:" ? std::string("none (a training case, replayed from its file)")
                                                      : s.storePath + (s.storeReady ? " (open)" : " (not open)");
  std::string line = "Store: " + store + "   |   Contacts received: " + std::to_string(s.contactsRecorded) +
                     (s.lastContact.empty() ? "" : " (last: " + s.lastContact + ")") +
                     (s.emotion.empty() || s.emotionFailed ? "" : "   |   Emotion index: " + s.emotion);
  if (!s.lastError.empty()) line += "   |   Last error: " + s.lastError;
  textFitted(ctx, line);
  if (s.emotionFailed) {
    textColored(ctx, 0.95f, 0.35f, 0.30f, "Emotion index " + s.emotion);
  }
  if (!s.recovered.empty()) {
    ImGui::SameLine();
    textColored(ctx, 0.95f, 0.75f, 0.25f, "   |   " + s.recovered);
  }
  textFitted(ctx, ctx.syncLine);
  std::string listeners;
  for (const auto& l : ctx.listeners) listeners += (listeners.empty() ? "" : ",  ") + l;
  textFitted(ctx,
             "Listeners: " + (listeners.empty() ? std::string("none") : listeners) + "   |   Replies: " +
                 (s.relay.empty() ? std::string("recorded, not sent (no smtp.relay)") : "sent through " + s.relay) +
                 (s.recordingSweep.empty() ? "" : "   |   Recordings: " + s.recordingSweep));
  // The outbox: replies the relay has not accepted yet. Failed ones need the agent.
  if (s.outbox.waiting > 0) {
    std::string waiting = "Outbox: " + std::to_string(s.outbox.waiting) +
                          (s.outbox.waiting == 1 ? " reply" : " replies") + " waiting for the relay";
    if (s.outbox.nextAttemptUs > ctx.nowUs) {
      waiting += ", next try in " + desk::formatDuration(s.outbox.nextAttemptUs - ctx.nowUs);
      ctx.tickEverySecond();
    }
    if (!s.outbox.lastError.empty()) waiting += " (last: " + s.outbox.lastError + ")";
    textColored(ctx, 0.95f, 0.75f, 0.25f, waiting);
  }
  if (s.outbox.failed > 0) {
    textColored(ctx, 0.95f, 0.35f, 0.30f,
                "Outbox: " + std::to_string(s.outbox.failed) + (s.outbox.failed == 1 ? " reply" : " replies") +
                    " NOT SENT: the relay refused or a day of tries failed (" + s.outbox.lastError +
                    "); send again from your mail program");
  }
}

}  // namespace frontline::views
