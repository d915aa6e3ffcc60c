// Wrapped text with coloured evidence; see highlighted_text.h.
#include "views/highlighted_text.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>

#include "views/feeling_text.h"

namespace frontline::views {
namespace {

std::string lowered(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Every whole-word occurrence of `needle` (already lowered) in `hay` (lowered). A needle of
// Chinese characters matches anywhere: the text has no spaces between words.
void occurrences(const std::string& hay, const std::string& needle, float value, std::vector<Highlight>& out) {
  if (needle.empty()) return;
  const bool ascii = std::all_of(needle.begin(), needle.end(), [](char c) { return (c & 0x80) == 0; });
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) {
    const std::size_t end = at + needle.size();
    if (ascii && ((at > 0 && isWordByte(hay[at - 1])) || (end < hay.size() && isWordByte(hay[end])))) continue;
    out.push_back({at, end, value});
  }
}

// The next piece to draw whole: up to and including a space, or one multi-byte character
// (Chinese wraps between characters), or up to a newline.
std::size_t pieceEnd(std::string_view text, std::size_t at, std::size_t limit) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead >= 0xC0) {
    const std::size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    return std::min(limit, at + n);
  }
  std::size_t end = at;
  while (end < limit && text[end] != '\n' && static_cast<unsigned char>(text[end]) < 0xC0) {
    if (text[end++] == ' ') break;
  }
  return std::max(end, at + 1);
}

}  // namespace

std::vector<Highlight> findEvidence(std::string_view text, const std::vector<emotion::Evidence>& evidence) {
  const std::string hay = lowered(text);
  std::vector<Highlight> all;
  for (const auto& e : evidence) {
    std::vector<Highlight> found;
    const std::string words = lowered(e.words);
    occurrences(hay, words, e.value, found);
    if (found.empty()) {
      const auto space = words.rfind(' ');
      if (space != std::string::npos) occurrences(hay, words.substr(space + 1), e.value, found);
    }
    all.insert(all.end(), found.begin(), found.end());
  }
  std::sort(all.begin(), all.end(), [](const Highlight& a, const Highlight& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Highlight> kept;
  for (const auto& h : all) {
    if (kept.empty() || h.begin >= kept.back().end) kept.push_back(h);
  }
  return kept;
}

void highlightedText(ViewContext& ctx, std::string_view text, const std::vector<Highlight>& highlights) {
  ctx.dump.text(std::string(text));
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  const float left = ImGui::GetCursorScreenPos().x;
  bool lineStarted = false;
  std::size_t next = 0;  // the next highlight
  std::size_t at = 0;
  while (at < text.size()) {
    if (text[at] == '\n') {
      if (!lineStarted) ImGui::NewLine();
      lineStarted = false;
      ++at;
      continue;
    }
    while (next < highlights.size() && highlights[next].end <= at) ++next;
    const bool inside = next < highlights.size() && highlights[next].begin <= at;
    const std::size_t limit = inside                     ? highlights[next].end
                              : next < highlights.size() ? std::min(highlights[next].begin, text.size())
                                                         : text.size();
    const std::size_t end = inside ? limit : pieceEnd(text, at, limit);
    const std::string_view piece = text.substr(at, end - at);
    const float width = ImGui::CalcTextSize(piece.data(), piece.data() + piece.size()).x;
    if (lineStarted) {
      ImGui::SameLine(0, 0);
      if (ImGui::GetCursorScreenPos().x + width > right && ImGui::GetCursorScreenPos().x > left) ImGui::NewLine();
    }
    if (inside) {
      const Rgb c = feelingColour(highlights[next].value < 0 ? -60 : 60);
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c.r, c.g, c.b, 1.0f));
      ImGui::TextUnformatted(piece.data(), piece.data() + piece.size());
      ImGui::PopStyleColor();
    } else {
      ImGui::TextUnformatted(piece.data(), piece.data() + piece.size());
    }
    lineStarted = true;
    at = end;
  }
}

}  // namespace frontline::views
