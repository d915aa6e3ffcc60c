// "Contact": the contact in front of the agent, drawn in the frame after it arrives. A
// ringing call pops here by itself; an email comes here when the agent takes it from the
// queue. Left: the contact (state and clocks, actions, the email conversation and the
// reply, notes, complaint and satisfaction, an unknown caller's new customer); right:
// the customer card.
//
// Keys: F2 answer (or take the next email), F3 hang up, F4 hold / resume, Ctrl+R send the
// reply, 1-9 a disposition in wrap-up, Ctrl+Enter finish the wrap-up. Every action has a
// button too.
#pragma once

#include <array>
#include <string>

#include "views/customer_card.h"
#include "views/view.h"

namespace frontline::views {

class ContactView : public View {
 public:
  ContactView() : View("Contact") {}

 protected:
  void drawContent(ViewContext& ctx) override;
  void placeFirstTime() const override;

 private:
  void resetFor(const desk::ContactPop& pop);
  void drawHeader(ViewContext& ctx, const desk::ContactPop& pop, const std::string& who);
  void drawCallActions(ViewContext& ctx, const desk::ContactPop& pop);
  void drawEmail(ViewContext& ctx, const desk::ContactPop& pop);
  void drawWrapUp(ViewContext& ctx, const desk::ContactPop& pop);
  void drawNotes(ViewContext& ctx, const desk::ContactPop& pop);
  void drawComplaintForm(ViewContext& ctx);
  void drawSatisfaction(ViewContext& ctx, const desk::ContactPop& pop);
  void drawUnknown(ViewContext& ctx, const desk::ContactPop& pop);

  CustomerCard m_card;
  std::string m_for;       // interaction the UI state below belongs to
  int m_disposition = -1;  // the disposition chosen for the wrap-up
  // The note being typed: saved while typing, one second after the last key.
  std::array<char, 8192> m_note{};
  std::string m_noteSaved;          // what was last sent to the desk
  std::int64_t m_noteEditedUs = 0;  // when the text last changed
  bool m_focusNote = false;         // put the keyboard in the note on answer
  std::array<char, 16384> m_reply{};
  bool m_focusReply = false;
  int m_category = 0;
  int m_priority = 1;
  std::array<char, 256> m_complaintSummary{};
  int m_expected = 3;
  int m_perceived = 3;
  std::array<char, 128> m_newCustomerName{};
};

}  // namespace frontline::views
