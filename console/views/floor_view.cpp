// The floor's agents; see floor_view.h.
#include "views/floor_view.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "views/clock_text.h"

namespace frontline::views {
namespace {

const char* const kStates[] = {"available", "on_contact", "wrap_up", "not_ready", "logged_out"};

// "Agent 2" before "Agent 10": digits compare as numbers.
bool naturalLess(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      const std::string na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

int stateOrder(const std::string& state) {
  for (int i = 0; i < 5; ++i)
    if (state == kStates[i]) return i;
  return 5;
}

}  // namespace

void FloorView::drawContent(ViewContext& ctx) {
  if (!ctx.floor) return;
  const auto& s = *ctx.floor;
  std::set<std::string> teamSet;
  for (const auto& a : s.agents)
    if (!a.team.empty()) teamSet.insert(a.team);
  std::vector<std::string> teams = {"Every team"};
  teams.insert(teams.end(), teamSet.begin(), teamSet.end());
  std::vector<std::string> states = {"Logged in", "Every state"};
  for (const char* st : kStates) states.push_back(stateLabel(st));
  m_team = std::min<int>(m_team, static_cast<int>(teams.size()) - 1);
  choose("##team", teams, m_team, 12 * ImGui::GetFontSize());
  ImGui::SameLine();
  choose("##state", states, m_state, 10 * ImGui::GetFontSize());

  std::vector<const floor::FloorAgent*> rows;
  int staffed = 0;
  for (const auto& a : s.agents) {
    if (a.state != "logged_out") ++staffed;
    if (m_team > 0 && a.team != teams[m_team]) continue;
    if (m_state == 0 && a.state == "logged_out") continue;
    if (m_state > 1 && a.state != kStates[m_state - 2]) continue;
    rows.push_back(&a);
  }
  ImGui::SameLine();
  text(ctx, plural(staffed, "agent", "agents") + " logged in, " + std::to_string(rows.size()) + " shown");

  constexpr int kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                         ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("agents", 9, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Agent", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort);
  ImGui::TableSetupColumn("Team");
  ImGui::TableSetupColumn("State");
  ImGui::TableSetupColumn("In state");
  ImGui::TableSetupColumn("Reason", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Contact in hand", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Handled");
  ImGui::TableSetupColumn("AHT");
  ImGui::TableSetupColumn("Occupancy");
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0) {
    m_sortColumn = sort->Specs[0].ColumnIndex;
    m_sortAscending = sort->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
  }
  const std::int64_t now = ctx.nowUs;
  std::stable_sort(rows.begin(), rows.end(), [&](const floor::FloorAgent* a, const floor::FloorAgent* b) {
    bool less = false;
    switch (m_sortColumn) {
      case 1:
        less = a->team < b->team;
        break;
      case 2:
        less = stateOrder(a->state) < stateOrder(b->state);
        break;
      case 3:
        less = now - a->sinceUs < now - b->sinceUs;
        break;
      case 6:
        less = a->handledToday < b->handledToday;
        break;
      case 7:
        less = a->ahtSecondsToday.value_or(-1) < b->ahtSecondsToday.value_or(-1);
        break;
      case 8:
        less = a->occupancyToday.value_or(-1) < b->occupancyToday.value_or(-1);
        break;
      default:
        less = naturalLess(a->name, b->name);
        break;
    }
    return less;
  });
  if (!m_sortAscending) std::reverse(rows.begin(), rows.end());
  for (const auto* a : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool selected = m_selection.kind == FloorSelection::Kind::Agent && m_selection.id == a->id;
    if (ImGui::Selectable(("##" + a->id).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
      m_selection = {FloorSelection::Kind::Agent, a->id, "", 0};
    }
    ImGui::SameLine();
    textFitted(ctx, a->name);
    ImGui::TableNextColumn();
    textFitted(ctx, a->team.empty() ? "-" : a->team);
    ImGui::TableNextColumn();
    pushTone(a->tone);
    textFitted(ctx, stateLabel(a->state));
    ImGui::TableNextColumn();
    textFitted(ctx, a->sinceUs ? elapsedText(ctx, a->sinceUs) : "-");
    popTone(a->tone);
    ImGui::TableNextColumn();
    std::string reason = a->reason;
    if (!a->pendingRequest.empty()) {
      reason += (reason.empty() ? "" : "; ") + std::string("asked: ") + stateLabel(a->pendingRequest);
    }
    textFitted(ctx, reason.empty() ? "-" : reason);
    ImGui::TableNextColumn();
    if (a->contact) {
      const auto& c = *a->contact;
      textFitted(ctx, channelIcon(c.channel) + " " + c.customer + (c.quadrant.empty() ? "" : " (" + c.quadrant + ")") +
                          ", " + elapsedText(ctx, c.sinceUs));
    } else {
      textFitted(ctx, "-");
    }
    ImGui::TableNextColumn();
    textFitted(ctx, std::to_string(a->handledToday));
    ImGui::TableNextColumn();
    textFitted(ctx, secondsText(a->ahtSecondsToday));
    ImGui::TableNextColumn();
    textFitted(ctx, percentText(a->occupancyToday));
  }
  ImGui::EndTable();
}

}  // namespace frontline::views
