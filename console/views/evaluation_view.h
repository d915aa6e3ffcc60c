// "Evaluate": the trainer scores the open contact on a form (assets/forms): every
// question's answer (points, yes / no, N/A), a comment that may point at the replay's
// playhead, an overall comment, the score as it stands (critical items fail it), and
// Submit. Below, the evaluations of this contact: the trainer's own, and the others' only
// after they submitted theirs (calibration is blind).
#pragma once

#include <functional>
#include <map>
#include <string>

#include "replay/evaluation.h"
#include "views/view.h"

namespace frontline::views {

// Whether this trainer has scored the open contact (then others' scores may show).
bool hasEvaluated(const replay::TrainerSnapshot& s);

class EvaluationView : public View {
 public:
  explicit EvaluationView(std::function<std::int64_t()> playhead) : View("Evaluate"), m_playhead(std::move(playhead)) {}
  std::function<void(std::int64_t)> onGoTo;  // jump the replay to a comment's moment

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  void drawForm(ViewContext& ctx, const replay::TrainerSnapshot& s, const replay::Form& form);
  void drawEvaluations(ViewContext& ctx, const replay::TrainerSnapshot& s);

  std::function<std::int64_t()> m_playhead;
  int m_form = 0;
  std::string m_draftFor;                               // interaction + form the answers below belong to
  std::map<std::string, std::optional<int>> m_choices;  // answered questions (nullopt: N/A)
  std::map<std::string, std::string> m_comments;
  std::map<std::string, std::int64_t> m_moments;  // the playhead a comment points at
  std::string m_comment;
};

// "Calibration": how several trainers' evaluations of the open contact agree: each
// question's spread and each evaluator's distance from the average. Shown once this
// trainer has submitted their own.
class CalibrationView : public View {
 public:
  CalibrationView() : View("Calibration") {}

 protected:
  void drawContent(ViewContext& ctx) override;
};

// "87 %" for a score in percent; "n/a" when nothing was applicable.
std::string scoreText(const std::optional<double>& p);

}  // namespace frontline::views
