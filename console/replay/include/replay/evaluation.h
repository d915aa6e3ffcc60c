// Quality evaluation (QA scorecards): forms, scoring and calibration.
//
// A form is a versioned file (assets/forms/*.toml): sections of questions, each with a
// weight, a 2-5 point scale or yes/no, optionally "not applicable", and critical items. An
// evaluation freezes the form's definition with its answers (the evaluated event), so a
// later version of the form never changes an old score.
//
// Score: every answered question counts its weight (times its section's) at
//   (points - 1) / (scale - 1) for a scale, 1 for yes and 0 for no;
// not applicable ones count nothing; score = 100 * sum(weight * value) / sum(weight).
// A critical question answered no (or with the scale's lowest point) fails the whole
// evaluation: its score is 0, and the score it would have had is kept beside it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace frontline::replay {

struct Question {
  std::string id;
  std::string text;
  double weight = 1.0;
  int points = 0;  // 2..5 for a scale; 0 for yes/no
  bool allowNa = false;
  bool critical = false;
};

struct Section {
  std::string title;
  double weight = 1.0;
  std::vector<Question> questions;
};

struct Form {
  std::string id;
  int version = 1;
  std::string title;
  std::vector<Section> sections;

  const Question* question(const std::string& id) const;
};

// Reads a form file; throws std::runtime_error naming the file, line and key on a bad one.
Form loadForm(const std::string& path);
// Every *.toml form in `directory`, by title; files that fail are reported in `errors`.
std::vector<Form> loadForms(const std::string& directory, std::vector<std::string>& errors);
nlohmann::json toJson(const Form& form);
Form formFromJson(const nlohmann::json& json);

// An answer: points on the scale (1..points), yes (1) / no (0), or not applicable.
struct Answer {
  std::optional<int> value;  // nullopt: not applicable
  std::string comment;
  std::optional<std::int64_t> atUs;  // the moment of the contact the comment points at
};

struct Score {
  std::optional<double> percent;  // 0..100; nullopt when nothing was applicable
  std::optional<double> raw;      // what it would be without the critical failure
  bool failed = false;
  std::vector<std::string> failedItems;  // the critical questions that failed
  bool complete = false;                 // every question answered
};

Score score(const Form& form, const std::map<std::string, Answer>& answers);
// A question's value 0..1 for an answer (nullopt: not applicable or unanswered).
std::optional<double> valueOf(const Question& q, const Answer& a);

struct Evaluation {
  std::string evaluationId;
  std::string interactionId;
  std::string agentId;    // who was evaluated
  std::string evaluator;  // the trainer's console id
  std::string evaluatorName;
  std::int64_t atUs = 0;
  Form form;  // frozen
  std::map<std::string, Answer> answers;
  std::string comment;
  Score result;
  std::optional<std::int64_t> acknowledgedUs;  // when the agent acknowledged it
};

nlohmann::json payloadOf(const Evaluation& e);
// From an evaluated event's payload (and the event's columns); nullopt when malformed.
std::optional<Evaluation> evaluationFromPayload(const std::string& payloadJson, const std::string& interactionId,
                                                const std::string& evaluator, std::int64_t atUs);

// Calibration: several evaluators' scores of one contact on one form version.
struct QuestionSpread {
  std::string questionId;
  std::string text;
  int answered = 0;
  double mean = 0, min = 0, max = 0, stddev = 0;  // of values in percent
};
struct EvaluatorDistance {
  std::string evaluator;
  std::string evaluatorName;
  std::optional<double> score;
  double scoreDistance = 0;     // |score - mean score|, percentage points
  double questionDistance = 0;  // mean |value - question mean| over the questions they answered
};
struct Calibration {
  std::string formId;
  int formVersion = 0;
  int evaluations = 0;
  std::optional<double> meanScore;
  std::vector<QuestionSpread> questions;
  std::vector<EvaluatorDistance> evaluators;
};
// Over the evaluations of the same form id and version as the first one.
Calibration calibrate(const std::vector<Evaluation>& evaluations);

}  // namespace frontline::replay
