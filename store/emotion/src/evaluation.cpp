#include "emotion/evaluation.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <stdexcept>

namespace frontline::emotion {

std::vector<LabelledText> readLabelled(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot read");
  std::vector<LabelledText> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    const auto a = line.find('\t');
    const auto b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos)
      throw std::runtime_error(file.string() + ":" + std::to_string(n) + ": expected label, split, text");
    LabelledText t;
    const std::string label = line.substr(0, a), split = line.substr(a + 1, b - a - 1);
    if (label == "neg") {
      t.label = Feeling::Negative;
    } else if (label == "pos") {
      t.label = Feeling::Positive;
    } else if (label != "neu") {
      throw std::runtime_error(file.string() + ":" + std::to_string(n) + ": label '" + label +
                               "' is not neg, neu or pos");
    }
    if (split != "tune" && split != "held") {
      throw std::runtime_error(file.string() + ":" + std::to_string(n) + ": split '" + split + "' is not tune or held");
    }
    t.heldOut = split == "held";
    t.text = line.substr(b + 1);
    t.line = n;
    out.push_back(std::move(t));
  }
  return out;
}

double accuracy(const std::vector<Feeling>& truth, const std::vector<Feeling>& predicted) {
  if (truth.empty()) return 0;
  std::size_t right = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) right += truth[i] == predicted[i];
  return static_cast<double>(right) / static_cast<double>(truth.size());
}

double macroF1(const std::vector<Feeling>& truth, const std::vector<Feeling>& predicted) {
  double total = 0;
  for (Feeling f : {Feeling::Negative, Feeling::Neutral, Feeling::Positive}) {
    double tp = 0, fp = 0, fn = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      tp += truth[i] == f && predicted[i] == f;
      fp += truth[i] != f && predicted[i] == f;
      fn += truth[i] == f && predicted[i] != f;
    }
    total += tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
  }
  return total / 3;
}

namespace {
std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    const double mean = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = mean;
    i = j + 1;
  }
  return r;
}
}  // namespace

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size() || a.size() < 2) return 0;
  const auto ra = ranks(a), rb = ranks(b);
  const double n = static_cast<double>(a.size());
  const double ma = std::accumulate(ra.begin(), ra.end(), 0.0) / n, mb = std::accumulate(rb.begin(), rb.end(), 0.0) / n;
  double cov = 0, va = 0, vb = 0;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    cov += (ra[i] - ma) * (rb[i] - mb);
    va += (ra[i] - ma) * (ra[i] - ma);
    vb += (rb[i] - mb) * (rb[i] - mb);
  }
  return va == 0 || vb == 0 ? 0 : cov / std::sqrt(va * vb);
}

}  // namespace frontline::emotion
