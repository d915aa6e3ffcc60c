// Draws a CustomerView inside the current window (no Begin/End of its own).
#pragma once

#include "store/customer_view.h"
#include "views/view.h"

namespace frontline::views {

void drawCustomerCard(ViewContext& ctx, const store::CustomerView& view);

}  // namespace frontline::views
