// The words the emotion index knows: a published lexicon per language (read at run time
// from where scripts/lib/common.sh install_lexicons put them), our own words and phrases
// over it, and the rules' words (negators, boosters, contrast). Loaded once; read-only
// after, so every thread may share one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace frontline::emotion {

enum class Language { English, Chinese };

// Where the lexicon's files are. The defaults are where the test and demo scripts install
// them; emotion.lexicons and emotion.segmenter_dictionary in the configuration move them.
struct LexiconSources {
  std::filesystem::path published = "/usr/local/share/frontline/lexicons";  // npm's prefix
  std::filesystem::path segmenterDictionary = "/usr/lib/python3/dist-packages/jieba/dict.txt";
  std::filesystem::path ownWords;  // a folder with en-words.tsv, zh-words.tsv, en-rules.tsv,
                                   // zh-rules.tsv; empty: the copies built into the program
};

// A file that cannot be read or a line that cannot be understood: names the file, the line
// and what is wrong with it.
class LexiconError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WordRules {
  std::unordered_map<std::string, float> valence;   // word or phrase (lower case) -> -4..+4
  std::unordered_map<std::string, float> boosters;  // -> added to a sentiment word's size
  std::unordered_map<std::string, float> contrast;  // -> the weight of what follows
  std::unordered_map<std::string, bool> negators;
  std::size_t longestPhrase = 1;  // in words (English) or 1 (Chinese)
};

struct Lexicon {
  WordRules english;
  WordRules chinese;
  // The segmenter's dictionary: word -> frequency (jieba's dict.txt, with our Chinese words
  // added so they are cut out whole).
  std::unordered_map<std::string, std::uint32_t> chineseWords;
  std::uint64_t chineseTotal = 0;
  std::size_t chineseLongest = 1;  // in characters
  std::string checksum;            // SHA-256 of every file read, in order: a rescore's key
  std::vector<std::string> files;  // what was read, for the README and `emotion score --sources`
  const WordRules& rules(Language l) const { return l == Language::English ? english : chinese; }
};

// The scorer's version: it changes when the rules change, as the checksum does when a word list
// does. Both are in every emotion_scored event.
inline constexpr int kScorerVersion = 1;

// Throws LexiconError naming the file (and line) it could not use.
Lexicon loadLexicon(const LexiconSources& sources);

}  // namespace frontline::emotion
