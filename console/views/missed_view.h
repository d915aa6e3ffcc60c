// "Missed calls and callbacks": the calls of the last 24 hours that reached nobody (the
// caller hung up while it rang, nobody answered, or it was turned away because the agent
// was busy or not ready), one row per caller with the number of tries and the customer
// when known; a press on one finds the caller and opens the form that schedules a
// callback (date, time, note; for this agent or anyone). Below, the open callbacks, each
// with Called / Not reached / Cancel. A callback that comes due blinks in the queue.
#pragma once

#include <string>

#include "views/view.h"

namespace frontline::views {

class MissedView : public View {
 public:
  MissedView() : View("Missed calls and callbacks") {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  void drawMissed(ViewContext& ctx);
  void drawScheduleForm(ViewContext& ctx);
  void drawCallbacks(ViewContext& ctx);

  // UI state: the missed call being scheduled, and the form's fields.
  std::string m_selected;
  std::string m_selectedWho;
  std::string m_date;  // YYYY-MM-DD, in the agent's time zone
  std::string m_time;  // HH:MM
  std::string m_note;
  bool m_forAnyone = false;
  std::string m_formError;
};

}  // namespace frontline::views
