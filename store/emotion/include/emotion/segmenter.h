// Chinese has no spaces: a run of Han characters is cut into words by the most probable
// path through every dictionary word it contains (each word's probability its frequency in
// jieba's dictionary over the total; a character no word covers stands alone). Our own
// sentiment and rule words are in the dictionary, so 不满意 or 没问题 come out whole.
#pragma once

#include <string_view>
#include <vector>

#include "emotion/lexicon.h"

namespace frontline::emotion {

// The words of `run` (views into it), in order. Any text is accepted: what is not Han comes
// out one code point at a time.
std::vector<std::string_view> segmentChinese(const Lexicon& lexicon, std::string_view run);

}  // namespace frontline::emotion
