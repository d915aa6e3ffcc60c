// The agent's workspace; see agent_workspace.h.
#include "views/agent_workspace.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImGuiSettingsHandler: the splits persist in the layout file

#include <algorithm>
#include <cstdio>

#include "views/shortcuts.h"

namespace frontline::views {
namespace {

// The layout file keeps the splits and the headset under [Frontline][AgentWorkspace]. ImGui
// calls these on the UI thread while loading and saving its ini file.
void* openSettings(ImGuiContext*, ImGuiSettingsHandler* handler, const char* name) {
  return std::string_view(name) == "AgentWorkspace" ? handler->UserData : nullptr;
}

void readSettingsLine(ImGuiContext*, ImGuiSettingsHandler*, void* entry, const char* line) {
  auto& remembered = *static_cast<AgentWorkspace::Remembered*>(entry);
  auto& s = *remembered.splits;
  if (const std::string_view l(line); l.rfind("Headset=", 0) == 0) {
    remembered.headset->remembered() = std::string(l.substr(8));
    return;
  }
  float a = 0, b = 0, c = 0, d = 0;
  if (std::sscanf(line, "Splits=%f,%f,%f,%f", &a, &b, &c, &d) == 4) {
    // Anything out of range (a hand-edited file) falls back to a usable split.
    s.left = std::clamp(a, 0.1f, 0.6f);
    s.contact = std::clamp(b, 0.2f, 0.8f);
    s.queue = std::clamp(c, 0.1f, 0.8f);
    s.missed = std::clamp(d, 0.05f, 0.6f);
  }
}

void writeSettings(ImGuiContext*, ImGuiSettingsHandler* handler, ImGuiTextBuffer* out) {
  const auto& remembered = *static_cast<const AgentWorkspace::Remembered*>(handler->UserData);
  const auto& s = *remembered.splits;
  out->appendf("[%s][AgentWorkspace]\nSplits=%.4f,%.4f,%.4f,%.4f\n", handler->TypeName, s.left, s.contact, s.queue,
               s.missed);
  if (const std::string& headset = remembered.headset->remembered(); !headset.empty()) {
    out->appendf("Headset=%s\n", headset.c_str());
  }
  out->append("\n");
}

}  // namespace

AgentWorkspace::AgentWorkspace() {
  m_overview.visible() = false;  // a developer's panel: the View menu shows it
  ImGuiSettingsHandler handler;
  handler.TypeName = "Frontline";
  handler.TypeHash = ImHashStr("Frontline");
  handler.ReadOpenFn = openSettings;
  handler.ReadLineFn = readSettingsLine;
  handler.WriteAllFn = writeSettings;
  handler.UserData = &m_remembered;
  ImGui::GetCurrentContext()->SettingsHandlers.push_back(handler);
}

void AgentWorkspace::drawMenu(ViewContext& ctx) {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem("My evaluations", nullptr, &m_evaluations.visible());
    ImGui::MenuItem("Store overview (developer)", nullptr, &m_overview.visible());
    if (ImGui::MenuItem("Reset the layout")) {
      m_splits = Splits{};
      ImGui::MarkIniSettingsDirty();
    }
    ImGui::EndMenu();
  }
  m_headset.draw(ctx);
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keys", "F1")) m_helpOpen = true;
    ImGui::EndMenu();
  }
  // A trainer's new evaluations are counted where the agent looks; a press opens them.
  if (const int fresh = newEvaluations(ctx.snapshot); fresh > 0) {
    const std::string label = "My evaluations (" + std::to_string(fresh) + " new)";
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.8f, 1.0f, 1.0f));
    if (ImGui::MenuItem(label.c_str())) m_evaluations.visible() = true;
    ImGui::PopStyleColor();
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    ctx.dump.beginWindow("Menu bar", 0, 0, static_cast<int>(ImGui::GetWindowWidth()), static_cast<int>(b.y));
    ctx.dump.text(label);
    ctx.dump.button(label, static_cast<int>(a.x), static_cast<int>(a.y), static_cast<int>(b.x - a.x),
                    static_cast<int>(b.y - a.y));
  }
  ImGui::EndMenuBar();
}

