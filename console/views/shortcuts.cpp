// The agent's shortcuts; see shortcuts.h.
#include "views/shortcuts.h"

#include <algorithm>

namespace frontline::views {
namespace {

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

const std::vector<Shortcut>& agentShortcuts() {
  static const std::vector<Shortcut> all{
      {"F1", "show or hide this list of keys"},
      {"F2", "answer the ringing call; with no call ringing, take the email whose reply is due first"},
      {"F3",
       "hang up the call (a call you placed and still ringing: stop calling); while you consult: end the consultation"},
      {"F4", "put the call on hold, or take it off hold"},
      {"F6", "pause the call's recording (a card payment), or resume it"},
      {"F7",
       "transfer the call: type a number, an extension or user@host, then Enter (blind) or Ctrl+Enter "
       "(consult them first); once they answered the consultation, F7 transfers the caller to them"},
      {"F8", "mute your microphone on the call (the caller hears silence), or unmute it"},
      {"Ctrl+R", "send the reply to the email in hand"},
      {"1-9", "in wrap-up: choose the disposition with that number (when no text field has the keyboard)"},
      {"Alt+1-9", "in wrap-up: choose the disposition with that number, even while typing a note"},
      {"Ctrl+Enter", "leave the text field; in wrap-up, finish it (a disposition is needed)"},
      {"Ctrl+F", "search customers by name, phone, email or order number"},
      {"Tab, arrows, Space", "move between and press any control"},
      {"Esc", "close this list"},
  };
  return all;
}

void saveNoteIfChanged(ViewContext& ctx, ContactDraft& draft) {
  if (draft.forId.empty() || draft.note == draft.noteSaved) return;
  ctx.post(desk::SaveNote{draft.forId, draft.note});
  draft.noteSaved = draft.note;
}

ShortcutEffects dispatchAgentShortcuts(ViewContext& ctx, ContactDraft& draft) {
  const auto& s = ctx.snapshot;
  const auto& k = ctx.keys;
  ShortcutEffects effects;
  effects.toggleHelp = k.help;
  effects.closeHelp = k.escape;
  effects.focusSearch = k.search;
  const desk::ContactPop* pop = s.pop ? &*s.pop : nullptr;
  const bool isDraftPop = pop && pop->interactionId == draft.forId;

  if (k.answer) {
    if (pop && pop->status == desk::ContactStatus::Ringing) {
      ctx.post(desk::AnswerCall{pop->interactionId});
      draft.focusNote = true;  // answered: the agent types the note next
    } else if (s.agent.state == desk::AgentState::Available) {
      const auto email = std::find_if(s.queue.begin(), s.queue.end(),
                                      [](const desk::QueuedContact& q) { return q.channel == desk::Channel::Email; });
      if (email != s.queue.end()) ctx.post(desk::TakeEmail{email->interactionId});
    }
  }
  const bool consulting = pop && (pop->consultState == "calling" || pop->consultState == "connected");
  if (k.hangUp && consulting) {
    ctx.post(desk::EndConsult{pop->interactionId});  // the caller stays on hold
  } else if (k.hangUp && pop && pop->channel == desk::Channel::Voice &&
             (pop->status == desk::ContactStatus::Connected || pop->status == desk::ContactStatus::Held ||
              pop->status == desk::ContactStatus::Dialling)) {
    ctx.post(desk::HangUpCall{pop->interactionId});
  }
  if (k.hold && pop && pop->channel == desk::Channel::Voice &&
      (pop->status == desk::ContactStatus::Connected || pop->status == desk::ContactStatus::Held)) {
    ctx.post(desk::HoldCall{pop->interactionId, pop->status != desk::ContactStatus::Held});
  }
  if (k.pauseRecording && pop && pop->channel == desk::Channel::Voice &&
      (pop->status == desk::ContactStatus::Connected || pop->status == desk::ContactStatus::Held) && ctx.callQuality) {
    if (const auto q = ctx.callQuality(pop->sipCall); q && q->recording) {
      ctx.post(desk::PauseRecording{pop->interactionId, !q->recordingPaused});
    }
  }
  if (k.mute && pop && pop->channel == desk::Channel::Voice &&
      (pop->status == desk::ContactStatus::Connected || pop->status == desk::ContactStatus::Held) && ctx.callQuality) {
    if (const auto q = ctx.callQuality(pop->sipCall)) ctx.post(desk::MuteCall{pop->interactionId, !q->muted});
  }
  if (k.transfer && consulting) {
    if (pop->consultState == "connected" && pop->transferState != "requested") {
      ctx.post(desk::CompleteTransfer{pop->interactionId});
    }
  } else if (k.transfer && isDraftPop && pop->channel == desk::Channel::Voice && !pop->sipCall.empty() &&
             (pop->status == desk::ContactStatus::Connected || pop->status == desk::ContactStatus::Held)) {
    draft.transferOpen = true;
    draft.focusTransfer = true;
  }
  if (k.reply) {
    draft.releaseKeyboard = true;
    if (isDraftPop && pop->channel == desk::Channel::Email && pop->status == desk::ContactStatus::Connected &&
        !blank(draft.reply)) {
      ctx.post(desk::SendReply{pop->interactionId, draft.reply});
    }
  }
  const bool wrapUp = s.agent.state == desk::AgentState::WrapUp;
  const int digit = k.altDigit ? k.altDigit : k.digit;
  if (wrapUp && digit > 0 && digit <= static_cast<int>(std::min<std::size_t>(s.dispositions.size(), 9))) {
    draft.disposition = digit - 1;
  }
  if (k.finishWrapUp && draft.transferOpen) {
    draft.consultNow = true;  // the transfer field's Ctrl+Enter: consult the target first
  } else if (k.finishWrapUp) {
    draft.releaseKeyboard = true;
    const bool chosen = draft.disposition >= 0 && draft.disposition < static_cast<int>(s.dispositions.size());
    if (wrapUp && chosen) {
      if (isDraftPop) saveNoteIfChanged(ctx, draft);  // the note first, then the wrap-up
      ctx.post(desk::FinishWrapUp{s.dispositions[static_cast<std::size_t>(draft.disposition)].code});
      draft.disposition = -1;
    }
  }
  return effects;
}

}  // namespace frontline::views
