// The base of every console window: owns the Begin/End pairing, records the window in
// the UI dump, and offers text helpers that draw and record in one call. A view holds
// only UI state (filters, selection, input text); domain state comes from the snapshot.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "desk/command.h"
#include "desk/desk_snapshot.h"
#include "floor/floor_snapshot.h"
#include "replay/recording_player.h"
#include "replay/trainer_snapshot.h"
#include "telephony/headset_switcher.h"
#include "telephony/media/media_engine.h"
#include "views/ui_dump.h"

namespace frontline::views {

// The agent's keyboard shortcuts this frame, translated from the platform's keys by the
// app (views never see GLFW) and carried out in one place (views/shortcuts.cpp), whatever
// the panels' state. The table of keys shown by F1 is there too.
struct AgentKeys {
  bool help = false;    // F1
  bool escape = false;  // Esc: closes the key help
  bool answer = false;
  bool hangUp = false;
  bool hold = false;
  bool pauseRecording = false;  // F6
  bool mute = false;            // F8
  bool transfer = false;        // F7
  bool reply = false;
  bool finishWrapUp = false;
  bool search = false;
  int digit = 0;      // 1..9 pressed without a modifier while no text field has the keyboard, else 0
  int altDigit = 0;   // Alt+1..9, whatever has the keyboard
  int ctrlDigit = 0;  // Ctrl+1..9, whatever has the keyboard (the supervisor's and trainer's panels)
  // A replay's keys, while no text field has the keyboard: Space, ",", ".".
  bool play = false;
  bool previousEvent = false;
  bool nextEvent = false;
};

// A trainer's (or supervisor's) replay worker: its snapshot and the requests it takes.
struct ReplayLink {
  const replay::TrainerSnapshot* snapshot = nullptr;  // null: this console has no replay
  std::function<void(const replay::SearchRequest&)> search{};
  std::function<void(const std::string& interactionId, bool unmasked)> open{};
  replay::RecordingPlayer* player = nullptr;  // where the recording is heard (null: nowhere)
  std::string playerError;                    // why audio.device could not be opened
};

// The agent's headset: what the Headset menu shows and the choices it makes.
struct HeadsetLink {
  const telephony::HeadsetState* state = nullptr;  // null: this console carries no call audio
  std::function<void()> refresh{};                 // list the speakers and microphones again
  std::function<void(const std::string& spec)> choose{};
};

struct ViewContext {
  const desk::DeskSnapshot& snapshot;
  std::function<void(const desk::Command&)> post;  // to the desk thread
  UiDump& dump;
  std::int64_t nowUs;
  const std::vector<std::string>& listeners;  // "SMTP 127.0.0.1:2525", as bound
  AgentKeys keys;
  std::string syncLine = "Sync: off";           // the sync thread's state, for the status line
  const floor::FloorSnapshot* floor = nullptr;  // a supervisor's figures (the analytics worker's), else null
  ReplayLink replay{};                          // a trainer's or supervisor's replays
  // A replay draws the live views with this set: no control acts (nothing is posted) and
  // the contact's actions are greyed out.
  bool readOnly = false;
  // Set where an interaction id may open its replay (the customer's history shows a button).
  std::function<void(const std::string& interactionId)> openReplay{};
  // How a live call sounds (its SIP key: ContactPop::sipCall); unset or nullopt: no media.
  std::function<std::optional<telephony::media::CallQuality>(const std::string& sipCall)> callQuality{};
  // Set where this console has SIP listeners: why it cannot place calls ("" when it can).
  // The customer card's and the callbacks' Call buttons show only where it is set.
  std::function<std::string()> dialError{};
  HeadsetLink headset{};
  // When the next frame is needed without any input (a clock on screen changes); views
  // that show one lower it. The loop sleeps until then, or until an event wakes it.
  std::int64_t nextTickUs = INT64_MAX;
  void tickAt(std::int64_t us) { nextTickUs = std::min(nextTickUs, us); }
  void tickEverySecond() { tickAt(nowUs - nowUs % 1'000'000 + 1'000'000); }
};

class View {
 public:
  explicit View(std::string title) : m_title(std::move(title)) {}
  virtual ~View() = default;
  View(const View&) = delete;
  View& operator=(const View&) = delete;

  // Draws the panel as a floating window (Begin, drawContent, End) when visible: the
  // optional panels of the View menu, which the user may close and reopen.
  void draw(ViewContext& ctx);
  // Draws the panel as a fixed region of a workspace at the cursor: a bordered child of
  // `size` with the title on its first line. Regions cannot be closed or collapsed.
  void drawRegion(ViewContext& ctx, float width, float height);
  const std::string& title() const { return m_title; }
  bool& visible() { return m_visible; }

  // Draw a line of text and record it in the dump (also for drawing helpers such as the
  // customer card).
  static void text(ViewContext& ctx, std::string_view line);
  static void textWrapped(ViewContext& ctx, std::string_view line);
  static void textColored(ViewContext& ctx, float r, float g, float b, std::string_view line);
  // "label: value" on one line.
  static void field(ViewContext& ctx, std::string_view label, std::string_view value);
  // Text that may not fit the space left on its line (a table cell, a queue row): drawn
  // clipped, with the whole text in a tooltip when the pointer is over a cut one.
  static void textFitted(ViewContext& ctx, std::string_view line);
  // ImGui::Button / SmallButton, recorded in the dump with where it is drawn.
  static bool button(ViewContext& ctx, const char* label);
  static bool smallButton(ViewContext& ctx, const char* label);
  // Puts the next item (`width` pixels wide) beside the last one when the window has room
  // for it, else on the next line: a row of buttons wraps instead of being cut.
  static void sameLineIfFits(float width);
  static float buttonWidth(const char* label);
  // A tooltip on the last item.
  static void tooltip(std::string_view text);
  // A drop-down over `labels`, `width` pixels wide; `index` is the choice (-1: none yet,
  // shown as `placeholder`). Returns true when the user picked one this frame.
  static bool choose(const char* id, const std::vector<std::string>& labels, int& index, float width,
                     const char* placeholder = "");
  static std::vector<std::string> labelsOf(const std::vector<desk::Code>& codes);
  // The label of a code ("complaint_logged" -> "Complaint logged"), else the code itself.
  static std::string labelOf(const std::vector<desk::Code>& codes, const std::string& code);

 protected:
  virtual void drawContent(ViewContext& ctx) = 0;
  virtual int windowFlags() const { return 0; }
  // Whether a region draws its title on its first line (bars do not).
  virtual bool titled() const { return true; }
  // Where the window first appears (before the user moves it; layout then persists).
  virtual void placeFirstTime() const {}

 private:
  std::string m_title;
  bool m_visible = true;
};

}  // namespace frontline::views
