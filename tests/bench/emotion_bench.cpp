// The emotion index's evaluation: scores the hand-labelled sentences of tests/data/emotion
// (English and Chinese) and prints, per language and split (tune: may be looked at while
// tuning; held: never), accuracy, macro-F1 over negative / neutral / positive and Spearman's
// correlation with the labels, for our scorer and, in the same run, for the trivial baseline
// (positive minus negative words, no rules). Then the scoring speed: texts per second,
// median of --runs runs, and its ratio to the baseline's.
//
//   emotion_bench [--data DIR] [--lexicons DIR] [--words DIR] [--runs N] [--misses]
//
// --misses lists the tune split's texts our scorer gets wrong (never the held-out ones).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "emotion/evaluation.h"
#include "emotion/lexicon.h"
#include "emotion/text_score.h"

using namespace frontline::emotion;

namespace {

struct Figures {
  double accuracy = 0, f1 = 0, rho = 0;
};

struct Run {
  std::vector<Feeling> truth, ours, base;
  std::vector<double> labels, oursScore, baseScore;
};

Figures figures(const std::vector<Feeling>& truth, const std::vector<Feeling>& predicted,
                const std::vector<double>& labels, const std::vector<double>& scores) {
  return {accuracy(truth, predicted), macroF1(truth, predicted), spearman(labels, scores)};
}

Feeling baselineFeeling(int count) {
  return count > 0 ? Feeling::Positive : count < 0 ? Feeling::Negative : Feeling::Neutral;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = "tests/data/emotion";
  LexiconSources sources;
  int runs = 7;
  bool misses = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) {
      data = argv[++i];
    } else if (a == "--lexicons" && i + 1 < argc) {
      sources.published = argv[++i];
    } else if (a == "--words" && i + 1 < argc) {
      sources.ownWords = argv[++i];
    } else if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--misses") {
      misses = true;
    } else {
      std::fprintf(stderr, "usage: emotion_bench [--data DIR] [--lexicons DIR] [--words DIR] [--runs N] [--misses]\n");
      return 2;
    }
  }
  Lexicon lexicon;
  try {
    lexicon = loadLexicon(sources);
  } catch (const LexiconError& e) {
    std::fprintf(stderr, "emotion_bench: %s\n", e.what());
    return 1;
  }
  std::printf("emotion_bench: %s; scorer %d, lexicon %.12s\n\n", data.c_str(), kScorerVersion,
              lexicon.checksum.c_str());
  std::printf("%-8s %-5s %4s | %-28s | %-28s\n", "", "", "", "ours", "baseline (words, no rules)");
  std::printf("%-8s %-5s %4s | %8s %9s %9s | %8s %9s %9s\n", "language", "split", "n", "accuracy", "macro-F1",
              "Spearman", "accuracy", "macro-F1", "Spearman");
  std::vector<std::string> allTexts;
  for (const auto& [name, file, lang] :
       {std::tuple{"English", "en.tsv", Language::English}, std::tuple{"Chinese", "zh.tsv", Language::Chinese}}) {
    std::vector<LabelledText> set;
    try {
      set = readLabelled(data + "/" + file);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "emotion_bench: %s\n", e.what());
      return 1;
    }
    Run split[3];  // tune, held, all
    for (const auto& t : set) {
      const TurnScore s = scoreText(lexicon, t.text, lang);
      const int count = countWords(lexicon, t.text);
      const double label = t.label == Feeling::Negative ? -1 : t.label == Feeling::Positive ? 1 : 0;
      for (Run* r : {&split[t.heldOut ? 1 : 0], &split[2]}) {
        r->truth.push_back(t.label);
        r->ours.push_back(feelingOf(s.valence));
        r->base.push_back(baselineFeeling(count));
        r->labels.push_back(label);
        r->oursScore.push_back(s.valence);
        r->baseScore.push_back(count);
      }
      if (misses && !t.heldOut && feelingOf(s.valence) != t.label) {
        std::string why;
        for (const auto& e : s.evidence)
          why += " " + e.words + (e.negated ? "(not)" : "") + "=" + std::to_string(e.value).substr(0, 5);
        std::printf("  miss %s:%d %s as %s (%.2f):%s | %s\n", file, t.line, nameOf(t.label),
                    nameOf(feelingOf(s.valence)), s.valence, why.c_str(), t.text.c_str());
      }
      allTexts.push_back(t.text);
    }
    const char* names[] = {"tune", "held", "all"};
    for (int k = 0; k < 3; ++k) {
      const Run& r = split[k];
      const Figures o = figures(r.truth, r.ours, r.labels, r.oursScore);
      const Figures b = figures(r.truth, r.base, r.labels, r.baseScore);
      std::printf("%-8s %-5s %4zu | %8.3f %9.3f %9.3f | %8.3f %9.3f %9.3f\n", name, names[k], r.truth.size(),
                  o.accuracy, o.f1, o.rho, b.accuracy, b.f1, b.rho);
    }
  }
  // Speed: every text of both sets, scored `runs` times each way.
  std::vector<double> ours, base;
  volatile float sink = 0;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (const auto& t : allTexts) sink = sink + scoreText(lexicon, t).valence;
    auto t1 = std::chrono::steady_clock::now();
    for (const auto& t : allTexts) sink = sink + static_cast<float>(countWords(lexicon, t));
    auto t2 = std::chrono::steady_clock::now();
    ours.push_back(static_cast<double>(allTexts.size()) / std::chrono::duration<double>(t1 - t0).count());
    base.push_back(static_cast<double>(allTexts.size()) / std::chrono::duration<double>(t2 - t1).count());
  }
  std::printf(
      "\nspeed: ours %.0f texts/s, baseline %.0f texts/s (medians of %d runs over %zu texts); ours/baseline %.2f\n",
      median(ours), median(base), runs, allTexts.size(), median(ours) / median(base));
  return 0;
}
