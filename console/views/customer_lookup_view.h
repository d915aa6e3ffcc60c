// "Customer lookup": type a phone number (any format) or an email address and see the
// customer behind it, the same CustomerView that the screen pop uses.
#pragma once

#include <array>

#include "views/view.h"

namespace frontline::views {

class CustomerLookupView : public View {
 public:
  CustomerLookupView() : View("Customer lookup") {}

 protected:
  void drawContent(ViewContext& ctx) override;
  void placeFirstTime() const override;

 private:
  std::array<char, 256> m_query{};  // UI state: the text being typed
};

}  // namespace frontline::views
