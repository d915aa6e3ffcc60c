// Forms, scoring and calibration; see evaluation.h.
#include "replay/evaluation.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace frontline::replay {
namespace {

using Json = nlohmann::json;

[[noreturn]] void fail(const std::string& path, const toml::node* node, const std::string& key,
                       const std::string& what) {
  std::ostringstream out;
  out << path;
  if (node) out << ":" << node->source().begin.line;
  out << ": " << key << ": " << what;
  throw std::runtime_error(out.str());
}

std::string requireString(const std::string& path, const toml::table& t, const std::string& key) {
  const toml::node* n = t.get(key);
  if (!n || !n->is_string() || n->value<std::string>()->empty())
    fail(path, n ? n : &t, key, "a non-empty string is required");
  return *n->value<std::string>();
}

double optionalNumber(const std::string& path, const toml::table& t, const std::string& key, double fallback) {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  const auto v = n->value<double>();
  if (!v || *v <= 0) fail(path, n, key, "a number above 0 is required");
  return *v;
}

bool optionalBool(const std::string& path, const toml::table& t, const std::string& key) {
  const toml::node* n = t.get(key);
  if (!n) return false;
  if (!n->is_boolean()) fail(path, n, key, "true or false is required");
  return *n->value<bool>();
}

}  // namespace

const Question* Form::question(const std::string& qid) const {
  for (const auto& s : sections) {
    for (const auto& q : s.questions) {
      if (q.id == qid) return &q;
    }
  }
  return nullptr;
}

Form loadForm(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  toml::table root;
  try {
    root = toml::parse(text.str(), path);
  } catch (const toml::parse_error& e) {
    std::ostringstream out;
    out << path << ":" << e.source().begin.line << ": " << e.description();
    throw std::runtime_error(out.str());
  }
  Form form;
  form.id = requireString(path, root, "id");
  form.title = requireString(path, root, "title");
  const toml::node* version = root.get("version");
  if (!version || !version->is_integer() || *version->value<std::int64_t>() < 1)
    fail(path, version ? version : &root, "version", "a whole number from 1 is required");
  form.version = static_cast<int>(*version->value<std::int64_t>());
  const toml::array* sections = root["sections"].as_array();
  if (!sections || sections->empty()) fail(path, &root, "sections", "at least one [[sections]] is required");
  std::vector<std::string> ids;
  for (const auto& node : *sections) {
    const toml::table* st = node.as_table();
    if (!st) fail(path, &node, "sections", "each section is a table");
    Section section;
    section.title = requireString(path, *st, "title");
    section.weight = optionalNumber(path, *st, "weight", 1.0);
    const toml::array* questions = (*st)["questions"].as_array();
    if (!questions || questions->empty()) fail(path, st, "sections.questions", "at least one question is required");
    for (const auto& qn : *questions) {
      const toml::table* qt = qn.as_table();
      if (!qt) fail(path, &qn, "questions", "each question is a table");
      Question q;
      q.id = requireString(path, *qt, "id");
      if (std::find(ids.begin(), ids.end(), q.id) != ids.end()) fail(path, qt->get("id"), "id", "'" + q.id + "' twice");
      ids.push_back(q.id);
      q.text = requireString(path, *qt, "text");
      q.weight = optionalNumber(path, *qt, "weight", 1.0);
      const std::string kind = requireString(path, *qt, "scale");
      if (kind == "yes_no") {
        q.points = 0;
      } else if (kind.size() == 1 && kind[0] >= '2' && kind[0] <= '5') {
        q.points = kind[0] - '0';
      } else {
        fail(path, qt->get("scale"), "scale", "\"2\" to \"5\" (points) or \"yes_no\", not '" + kind + "'");
      }
      q.allowNa = optionalBool(path, *qt, "not_applicable");
      q.critical = optionalBool(path, *qt, "critical");
      section.questions.push_back(std::move(q));
    }
    form.sections.push_back(std::move(section));
  }
  return form;
}

