// What the agent is typing and choosing for the contact in hand, outside any panel: the
// note, the reply, the chosen disposition, the complaint form. Owned by the agent
// workspace; the Contact panel draws it and the shortcuts (views/shortcuts.cpp) act on it,
// so a key works whatever state the panels are in. UI thread only.
#pragma once

#include <cstdint>
#include <string>

#include "desk/desk_snapshot.h"

namespace frontline::views {

struct ContactDraft {
  std::string forId;  // the interaction the fields below belong to
  desk::ContactStatus lastStatus = desk::ContactStatus::Ringing;
  std::string note;               // saved while typing, one second after the last key
  std::string noteSaved;          // what was last sent to the desk
  std::int64_t noteEditedUs = 0;  // when the note last changed
  std::string reply;              // the email reply being written
  int disposition = -1;           // the wrap-up's disposition (index into the snapshot's list)
  bool focusNote = false;         // put the keyboard in the note (a call answered)
  bool focusReply = false;        // put the keyboard in the reply (an email taken)
  bool releaseKeyboard = false;   // take the keyboard out of any field (the call ended, Ctrl+Enter)
  int category = 0;
  int priority = 1;
  std::string complaintSummary;
  int expected = 3;   // satisfaction a
  int perceived = 3;  // satisfaction b
  std::string newCustomerName;
  bool transferOpen = false;   // the "Transfer to" field is shown (F7)
  bool consultNow = false;     // Ctrl+Enter in the transfer field: consult first (attended)
  bool focusTransfer = false;  // put the keyboard in it
  std::string transferTarget;  // what the agent typed there

  // A new contact in hand: everything starts afresh from what the desk recorded.
  void resetFor(const desk::ContactPop& pop) {
    *this = ContactDraft{};
    forId = pop.interactionId;
    lastStatus = pop.status;
    note = noteSaved = pop.note;
    newCustomerName = pop.callerName;
    focusNote = pop.channel == desk::Channel::Voice && pop.status == desk::ContactStatus::Connected;
    focusReply = pop.channel == desk::Channel::Email && pop.status == desk::ContactStatus::Connected;
  }
};

}  // namespace frontline::views
