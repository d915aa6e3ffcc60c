// The agent's keyboard shortcuts: one table (shown by F1 and in the README) and one
// dispatcher that carries them out every frame, before any panel is drawn, so that no
// panel's state (scrolled, hidden, a field focused) can disable a key.
#pragma once

#include <string>
#include <vector>

#include "views/contact_draft.h"
#include "views/view.h"

namespace frontline::views {

struct Shortcut {
  const char* keys;  // "F2", "Ctrl+Enter", "1-9 / Alt+1-9"
  const char* what;  // what it does, in the agent's words
};

// Every key of the agent workspace, in the order F1 lists them.
const std::vector<Shortcut>& agentShortcuts();

// What the keys ask of the panels this frame (the search field takes the keyboard).
struct ShortcutEffects {
  bool focusSearch = false;
  bool toggleHelp = false;
  bool closeHelp = false;
};

// Carries out this frame's keys on the snapshot and the draft: commands to the desk, the
// chosen disposition, where the keyboard goes.
ShortcutEffects dispatchAgentShortcuts(ViewContext& ctx, ContactDraft& draft);

// The draft's note, sent to the desk if it changed (before a wrap-up finishes).
void saveNoteIfChanged(ViewContext& ctx, ContactDraft& draft);

}  // namespace frontline::views
