#include "views/store_overview_view.h"

#include <imgui.h>

#include "desk/format.h"

namespace frontline::views {

void StoreOverviewView::placeFirstTime() const {
  // In the middle of the window, whatever its size (at a fixed 10,650 it sat under the
  // status line at 1280x720, nearly out of sight).
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
      ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(440, 330), ImGuiCond_FirstUseEver);  // every count without scrolling
}

void StoreOverviewView::drawContent(ViewContext& ctx) {
  const auto& s = ctx.snapshot;
  if (!s.storeReady) {
    if (s.lastError.empty()) {
      text(ctx, "Opening store " + s.storePath + " ...");
    } else {
      textColored(ctx, 1.0f, 0.4f, 0.4f, "Store not available: " + s.lastError);
    }
    return;
  }
  if (!s.summary) {
    // Counted on a thread of its own (seconds on a large store); contacts do not wait.
    text(ctx, "Store open; counting its contents ...");
    return;
  }
  const auto& sum = *s.summary;
  text(ctx, "Store loaded");
  field(ctx, "Path", sum.path);
  field(ctx, "Schema version", std::to_string(sum.schemaVersion));
  ImGui::Separator();
  if (ImGui::BeginTable("counts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    auto row = [&](const char* label, std::int64_t value) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(label);
      ImGui::TableSetColumnIndex(1);
      const std::string v = desk::formatCount(value);
      ImGui::TextUnformatted(v.c_str());
      ctx.dump.text(std::string(label) + ": " + v);
    };
    row("Customers", sum.customers);
    row("Addresses", sum.addresses);
    row("Orders", sum.orders);
    row("Interactions", sum.interactions);
    row("Events", sum.events);
    row("Open complaints", sum.openComplaints);
    row("Past resolution due", sum.breachedComplaints);
    row("Agents", sum.agents);
    ImGui::EndTable();
  }
  ImGui::Separator();
  field(ctx, "Revenue from the top 20 % of customers", desk::formatPercent(sum.topFifthRevenueShare));
  if (ImGui::Button("Refresh")) ctx.post(desk::RefreshSummary{});
}

}  // namespace frontline::views
