// "Queues": per queue and channel, waiting now and the longest wait (ticking), today's
// offered / answered / abandoned (short ones apart) / missed, service level against its
// target, ASA, AHT, abandonment rate and FCR (METRICS.md "Contacts and queues"), and
// Erlang C's service level for the next contact and how today's customers felt; under it,
// today's 15-minute intervals of the selected queue (offered bars, service-level line,
// target line) and its customers' feeling over 30 days beside all queues' (README "Emotion
// index"). A row opens the queue's contacts in the details region.
#pragma once

#include <vector>

#include "views/floor_text.h"
#include "views/view.h"

namespace frontline::views {

class QueuesView : public View {
 public:
  explicit QueuesView(FloorSelection& selection) : View("Queues"), m_selection(selection) {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  void drawFeelingTrend(ViewContext& ctx, const floor::FloorQueue& q, const std::vector<floor::FeelingDay>& all,
                        float width, float height);
  FloorSelection& m_selection;
};

}  // namespace frontline::views
