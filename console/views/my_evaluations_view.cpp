// The agent's evaluations; see my_evaluations_view.h.
#include "views/my_evaluations_view.h"

#include <imgui.h>

#include <cstdio>

#include "replay/evaluation.h"
#include "views/clock_text.h"
#include "views/evaluation_view.h"

namespace frontline::views {

int newEvaluations(const desk::DeskSnapshot& s) {
  int n = 0;
  for (const auto& e : s.evaluations) n += e.acknowledgedUs ? 0 : 1;
  return n;
}

void MyEvaluationsView::placeFirstTime() const {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.2f, vp->WorkPos.y + vp->WorkSize.y * 0.12f),
                          ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.6f, vp->WorkSize.y * 0.7f), ImGuiCond_FirstUseEver);
}

void MyEvaluationsView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  if (s.evaluations.empty()) {
    textWrapped(ctx, "No evaluations of your work yet. When a trainer scores one of your contacts, it shows here.");
    return;
  }
  for (const auto& note : s.evaluations) {
    const auto e = replay::evaluationFromPayload(note.payloadJson, note.interactionId, note.by, note.atUs);
    if (!e) continue;
    ImGui::PushID(note.evaluationId.c_str());
    ImGui::Separator();
    const std::string score = e->result.failed ? "FAILED (critical item)" : scoreText(e->result.percent);
    textColored(ctx, 0.55f, 0.8f, 1.0f,
                e->form.title + ": " + score + "   by " + e->evaluatorName + ", " + localDateTime(note.atUs) +
                    "   (your contact " + note.interactionId.substr(0, 8) + ")");
    if (!e->comment.empty()) textWrapped(ctx, e->comment);
    for (const auto& section : e->form.sections) {
      for (const auto& q : section.questions) {
        const auto a = e->answers.find(q.id);
        if (a == e->answers.end()) continue;
        std::string answer = !a->second.value ? "N/A"
                             : q.points == 0  ? (*a->second.value ? "yes" : "no")
                                              : std::to_string(*a->second.value) + " of " + std::to_string(q.points);
        std::string line = "  " + q.text + ": " + answer;
        if (!a->second.comment.empty()) line += " - " + a->second.comment;
        if (a->second.atUs) line += " (at " + localDateTime(*a->second.atUs) + " in the contact)";
        textWrapped(ctx, line);
      }
    }
    if (note.acknowledgedUs) {
      ImGui::TextDisabled("Acknowledged %s", localDateTime(*note.acknowledgedUs).c_str());
      ctx.dump.text("Acknowledged " + localDateTime(*note.acknowledgedUs));
    } else if (button(ctx, "Acknowledge")) {
      ctx.post(desk::AcknowledgeEvaluation{note.evaluationId, note.interactionId});
    }
    ImGui::PopID();
  }
}

}  // namespace frontline::views
