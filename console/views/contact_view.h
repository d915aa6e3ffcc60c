// "Contact": the contact in front of the agent, drawn in the frame after it arrives. A
// ringing call pops here by itself; an email comes here when the agent takes it from the
// queue. The contact's state and clocks, its actions (every key has a button), the email
// conversation and the reply, a call's transcript, how the customer felt, notes, the wrap-up, complaint and
// satisfaction, and an unknown caller's new customer. The customer is beside it (CustomerPanel).
//
// What the agent types lives in the workspace's ContactDraft; the keys act on it in
// views/shortcuts.cpp, not here.
#pragma once

#include "views/contact_draft.h"
#include "views/view.h"

namespace frontline::views {

class ContactView : public View {
 public:
  explicit ContactView(ContactDraft& draft) : View("Contact"), m_draft(draft) {}

 protected:
  void drawContent(ViewContext& ctx) override;

 private:
  // Everything below the draft's bookkeeping: the live pop and a replay draw the same.
  void drawBody(ViewContext& ctx, const desk::ContactPop& pop);
  void drawHeader(ViewContext& ctx, const desk::ContactPop& pop, const std::string& who);
  void drawCallActions(ViewContext& ctx, const desk::ContactPop& pop);
  void drawLevels(ViewContext& ctx, const telephony::media::CallQuality& q);
  void drawCallQuality(ViewContext& ctx, const telephony::media::CallQuality& quality);
  void drawTransfer(ViewContext& ctx, const desk::ContactPop& pop);
  void drawConsult(ViewContext& ctx, const desk::ContactPop& pop);
  void drawKeypad(ViewContext& ctx, const desk::ContactPop& pop);
  void drawEmail(ViewContext& ctx, const desk::ContactPop& pop);
  // How the customer felt in this contact (their emails, or the call's transcript and voice).
  void drawFeeling(ViewContext& ctx, const desk::ContactPop& pop);
  // A call's transcript as the PBX posts it, the customer's words coloured as scored.
  void drawTranscript(ViewContext& ctx, const desk::ContactPop& pop);
  void drawWrapUp(ViewContext& ctx, const desk::ContactPop& pop);
  void drawNotes(ViewContext& ctx, const desk::ContactPop& pop);
  void drawComplaintForm(ViewContext& ctx);
  void drawSatisfaction(ViewContext& ctx, const desk::ContactPop& pop);
  void drawUnknown(ViewContext& ctx, const desk::ContactPop& pop);
  // Puts the keyboard where the draft asks, in this frame.
  void placeKeyboard(ViewContext& ctx, bool& flag);

  ContactDraft& m_draft;
  std::size_t m_transcriptShown = 0;  // lines drawn last frame: a new one scrolls to the end
};

}  // namespace frontline::views
