// "Replay": a past contact as the agent lived it (DESIGN.md "Replay"). The desk at the
// playhead is folded from the contact's events (replay::ReplayTimeline) and drawn by the
// agent's own Contact and Customer views in read-only mode; above them the controls (play,
// pause, 0.5x-8x, previous and next event) and the timeline (bands for ringing, talk, hold
// and wrap-up, a mark per event and per annotation; click or drag to scrub); beside them
// the annotations, each jumping to its moment, and the form to pin a new one.
//
// Keys while no text field has the keyboard: Space plays or pauses, "," and "." step to the
// previous and next event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "views/contact_draft.h"
#include "views/contact_view.h"
#include "views/customer_panel.h"
#include "views/view.h"

namespace frontline::views {

class ReplayView : public View {
 public:
  // In the trainer's workspace a region; elsewhere (a supervisor's drill-down) a window
  // that opens with the first contact replayed.
  ReplayView() : View("Replay") { visible() = false; }
  // Where the playhead is (microseconds since the epoch; 0 before a contact is open).
  std::int64_t playheadUs() const { return m_t; }
  void seek(std::int64_t t) {
    m_t = t;
    m_playing = false;
  }

 protected:
  void drawContent(ViewContext& ctx) override;
  void placeFirstTime() const override;

 private:
  void follow(ViewContext& ctx, const replay::ReplayTimeline& timeline);
  void drawHeader(ViewContext& ctx, const replay::TrainerSnapshot& s, const replay::ReplayTimeline& timeline);
  void drawControls(ViewContext& ctx, const replay::ReplayTimeline& timeline);
  void drawBar(ViewContext& ctx, const replay::TrainerSnapshot& s, const replay::ReplayTimeline& timeline);
  // The call's recording under the timeline: both channels' levels, silences, talk-over.
  void drawRecordingLane(ViewContext& ctx, const replay::TrainerSnapshot& s, const replay::ReplayTimeline& timeline);
  void drawAnnotations(ViewContext& ctx, const replay::TrainerSnapshot& s, float width, float height);
  void drawFeeling(ViewContext& ctx, const store::ContactEmotion& emotion, const replay::ReplayCase& c);

  ContactDraft m_draft;
  ContactView m_contact{m_draft};
  CustomerPanel m_customer;
  const replay::ReplayTimeline* m_shown = nullptr;  // the timeline the playhead belongs to
  std::int64_t m_t = 0;
  bool m_playing = false;
  int m_speed = 1;  // index into kSpeeds
  std::int64_t m_lastWallUs = 0;
  std::size_t m_applied = SIZE_MAX;  // events folded into m_frame
  std::optional<desk::DeskSnapshot> m_frame;
  int m_category = 1;  // coaching point
  std::string m_annotation;
  int m_feeling = 0;  // the trainer's correction, -100..+100
  std::string m_feelingNote;
};

}  // namespace frontline::views