std::vector<Form> loadForms(const std::string& directory, std::vector<std::string>& errors) {
  std::vector<Form> forms;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  if (ec) errors.push_back(directory + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    try {
      forms.push_back(loadForm(f.string()));
    } catch (const std::exception& e) {
      errors.emplace_back(e.what());
    }
  }
  std::sort(forms.begin(), forms.end(), [](const Form& a, const Form& b) { return a.title < b.title; });
  return forms;
}

Json toJson(const Form& form) {
  Json sections = Json::array();
  for (const auto& s : form.sections) {
    Json questions = Json::array();
    for (const auto& q : s.questions) {
      questions.push_back({{"id", q.id},
                           {"text", q.text},
                           {"weight", q.weight},
                           {"points", q.points},
                           {"not_applicable", q.allowNa},
                           {"critical", q.critical}});
    }
    sections.push_back({{"title", s.title}, {"weight", s.weight}, {"questions", questions}});
  }
  return {{"id", form.id}, {"version", form.version}, {"title", form.title}, {"sections", sections}};
}

Form formFromJson(const Json& j) {
  Form form;
  form.id = j.value("id", std::string());
  form.version = j.value("version", 1);
  form.title = j.value("title", std::string());
  for (const auto& s : j.value("sections", Json::array())) {
    if (!s.is_object()) continue;
    Section section{s.value("title", std::string()), s.value("weight", 1.0), {}};
    for (const auto& q : s.value("questions", Json::array())) {
      if (!q.is_object()) continue;
      section.questions.push_back({q.value("id", std::string()), q.value("text", std::string()), q.value("weight", 1.0),
                                   std::clamp(q.value("points", 0), 0, 5), q.value("not_applicable", false),
                                   q.value("critical", false)});
    }
    form.sections.push_back(std::move(section));
  }
  return form;
}

std::optional<double> valueOf(const Question& q, const Answer& a) {
  if (!a.value) return std::nullopt;
  if (q.points == 0) return *a.value != 0 ? 1.0 : 0.0;
  const int v = std::clamp(*a.value, 1, q.points);
  return static_cast<double>(v - 1) / static_cast<double>(q.points - 1);
}

Score score(const Form& form, const std::map<std::string, Answer>& answers) {
  Score r;
  double weighted = 0, weights = 0;
  r.complete = true;
  for (const auto& s : form.sections) {
    for (const auto& q : s.questions) {
      const auto found = answers.find(q.id);
      if (found == answers.end()) {
        r.complete = false;
        continue;
      }
      const auto v = valueOf(q, found->second);
      if (!v) {
        if (!q.allowNa) r.complete = false;  // unanswered (N/A is not allowed here)
        continue;
      }
      weighted += s.weight * q.weight * *v;
      weights += s.weight * q.weight;
      if (q.critical && *v == 0.0) {
        r.failed = true;
        r.failedItems.push_back(q.text);
      }
    }
  }
  if (weights > 0) r.raw = 100.0 * weighted / weights;
  r.percent = r.failed ? std::optional<double>(0.0) : r.raw;
  return r;
}

Json payloadOf(const Evaluation& e) {
  Json answers = Json::object();
  for (const auto& [id, a] : e.answers) {
    Json one = {{"value", a.value ? Json(*a.value) : Json(nullptr)}, {"comment", a.comment}};
    if (a.atUs) one["at_us"] = *a.atUs;
    answers[id] = one;
  }
  Json p = {{"evaluation_id", e.evaluationId},
            {"agent", e.agentId},
            {"form", toJson(e.form)},
            {"answers", answers},
            {"comment", e.comment},
            {"score", e.result.percent ? Json(*e.result.percent) : Json(nullptr)},
            {"failed", e.result.failed},
            {"by_name", e.evaluatorName}};
  return p;
}

