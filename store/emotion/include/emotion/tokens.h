// A turn's text as the scorer reads it: English words (lower-cased, capitals remembered),
// Chinese words (cut by the segmenter), and the punctuation that ends a clause or a
// sentence or adds weight (! ?). Any bytes are accepted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "emotion/lexicon.h"

namespace frontline::emotion {

struct Token {
  enum class Kind { Word, Punctuation };
  Kind kind = Kind::Word;
  std::string text;  // as written
  std::string key;   // lower-case: what the lexicon is asked
  Language language = Language::English;
  bool allCaps = false;  // an English word of two or more letters, all capitals
  int sentence = 0;      // which sentence (. ! ? 。！？ and line breaks end one); rules do not
                         // reach across punctuation
};

std::vector<Token> tokenize(const Lexicon& lexicon, std::string_view text);

}  // namespace frontline::emotion
