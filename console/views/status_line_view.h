// The status line along the bottom: store, sync state and the last error.
#pragma once

#include "views/view.h"

namespace frontline::views {

class StatusLineView : public View {
 public:
  StatusLineView() : View("Status") {}
  // The height the workspaces give it: three lines, and one more for each outbox line.
  static float height(const desk::DeskSnapshot& snapshot);

 protected:
  void drawContent(ViewContext& ctx) override;
  bool titled() const override { return false; }
  int windowFlags() const override;
};

}  // namespace frontline::views
