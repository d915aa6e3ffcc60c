// The status line along the bottom: store, sync state and the last error.
#pragma once

#include "views/view.h"

namespace frontline::views {

class StatusLineView : public View {
 public:
  StatusLineView() : View("Status") {}

 protected:
  void drawContent(ViewContext& ctx) override;
  bool titled() const override { return false; }
  int windowFlags() const override;
};

}  // namespace frontline::views
