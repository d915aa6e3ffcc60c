// The trainer's workspace, filling the window:
//
//   menu bar (View)
//   tabs: Search (Ctrl+1) | Replay (Ctrl+2) | Evaluate (Ctrl+3) | Calibration (Ctrl+4)
//   status line: store, sync
//
// Search finds past contacts; Replay plays one as the agent saw it (masked unless the
// trainer may unmask and asks), with its annotations; Evaluate scores it on a form, with
// comments pinned to the replay's playhead; Calibration compares trainers' scores. Every
// contact id in a replayed customer's history opens its own replay.
#pragma once

#include "views/evaluation_view.h"
#include "views/interaction_search_view.h"
#include "views/replay_view.h"
#include "views/status_line_view.h"
#include "views/workspace.h"

namespace frontline::views {

class TrainerWorkspace : public Workspace {
 public:
  TrainerWorkspace();
  void draw(ViewContext& ctx) override;

 private:
  InteractionSearchView m_search;
  ReplayView m_replay;
  EvaluationView m_evaluate{[this] { return m_replay.playheadUs(); }};
  CalibrationView m_calibration;
  StatusLineView m_status;
  int m_show = 0;                        // a tab to bring forward in the next frame (1-based; 0: none)
  const void* m_lastTimeline = nullptr;  // the replay last shown (a new one comes forward)
};

}  // namespace frontline::views
