// The agent's workspace, filling the window at any size (1280x720 to 4K, HiDPI):
//
//   menu bar (View, Headset, Help)
//   [banner: why calls cannot reach this console, when they cannot]
//   agent bar: state, Available / Not ready
//   queue            | contact in hand          | customer card
//   ---- splitter    |                          |
//   missed calls     |                          |
//   ---- splitter    |                          |
//   customer search  |                          |
//   status line: store, sync, listeners
//
// Every region is fixed (splitters move, nothing closes); the store overview is an
// optional developer panel from the View menu. Keys are dispatched before any panel is
// drawn (views/shortcuts.cpp); F1 lists them. The splits persist in the layout file.
#pragma once

#include "views/agent_bar_view.h"
#include "views/contact_draft.h"
#include "views/contact_view.h"
#include "views/customer_lookup_view.h"
#include "views/customer_panel.h"
#include "views/headset_menu.h"
#include "views/missed_view.h"
#include "views/my_evaluations_view.h"
#include "views/queue_view.h"
#include "views/status_line_view.h"
#include "views/store_overview_view.h"
#include "views/workspace.h"

namespace frontline::views {

class AgentWorkspace : public Workspace {
 public:
  AgentWorkspace();
  void draw(ViewContext& ctx) override;

  // Where the splitters are, as fractions of the space they divide (persisted).
  struct Splits {
    float left = 0.26f;     // the left column's share of the width
    float contact = 0.45f;  // the contact's share of what is right of the left column
    float queue = 0.42f;    // the queue's share of the left column's height
    float missed = 0.24f;   // the missed calls' share of the left column's height
  };
  Splits& splits() { return m_splits; }
  // What the layout file keeps of this workspace: the splits and the headset chosen.
  struct Remembered {
    Splits* splits;
    HeadsetMenu* headset;
  };

 private:
  void drawMenu(ViewContext& ctx);
  void drawBanner(ViewContext& ctx, float width);
  void drawHelp(ViewContext& ctx, bool toggle, bool close);

  ContactDraft m_draft;
  AgentBarView m_agentBar;
  QueueView m_queue;
  MissedView m_missed;
  CustomerLookupView m_search;
  ContactView m_contact{m_draft};
  CustomerPanel m_customer;
  StatusLineView m_status;
  StoreOverviewView m_overview;     // optional: a developer's panel
  MyEvaluationsView m_evaluations;  // optional: trainers' evaluations of this agent
  HeadsetMenu m_headset;
  Splits m_splits;
  Remembered m_remembered{&m_splits, &m_headset};
  bool m_helpOpen = false;
};

}  // namespace frontline::views
