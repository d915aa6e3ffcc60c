#include "views/view_registry.h"

#include "views/agent_bar_view.h"
#include "views/contact_view.h"
#include "views/customer_lookup_view.h"
#include "views/queue_view.h"
#include "views/status_line_view.h"
#include "views/store_overview_view.h"

namespace frontline::views {

std::vector<std::unique_ptr<View>> createViews() {
  std::vector<std::unique_ptr<View>> views;
  views.push_back(std::make_unique<AgentBarView>());
  views.push_back(std::make_unique<QueueView>());
  views.push_back(std::make_unique<ContactView>());
  views.push_back(std::make_unique<StoreOverviewView>());
  views.push_back(std::make_unique<CustomerLookupView>());
  views.push_back(std::make_unique<StatusLineView>());
  return views;
}

}  // namespace frontline::views
