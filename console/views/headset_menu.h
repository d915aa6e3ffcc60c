// The Headset menu of the agent's menu bar: which speaker and microphone the calls use,
// chosen from what the sound server has (a USB headset plugged in, the laptop's own), with
// the device in use and any failure to open one shown in the menu itself. A call in
// progress moves to the new headset at once. The choice is remembered in the layout file
// (Headset= under [Frontline][AgentWorkspace]) and made again when the console starts;
// audio.device stays what the console starts with until then.
#pragma once

#include <string>

#include "views/view.h"

namespace frontline::views {

class HeadsetMenu {
 public:
  // Inside the menu bar (between BeginMenuBar and EndMenuBar).
  void draw(ViewContext& ctx);
  // The choice the layout file keeps ("" when the agent has made none).
  std::string& remembered() { return m_remembered; }

 private:
  void drawItems(ViewContext& ctx, const telephony::HeadsetState& state);
  bool item(ViewContext& ctx, const std::string& label, bool selected);

  std::string m_remembered;
  bool m_restored = false;  // the remembered choice was asked for at start
  bool m_wasOpen = false;
};

}  // namespace frontline::views
