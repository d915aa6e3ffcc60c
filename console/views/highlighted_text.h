// Text wrapped to the window with some phrases coloured: the evidence words of the emotion
// index in a customer's email (red for words that pulled the feeling down, green for words
// that lifted it), on the agent's email and in the trainer's replay. Matching ignores
// ASCII case; a negated phrase ("not happy") found nowhere falls back to its last word.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "emotion/text_score.h"
#include "views/view.h"

namespace frontline::views {

struct Highlight {
  std::size_t begin = 0, end = 0;  // byte offsets into the text
  float value = 0;                 // the evidence's valence: its colour
};

// Where the evidence occurs in `text`, in text order, not overlapping.
std::vector<Highlight> findEvidence(std::string_view text, const std::vector<emotion::Evidence>& evidence);

// Draws `text` wrapped, the highlights coloured; the UI dump gets the plain text.
void highlightedText(ViewContext& ctx, std::string_view text, const std::vector<Highlight>& highlights);

}  // namespace frontline::views
