// "Queues": per queue and channel, waiting now and the longest wait (ticking), today's
// offered / answered / abandoned (short ones apart) / missed, service level against its
// target, ASA, AHT, abandonment rate and FCR (METRICS.md "Contacts and queues"), and
// Erlang C's service level for the next contact; under it, today's 15-minute intervals of
// the selected queue (offered bars, service-level line, target line). A row opens the
// queue's contacts in the details region.
#pragma once

#include "views/floor_text.h"
#include "views/view.h"

namespace frontline::views {

class QueuesView : public View {
 public:
  explicit QueuesView(FloorSelection& selection) : View("Queues"), m_selection(selection) {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  FloorSelection& m_selection;
};

}  // namespace frontline::views
