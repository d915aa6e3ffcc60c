#include "emotion/tokens.h"

#include "emotion/segmenter.h"
#include "utf8.h"

namespace frontline::emotion {
namespace {

bool isLatinLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F);
}
bool isDigit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool isApostrophe(char32_t c) {
  return c == '\'' || c == 0x2019;
}

// Full-width and CJK punctuation as its ASCII twin; 0 for what is not punctuation we use.
char punctuationOf(char32_t c) {
  switch (c) {
    case '!':
    case 0xFF01:
      return '!';
    case '?':
    case 0xFF1F:
      return '?';
    case '.':
    case 0x3002:
    case 0xFF0E:
    case 0x2026:  // …
      return '.';
    case ',':
    case 0xFF0C:
    case 0x3001:  // 、
      return ',';
    case ';':
    case 0xFF1B:
      return ';';
    case ':':
    case 0xFF1A:
      return ':';
    case '\n':
      return '\n';
    default:
      return 0;
  }
}

void appendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool knownChinese(const Lexicon& lexicon, const std::string& word) {
  const WordRules& r = lexicon.chinese;
  return r.valence.count(word) || r.boosters.count(word) || r.negators.count(word) || r.contrast.count(word);
}

// The segmenter may cut out a dictionary word with a feeling word inside (没救了 holds 没救):
// a word the lexicon does not know is cut again, longest known word first, when that finds
// a feeling word of two characters or more; otherwise it stays whole (好几个 is not 好).
std::vector<std::string_view> feelingParts(const Lexicon& lexicon, std::string_view word) {
  std::vector<std::size_t> starts;  // where each character starts, and the end
  for (std::size_t i = 0; i < word.size();) {
    starts.push_back(i);
    nextCodePoint(word, i);
  }
  starts.push_back(word.size());
  std::string key(word);
  if (starts.size() < 4 || knownChinese(lexicon, key)) return {word};
  std::vector<std::string_view> parts;
  bool found = false;
  for (std::size_t c = 0; c + 1 < starts.size();) {
    std::size_t next = c + 1;  // one character when no feeling word starts here
    for (std::size_t end = starts.size() - 1; end >= c + 2; --end) {
      key.assign(word.substr(starts[c], starts[end] - starts[c]));
      if (auto v = lexicon.chinese.valence.find(key); v != lexicon.chinese.valence.end() && v->second != 0) {
        next = end;
        found = true;
        break;
      }
    }
    parts.push_back(word.substr(starts[c], starts[next] - starts[c]));
    c = next;
  }
  return found ? parts : std::vector<std::string_view>{word};
}

}  // namespace

std::vector<Token> tokenize(const Lexicon& lexicon, std::string_view text) {
  std::vector<Token> tokens;
  int sentence = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t at = i;
    const char32_t c = nextCodePoint(text, i);
    if (isLatinLetter(c) || isDigit(c)) {
      // An English word: letters, digits, an apostrophe or hyphen between letters.
      Token t;
      std::size_t end = i;
      int letters = isLatinLetter(c) ? 1 : 0, upper = (c >= 'A' && c <= 'Z') ? 1 : 0;
      while (end < text.size()) {
        std::size_t probe = end;
        const char32_t d = nextCodePoint(text, probe);
        if (isLatinLetter(d) || isDigit(d)) {
          letters += isLatinLetter(d) ? 1 : 0;
          upper += (d >= 'A' && d <= 'Z') ? 1 : 0;
          end = probe;
          continue;
        }
        if (isApostrophe(d) || d == '-') {
          std::size_t after = probe;
          if (after < text.size()) {
            const char32_t e = nextCodePoint(text, after);
            if (isLatinLetter(e)) {
              end = probe;
              continue;
            }
          }
        }
        break;
      }
      t.text.assign(text.substr(at, end - at));
      for (std::size_t k = 0; k < t.text.size();) {
        char32_t d = nextCodePoint(t.text, k);
        if (d >= 'A' && d <= 'Z') d = d - 'A' + 'a';
        if (d == 0x2019) d = '\'';
        appendUtf8(t.key, d);
      }
      t.allCaps = letters >= 2 && upper == letters;
      t.sentence = sentence;
      tokens.push_back(std::move(t));
      i = end;
      continue;
    }
    if (isHan(c)) {
      std::size_t end = i;
      while (end < text.size()) {
        std::size_t probe = end;
        if (!isHan(nextCodePoint(text, probe))) break;
        end = probe;
      }
      for (const auto word : segmentChinese(lexicon, text.substr(at, end - at))) {
        for (const auto part : feelingParts(lexicon, word)) {
          Token t;
          t.text.assign(part);
          t.key = t.text;
          t.language = Language::Chinese;
          t.sentence = sentence;
          tokens.push_back(std::move(t));
        }
      }
      i = end;
      continue;
    }
    if (const char p = punctuationOf(c)) {
      Token t;
      t.kind = Token::Kind::Punctuation;
      t.key = std::string(1, p);
      t.text.assign(text.substr(at, i - at));
      t.language = c > 0x7F ? Language::Chinese : Language::English;
      t.sentence = sentence;
      tokens.push_back(std::move(t));
      if (p == '.' || p == '!' || p == '?' || p == '\n') {
        // A run such as "?!" or "..." ends one sentence.
        std::size_t probe = i;
        const bool more = probe < text.size() && [&] {
          const char q = punctuationOf(nextCodePoint(text, probe));
          return q == '.' || q == '!' || q == '?';
        }();
        if (!more) ++sentence;
      }
    }
  }
  return tokens;
}

}  // namespace frontline::emotion
