#include "emotion/segmenter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "utf8.h"

namespace frontline::emotion {

std::vector<std::string_view> segmentChinese(const Lexicon& lexicon, std::string_view run) {
  // Where each character starts, in bytes (and the end).
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < run.size();) {
    starts.push_back(i);
    nextCodePoint(run, i);
  }
  const std::size_t n = starts.size();
  starts.push_back(run.size());
  const double logTotal = std::log(static_cast<double>(std::max<std::uint64_t>(lexicon.chineseTotal, 1)));
  const std::size_t longest = std::min<std::size_t>(lexicon.chineseLongest, 12);
  // best[i]: the most probable cut of characters i..n (log probability); next[i]: where its
  // first word ends.
  std::vector<double> best(n + 1, 0.0);
  std::vector<std::size_t> next(n + 1, n);
  std::string word;
  for (std::size_t i = n; i-- > 0;) {
    best[i] = -std::numeric_limits<double>::infinity();
    for (std::size_t j = i + 1; j <= std::min(n, i + longest); ++j) {
      word.assign(run.substr(starts[i], starts[j] - starts[i]));
      const auto it = lexicon.chineseWords.find(word);
      double logP = 0;
      if (it != lexicon.chineseWords.end() && it->second > 0) {
        logP = std::log(static_cast<double>(it->second)) - logTotal;
      } else if (j == i + 1) {
        logP = -logTotal;  // a character of its own, as rare as a word seen once
      } else {
        continue;
      }
      if (logP + best[j] > best[i]) {
        best[i] = logP + best[j];
        next[i] = j;
      }
    }
  }
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < n; i = next[i]) words.push_back(run.substr(starts[i], starts[next[i]] - starts[i]));
  return words;
}

}  // namespace frontline::emotion
