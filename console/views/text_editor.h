// A multi-line text field of any length (std::string, imgui_stdlib) that wraps as the agent
// types: a line wider than the field breaks at its last space, which becomes a newline
// (the text keeps its length, so the cursor stays where it was). Used for notes and replies.
#pragma once

#include <string>

namespace frontline::views {

// Returns true when the text changed this frame.
bool wrappedTextEditor(const char* id, std::string& text, float height);

}  // namespace frontline::views
