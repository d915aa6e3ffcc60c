// Our own word lists (assets/emotion/*.tsv), built into the program so it scores without
// them on disk; emotion.words names a folder to read instead (to tune them).
#pragma once

#include <string_view>
#include <vector>

namespace frontline::emotion {

struct WordList {
  std::string_view name;  // the file's name: en-words.tsv, zh-rules.tsv, ...
  std::string_view text;
};

const std::vector<WordList>& builtInWordLists();

}  // namespace frontline::emotion
