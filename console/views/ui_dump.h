// A machine-readable record of what the console drew: for every window, the text lines
// in drawing order. Written as JSON to a file (atomically, by rename) whenever a frame's
// content differs from the last one written, so tests and tools can assert on the screen.
//
// Thread: UI thread only.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace frontline::views {

class UiDump {
 public:
  explicit UiDump(std::string path = {});  // empty path: recording is off
  bool enabled() const { return !m_path.empty(); }

  void beginFrame();
  // `x, y, width, height`: where the window is (its layout persists between runs).
  void beginWindow(std::string_view title, int x = 0, int y = 0, int width = 0, int height = 0);
  void text(std::string_view line);
  // A button drawn in the current window and where it is, so that a test can press it by
  // its label (tests/gui/lib.sh click_button).
  void button(std::string_view label, int x, int y, int width, int height);
  // The text field drawn last has the keyboard: `field` names it ("transfer"), so that a
  // test types only once the field it means has it, not another one (the note).
  void typingIn(std::string_view field);
  // Writes the file when the content changed. `typing`: a text field has the keyboard (a
  // test types into a field only once it has: on a slow frame the first keys would be lost).
  void endFrame(bool typing = false);

 private:
  struct Window {
    std::string title;
    std::vector<std::string> lines;
    std::vector<std::pair<std::string, std::array<int, 4>>> buttons;
    int x = 0, y = 0, width = 0, height = 0;
  };
  std::string m_path;
  std::uint64_t m_frame = 0;
  std::vector<Window> m_windows;
  std::string m_lastWritten;
  std::string m_typingIn;  // this frame's, reset by endFrame
};

}  // namespace frontline::views
