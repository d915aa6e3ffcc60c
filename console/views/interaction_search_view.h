// "Search": the trainer finds past contacts by date range, agent, customer (name, phone or
// email), channel, queue, disposition, outcome, a complaint opened, an SLA missed, handle
// time and satisfaction; a page of 50 at a time, in the chosen order. Customers show by
// number and addresses masked (the replay masks the rest). Replay opens one.
#pragma once

#include <string>

#include "views/view.h"

namespace frontline::views {

class InteractionSearchView : public View {
 public:
  InteractionSearchView() : View("Search") {}
  // Set by the workspace: what a Replay button does (open it and show the replay).
  std::function<void(const std::string& interactionId)> onOpen;

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  void drawFilters(ViewContext& ctx, const replay::TrainerSnapshot& s);
  void drawResults(ViewContext& ctx, const replay::TrainerSnapshot& s);
  void submit(ViewContext& ctx, int page);

  bool m_initialised = false;
  std::string m_from, m_to;  // YYYY-MM-DD
  int m_agent = -1, m_channel = 0, m_queue = -1, m_disposition = -1, m_outcome = 0, m_satisfaction = 0, m_sort = 0;
  std::string m_customer;
  bool m_complaint = false, m_slaMissed = false;
  int m_minHandleMin = 0, m_maxHandleMin = 0;
  std::string m_error;                                          // a filter the trainer typed that cannot be read
  std::vector<std::string> m_agents, m_queues, m_dispositions;  // the choices the request was built from
};

}  // namespace frontline::views
