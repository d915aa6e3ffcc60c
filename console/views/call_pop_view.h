// "Call": the screen pop for the current call, drawn in the frame after the INVITE
// arrives: who is calling (their customer card, or "unknown caller"), how long it has
// rung or lasted, and the keyboard-first actions: F2 answer, Decline, F3 hang up, then
// the wrap-up with its disposition and Ctrl+Enter.
#pragma once

#include <array>
#include <string>

#include "views/view.h"

namespace frontline::views {

class CallPopView : public View {
 public:
  CallPopView() : View("Call") {}

 protected:
  void drawContent(ViewContext& ctx) override;
  void placeFirstTime() const override;

 private:
  void drawNotes(ViewContext& ctx, const desk::CallPop& pop);

  int m_disposition = -1;  // UI state: the disposition chosen for the wrap-up
  // UI state for the note being typed: saved while typing, one second after the last key.
  std::string m_noteFor;            // interaction the buffer belongs to
  std::array<char, 8192> m_note{};  // the text being typed
  std::string m_noteSaved;          // what was last sent to the desk
  std::int64_t m_noteEditedUs = 0;  // when the text last changed
  bool m_focusNote = false;         // put the keyboard in the note on answer
};

}  // namespace frontline::views
