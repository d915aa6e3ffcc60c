// The page a role sees while its workspace is not built: says so plainly, with the status
// line (store, sync, listeners) so the console's health is still visible.
#pragma once

#include <string>

#include "views/status_line_view.h"
#include "views/store_overview_view.h"
#include "views/workspace.h"

namespace frontline::views {

class PlaceholderWorkspace : public Workspace {
 public:
  PlaceholderWorkspace(std::string role, std::string explanation)
      : m_role(std::move(role)), m_explanation(std::move(explanation)) {}
  void draw(ViewContext& ctx) override;

 private:
  std::string m_role;
  std::string m_explanation;
  StoreOverviewView m_overview;
  StatusLineView m_status;
};

}  // namespace frontline::views