// What the agent must act on, where they look: calls cannot reach the console, or the
// store is not open. Red, full width, above everything else.
void AgentWorkspace::drawBanner(ViewContext& ctx, float width) {
  const auto& s = ctx.snapshot;
  std::string problem;
  if (!s.linesDown.empty()) {
    problem = "Calls and emails cannot reach this console: " + s.linesDown +
              ". You cannot become available until it is fixed: free the address or change the key in the "
              "configuration, then restart the console.";
  } else if (!s.storeReady && !s.lastError.empty()) {
    problem = "The store " + s.storePath + " cannot be opened (store.path): " + s.lastError +
              ". Nothing can be recorded; fix it and restart the console.";
  }
  if (problem.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.55f, 0.08f, 0.08f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 1.0f, 1.0f, 1.0f));
  const float height =
      2 * ImGui::GetTextLineHeightWithSpacing() + 2 * ImGui::GetStyle().WindowPadding.y +
      (ImGui::CalcTextSize(problem.c_str()).x > width * 1.6f ? ImGui::GetTextLineHeightWithSpacing() : 0.0f);
  ImGui::BeginChild("banner", ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
  const ImVec2 pos = ImGui::GetWindowPos();
  ctx.dump.beginWindow("Banner", static_cast<int>(pos.x), static_cast<int>(pos.y), static_cast<int>(width),
                       static_cast<int>(height));
  View::textWrapped(ctx, problem);
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

void AgentWorkspace::drawHelp(ViewContext& ctx, bool toggle, bool close) {
  const bool wasOpen = m_helpOpen;
  if (toggle) m_helpOpen = !m_helpOpen;
  if (close) m_helpOpen = false;
  if (!m_helpOpen) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x - 40, 52 * ImGui::GetFontSize()), 0));
  if (!wasOpen) ImGui::SetNextWindowFocus();
  if (ImGui::Begin("Keys (F1 or Esc closes)", &m_helpOpen,
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                       ImGuiWindowFlags_AlwaysAutoResize)) {
    const ImVec2 pos = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    ctx.dump.beginWindow("Keys", static_cast<int>(pos.x), static_cast<int>(pos.y), static_cast<int>(size.x),
                         static_cast<int>(size.y));
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
      ImGui::TableSetupColumn("key");
      ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
      for (const auto& k : agentShortcuts()) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(k.keys);
        ImGui::TableSetColumnIndex(1);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(k.what);
        ImGui::PopTextWrapPos();
        ctx.dump.text(std::string("key ") + k.keys + ": " + k.what);
      }
      ImGui::EndTable();
    }
    View::textWrapped(ctx, "Every action also has a button. Clicking a queue row takes that contact.");
  }
  ImGui::End();
}

void AgentWorkspace::draw(ViewContext& ctx) {
  // Keys first, whatever the panels' state.
  const ShortcutEffects effects = dispatchAgentShortcuts(ctx, m_draft);
  if (effects.focusSearch) m_search.focusSearch();
  if (m_draft.releaseKeyboard) {
    ImGui::SetWindowFocus(nullptr);  // the text typed so far stays in the draft
    m_draft.releaseKeyboard = false;
  }

  beginHost(ctx, "##workspace");
  drawMenu(ctx);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float gap = style.ItemSpacing.y;
  const float bar = std::max(4.0f, style.ItemSpacing.x);  // splitter thickness
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float width = avail.x;

  drawBanner(ctx, width);
  const float agentBarHeight = ImGui::GetFrameHeight() + 2 * style.WindowPadding.y + 2;
  m_agentBar.drawRegion(ctx, width, agentBarHeight);

  const float statusHeight = StatusLineView::height(ctx.snapshot);
  const float mainHeight = std::max(100.0f, ImGui::GetContentRegionAvail().y - statusHeight - gap);

  // Left column: queue / missed calls / customer search, with the item spacing between them.
  float left = m_splits.left * width;
  ImGui::BeginGroup();
  {
    const float fixed = 2 * bar + 4 * gap;
    float queue = m_splits.queue * mainHeight;
    float missed = m_splits.missed * mainHeight;
    m_queue.drawRegion(ctx, left, queue);
    splitter("##split-queue", false, bar, left, queue, 4 * line, mainHeight - fixed - missed - 5 * line);
    m_missed.drawRegion(ctx, left, missed);
    splitter("##split-missed", false, bar, left, missed, 3 * line, mainHeight - fixed - queue - 5 * line);
    m_search.drawRegion(ctx, left, std::max(5 * line, mainHeight - fixed - queue - missed));
    if (queue != m_splits.queue * mainHeight || missed != m_splits.missed * mainHeight) {
      m_splits.queue = queue / mainHeight;
      m_splits.missed = missed / mainHeight;
      ImGui::MarkIniSettingsDirty();
    }
  }
  ImGui::EndGroup();
  // Right of it, without item spacing: splitter | contact | splitter | customer.
  ImGui::SameLine(0, 0);
  splitter("##split-left", true, bar, mainHeight, left, 16 * line, width * 0.6f);
  ImGui::SameLine(0, 0);
  const float rest = width - left - bar;
  float contact = m_splits.contact * rest;
  m_contact.drawRegion(ctx, contact, mainHeight);
  ImGui::SameLine(0, 0);
  splitter("##split-contact", true, bar, mainHeight, contact, 18 * line, rest - 18 * line);
  ImGui::SameLine(0, 0);
  m_customer.drawRegion(ctx, std::max(10 * line, rest - contact - bar), mainHeight);
  if (left != m_splits.left * width || contact != m_splits.contact * rest) {
    m_splits.left = left / width;
    m_splits.contact = contact / std::max(1.0f, width - left - bar);
    ImGui::MarkIniSettingsDirty();
  }
  ImGui::Dummy(ImVec2(0, gap));
  m_status.drawRegion(ctx, width, statusHeight);
  endHost();

  m_overview.draw(ctx);     // floating, when chosen from the View menu
  m_evaluations.draw(ctx);  // likewise
  drawHelp(ctx, effects.toggleHelp, effects.closeHelp);
}

}  // namespace frontline::views
