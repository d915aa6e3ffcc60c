// The wrapping text field; see text_editor.h.
#include "views/text_editor.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace frontline::views {
namespace {

// Breaks every line wider than `*width` at its last space that lets the start fit.
int wrapLines(ImGuiInputTextCallbackData* data) {
  const float width = *static_cast<const float*>(data->UserData);
  if (width <= 0.0f) return 0;
  char* buf = data->Buf;
  int lineStart = 0;
  int lastSpace = -1;
  for (int i = 0; i <= data->BufTextLen; ++i) {
    if (i == data->BufTextLen || buf[i] == '\n') {
      lineStart = i + 1;
      lastSpace = -1;
      continue;
    }
    if (buf[i] == ' ') lastSpace = i;
    if (lastSpace > lineStart && ImGui::CalcTextSize(buf + lineStart, buf + i + 1).x > width) {
      buf[lastSpace] = '\n';
      data->BufDirty = true;
      lineStart = lastSpace + 1;
      lastSpace = -1;
    }
  }
  return 0;
}

}  // namespace

bool wrappedTextEditor(const char* id, std::string& text, float height) {
  const ImGuiStyle& style = ImGui::GetStyle();
  // The room for text: the field minus its padding and a vertical scrollbar.
  float room = ImGui::GetContentRegionAvail().x - 2 * style.FramePadding.x - style.ScrollbarSize - 4.0f;
  return ImGui::InputTextMultiline(id, &text, ImVec2(-1, height), ImGuiInputTextFlags_CallbackEdit, wrapLines, &room);
}

}  // namespace frontline::views