std::optional<Evaluation> evaluationFromPayload(const std::string& payloadJson, const std::string& interactionId,
                                                const std::string& evaluator, std::int64_t atUs) {
  const auto p = Json::parse(payloadJson, nullptr, false);
  if (!p.is_object() || !p.contains("form") || !p["form"].is_object()) return std::nullopt;
  Evaluation e;
  e.evaluationId = p.value("evaluation_id", std::string());
  e.interactionId = interactionId;
  e.agentId = p.value("agent", std::string());
  e.evaluator = evaluator;
  e.evaluatorName = p.value("by_name", evaluator);
  e.atUs = atUs;
  e.form = formFromJson(p["form"]);
  e.comment = p.value("comment", std::string());
  if (p.contains("answers") && p["answers"].is_object()) {
    for (const auto& [id, a] : p["answers"].items()) {
      if (!a.is_object()) continue;
      Answer answer;
      if (a.contains("value") && a["value"].is_number_integer()) answer.value = a["value"].get<int>();
      answer.comment = a.value("comment", std::string());
      if (a.contains("at_us") && a["at_us"].is_number_integer()) answer.atUs = a["at_us"].get<std::int64_t>();
      e.answers[id] = answer;
    }
  }
  if (e.evaluationId.empty()) return std::nullopt;
  e.result = score(e.form, e.answers);  // recomputed from the frozen form: the stored score is not trusted
  return e;
}

Calibration calibrate(const std::vector<Evaluation>& all) {
  Calibration c;
  if (all.empty()) return c;
  c.formId = all.front().form.id;
  c.formVersion = all.front().form.version;
  std::vector<const Evaluation*> same;
  for (const auto& e : all) {
    if (e.form.id == c.formId && e.form.version == c.formVersion) same.push_back(&e);
  }
  c.evaluations = static_cast<int>(same.size());
  const Form& form = same.front()->form;
  std::map<std::string, double> questionMean;
  for (const auto& s : form.sections) {
    for (const auto& q : s.questions) {
      QuestionSpread spread{q.id, q.text};
      std::vector<double> values;
      for (const auto* e : same) {
        const auto a = e->answers.find(q.id);
        if (a == e->answers.end()) continue;
        if (const auto v = valueOf(q, a->second)) values.push_back(100.0 * *v);
      }
      spread.answered = static_cast<int>(values.size());
      if (!values.empty()) {
        double sum = 0;
        for (double v : values) sum += v;
        spread.mean = sum / static_cast<double>(values.size());
        spread.min = *std::min_element(values.begin(), values.end());
        spread.max = *std::max_element(values.begin(), values.end());
        double sq = 0;
        for (double v : values) sq += (v - spread.mean) * (v - spread.mean);
        spread.stddev = std::sqrt(sq / static_cast<double>(values.size()));  // population: these are all the scores
        questionMean[q.id] = spread.mean;
      }
      c.questions.push_back(std::move(spread));
    }
  }
  double scoreSum = 0;
  int scored = 0;
  for (const auto* e : same) {
    if (e->result.percent) {
      scoreSum += *e->result.percent;
      ++scored;
    }
  }
  if (scored) c.meanScore = scoreSum / scored;
  for (const auto* e : same) {
    EvaluatorDistance d{e->evaluator, e->evaluatorName, e->result.percent};
    if (d.score && c.meanScore) d.scoreDistance = std::abs(*d.score - *c.meanScore);
    double total = 0;
    int n = 0;
    for (const auto& s : form.sections) {
      for (const auto& q : s.questions) {
        const auto a = e->answers.find(q.id);
        const auto mean = questionMean.find(q.id);
        if (a == e->answers.end() || mean == questionMean.end()) continue;
        if (const auto v = valueOf(q, a->second)) {
          total += std::abs(100.0 * *v - mean->second);
          ++n;
        }
      }
    }
    if (n) d.questionDistance = total / n;
    c.evaluators.push_back(std::move(d));
  }
  return c;
}

}  // namespace frontline::replay
