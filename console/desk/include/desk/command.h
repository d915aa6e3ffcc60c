// What the UI (or a headless caller) asks the desk to do. Posted to the desk thread,
// never executed on the caller's thread.
#pragma once

#include <string>
#include <variant>

#include "desk/agent_state.h"
#include "telephony/contact_event.h"

namespace frontline::desk {

struct RefreshSummary {};
struct LookUpCustomer {
  std::string text;  // a phone number in any format, or an email address
};

// A contact from the listeners; `done` is called once it is durably recorded (or not).
struct RecordContact {
  telephony::ContactEvent contact;
  telephony::DeliveryCallback done;
};

// The agent's actions on a call (by interaction id): recorded, then carried out by the
// listeners (SIP 200 / 486 / BYE).
struct AnswerCall {
  std::string interactionId;
};
struct DeclineCall {
  std::string interactionId;
};
struct HangUpCall {
  std::string interactionId;
};

// The agent's note on a contact, the whole text so far (sent while typing; the latest wins).
struct SaveNote {
  std::string interactionId;
  std::string text;
};
// The agent changes state (available, not ready with a reason, logged out).
struct SetAgentState {
  AgentState state = AgentState::Available;
  std::string reason;
};
// After-contact work is done: the disposition code is required.
struct FinishWrapUp {
  std::string disposition;
};

using Command = std::variant<RefreshSummary, LookUpCustomer, RecordContact, AnswerCall, DeclineCall, HangUpCall,
                             SetAgentState, FinishWrapUp, SaveNote>;

}  // namespace frontline::desk
