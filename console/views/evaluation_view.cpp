// Scoring and calibration; see evaluation_view.h.
#include "views/evaluation_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

#include "views/clock_text.h"

namespace frontline::views {
namespace {

std::string fixed1(double v) {
  char out[32];
  std::snprintf(out, sizeof out, "%.1f", v);
  return out;
}

std::string scoreLine(const replay::Score& r) {
  if (r.failed) {
    std::string items;
    for (const auto& i : r.failedItems) items += (items.empty() ? "" : "; ") + i;
    return "FAILED (critical: " + items + "): 0 % (" + scoreText(r.raw) + " without it)";
  }
  return "Score " + scoreText(r.percent);
}

}  // namespace

std::string scoreText(const std::optional<double>& p) {
  if (!p) return "n/a";
  char out[32];
  std::snprintf(out, sizeof out, "%.0f %%", *p);
  return out;
}

bool hasEvaluated(const replay::TrainerSnapshot& s) {
  for (const auto& e : s.evaluations) {
    if (e.evaluator == s.trainerId) return true;
  }
  return false;
}

void EvaluationView::drawContent(ViewContext& ctx) {
  const replay::TrainerSnapshot* s = ctx.replay.snapshot;
  if (!s || !s->timeline) {
    textWrapped(ctx, "Open a contact (Search, Ctrl+1) to score it.");
    return;
  }
  for (const auto& e : s->formErrors) textColored(ctx, 1.0f, 0.45f, 0.35f, "Form not loaded: " + e);
  if (s->forms.empty()) {
    textWrapped(ctx, "No evaluation forms: put *.toml forms in the directory trainer.forms names.");
    return;
  }
  const auto& c = s->timeline->replayCase();
  if (c.fromCaseFile) {
    textWrapped(ctx, "A training case file is read-only: score contacts in the trainer's console.");
    return;
  }
  if (c.agentId.empty()) {
    textWrapped(ctx, "Nobody answered this contact: there is no agent to evaluate.");
    drawEvaluations(ctx, *s);
    return;
  }
  std::vector<std::string> titles;
  for (const auto& f : s->forms) titles.push_back(f.title + " (v" + std::to_string(f.version) + ")");
  m_form = std::clamp(m_form, 0, static_cast<int>(s->forms.size()) - 1);
  ImGui::TextUnformatted("Form");
  ImGui::SameLine();
  choose("##form", titles, m_form, 16 * ImGui::GetFontSize());
  const replay::Form& form = s->forms[static_cast<std::size_t>(m_form)];
  const std::string key = c.interactionId + "/" + form.id + "/" + std::to_string(form.version);
  if (m_draftFor != key) {
    m_draftFor = key;
    m_choices.clear();
    m_comments.clear();
    m_moments.clear();
    m_comment.clear();
  }
  ImGui::SameLine();
  text(ctx, "   Agent " + c.agentId + ", contact " + c.interactionId.substr(0, 8));
  drawForm(ctx, *s, form);
  drawEvaluations(ctx, *s);
}

void EvaluationView::drawForm(ViewContext& ctx, const replay::TrainerSnapshot& s, const replay::Form& form) {
  const auto& c = s.timeline->replayCase();
  // The questions scroll; the overall comment, the score and Submit stay in sight below them,
  // and the contact's evaluations below those.
  const float line = ImGui::GetFrameHeightWithSpacing();
  const float listHeight = std::max(6 * line, ImGui::GetContentRegionAvail().y - 3 * line -
                                                  std::max(4 * line, 0.22f * ImGui::GetContentRegionAvail().y));
  ImGui::BeginChild("questions", ImVec2(0, listHeight), true);
  for (const auto& section : form.sections) {
    ImGui::Separator();
    text(ctx, section.title + (section.weight != 1.0 ? " (weight " + fixed1(section.weight) + ")" : ""));
    for (const auto& q : section.questions) {
      ImGui::PushID(q.id.c_str());
      ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x * 0.55f);
      textWrapped(ctx, (q.critical ? "[critical] " : "") + q.text +
                           (q.weight != 1.0 ? " (weight " + fixed1(q.weight) + ")" : ""));
      ImGui::PopTextWrapPos();
      ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.57f);
      const auto chosen = m_choices.find(q.id);
      auto radio = [&](const char* label, std::optional<int> value) {
        const bool on = chosen != m_choices.end() && chosen->second == value;
        if (ImGui::RadioButton(label, on)) m_choices[q.id] = value;
        const ImVec2 a = ImGui::GetItemRectMin();
        const ImVec2 b = ImGui::GetItemRectMax();
        ctx.dump.button(q.id + " " + label, static_cast<int>(a.x), static_cast<int>(a.y), static_cast<int>(b.x - a.x),
                        static_cast<int>(b.y - a.y));
        ImGui::SameLine();
      };
      if (q.points == 0) {
        radio("Yes", 1);
        radio("No", 0);
      } else {
        for (int p = 1; p <= q.points; ++p) radio(std::to_string(p).c_str(), p);
      }
      if (q.allowNa) radio("N/A", std::nullopt);
      ImGui::NewLine();
      ImGui::SetNextItemWidth(-12 * ImGui::GetFontSize());
      ImGui::InputTextWithHint("##comment", "comment (optional)", &m_comments[q.id]);
      ImGui::SameLine();
      const auto at = m_moments.find(q.id);
      if (at != m_moments.end()) {
        if (ImGui::SmallButton(("at " + offsetText(at->second - c.startUs)).c_str()) && onGoTo) onGoTo(at->second);
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) m_moments.erase(q.id);
      } else if (ImGui::SmallButton("Pin to playhead")) {
        m_moments[q.id] = m_playhead();
      }
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  std::map<std::string, replay::Answer> given;
  for (const auto& [id, value] : m_choices) {
    replay::Answer a;
    a.value = value;
    a.comment = m_comments[id];
    if (const auto at = m_moments.find(id); at != m_moments.end()) a.atUs = at->second;
    given[id] = a;
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##overall", "overall comment for the agent", &m_comment);
  const replay::Score result = replay::score(form, given);
  text(ctx, scoreLine(result) + (result.complete ? "" : "  (not every question is answered)"));
  ImGui::SameLine();
  ImGui::BeginDisabled(!result.complete);
  if (button(ctx, "Submit evaluation") && result.complete) {
    replay::Evaluation e;
    e.interactionId = c.interactionId;
    e.agentId = c.agentId;
    e.form = form;
    e.answers = given;
    e.comment = m_comment;
    e.result = result;
    ctx.post(desk::SubmitEvaluation{c.interactionId, replay::payloadOf(e).dump()});
    m_choices.clear();
    m_comments.clear();
    m_moments.clear();
    m_comment.clear();
  }
  ImGui::EndDisabled();
  ImGui::Separator();
}

void EvaluationView::drawEvaluations(ViewContext& ctx, const replay::TrainerSnapshot& s) {
  const bool mine = hasEvaluated(s);
  int hidden = 0;
  text(ctx, "Evaluations of this contact: " + std::to_string(s.evaluations.size()));
  for (const auto& e : s.evaluations) {
    if (e.evaluator != s.trainerId && !mine) {
      ++hidden;
      continue;
    }
    text(ctx, localDateTime(e.atUs) + "  " + e.form.title + " v" + std::to_string(e.form.version) + "  " +
                  scoreLine(e.result) + "  by " + e.evaluatorName +
                  (e.acknowledgedUs ? "  (acknowledged by the agent)" : ""));
    if (!e.comment.empty()) textWrapped(ctx, "    " + e.comment);
  }
  if (hidden) {
    textWrapped(ctx, std::to_string(hidden) +
                         " by other trainers, hidden until you submit yours (calibration is blind: Ctrl+4 compares "
                         "them afterwards).");
  }
}

void CalibrationView::drawContent(ViewContext& ctx) {
  const replay::TrainerSnapshot* s = ctx.replay.snapshot;
  if (!s || !s->timeline) {
    textWrapped(ctx, "Open a contact that several trainers have scored.");
    return;
  }
  if (!hasEvaluated(*s)) {
    textWrapped(ctx, "Score this contact first (Evaluate, Ctrl+3): the others' scores stay hidden until then.");
    return;
  }
  const replay::Calibration c = replay::calibrate(s->evaluations);
  text(ctx, plural(c.evaluations, "evaluation", "evaluations") + " on " + c.formId + " v" +
                std::to_string(c.formVersion) + ", mean score " + scoreText(c.meanScore));
  if (c.evaluations < 2) textWrapped(ctx, "Calibration needs a second trainer's evaluation of this contact.");
  constexpr int kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  text(ctx, "Spread per question (values in %: the scale's points from 0 to 100, yes 100, no 0)");
  if (ImGui::BeginTable("spread", 6, kFlags)) {
    ImGui::TableSetupColumn("Question", ImGuiTableColumnFlags_WidthStretch);
    for (const char* h : {"answered", "mean", "min", "max", "std dev"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const auto& q : c.questions) {
      const std::string cells[6] = {
          q.text, std::to_string(q.answered), fixed1(q.mean), fixed1(q.min), fixed1(q.max), fixed1(q.stddev)};
      ImGui::TableNextRow();
      for (int i = 0; i < 6; ++i) {
        ImGui::TableSetColumnIndex(i);
        if (i == 5 && q.stddev >= 25.0) {
          ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.3f, 1), "%s", cells[i].c_str());  // they disagree
        } else {
          ImGui::TextUnformatted(cells[i].c_str());
        }
      }
      ctx.dump.text("spread " + q.text + ": mean " + cells[2] + " min " + cells[3] + " max " + cells[4] + " sd " +
                    cells[5]);
    }
    ImGui::EndTable();
  }
  text(ctx, "Each evaluator's distance from the average (percentage points)");
  if (ImGui::BeginTable("evaluators", 4, kFlags)) {
    for (const char* h : {"Evaluator", "score", "from the mean score", "mean distance per question"})
      ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const auto& e : c.evaluators) {
      const std::string cells[4] = {e.evaluatorName + (e.evaluator == s->trainerId ? " (you)" : ""), scoreText(e.score),
                                    fixed1(e.scoreDistance), fixed1(e.questionDistance)};
      ImGui::TableNextRow();
      for (int i = 0; i < 4; ++i) {
        ImGui::TableSetColumnIndex(i);
        ImGui::TextUnformatted(cells[i].c_str());
      }
      ctx.dump.text("evaluator " + cells[0] + ": score " + cells[1] + ", " + cells[2] + " from the mean, " + cells[3] +
                    " per question");
    }
    ImGui::EndTable();
  }
}

}  // namespace frontline::views
