// The floor's agents; see floor_view.h.
#include "views/floor_view.h"

#include "views/feeling_text.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "views/clock_text.h"
#include "views/feeling_text.h"

namespace frontline::views {
namespace {

const char* const kStates[] = {"available", "on_contact", "wrap_up", "not_ready", "logged_out"};

// Sorting by sound: poor calls today first weigh most, then the call in hand's MOS (low first).
double soundOrder(const floor::FloorAgent& a) {
  const double mos = a.contact && a.contact->mos ? *a.contact->mos : 5.0;
  return -100.0 * static_cast<double>(a.poorCallsToday) + mos;
}

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
  if (!ImGui::BeginTable("agents", 10, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Agent", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort);
  ImGui::TableSetupColumn("Team");
  ImGui::TableSetupColumn("State");
  ImGui::TableSetupColumn("In state");
  ImGui::TableSetupColumn("Reason", ImGuiTableColumnFlags_WidthStretch, 0.7f);
  ImGui::TableSetupColumn("Contact in hand", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Call sound", ImGuiTableColumnFlags_WidthStretch, 0.8f);
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
        less = soundOrder(*a) < soundOrder(*b);
        break;
      case 7:
        less = a->handledToday < b->handledToday;
        break;
      case 8:
        less = a->ahtSecondsToday.value_or(-1) < b->ahtSecondsToday.value_or(-1);
        break;
      case 9:
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
      drawContactFeeling(ctx, c);
      textFitted(ctx, channelIcon(c.channel) + " " + c.customer + (c.quadrant.empty() ? "" : " (" + c.quadrant + ")") +
                          ", " + elapsedText(ctx, c.sinceUs));
    } else {
      textFitted(ctx, "-");
    }
    ImGui::TableNextColumn();
    drawCallSound(ctx, *a);
    ImGui::TableNextColumn();
    textFitted(ctx, std::to_string(a->handledToday));
    ImGui::TableNextColumn();
    textFitted(ctx, secondsText(a->ahtSecondsToday));
    ImGui::TableNextColumn();
    textFitted(ctx, percentText(a->occupancyToday));
  }
  ImGui::EndTable();
}

// README "Emotion index": how the customer in hand feels so far, first in the contact's
// cell (never cut off): their index from their words, else a recorded call's agitated voice.
void FloorView::drawContactFeeling(ViewContext& ctx, const floor::AgentCurrentContact& c) {
  if (c.feeling) {
    const Rgb hue = feelingColour(*c.feeling);
    textColored(ctx, hue.r, hue.g, hue.b, signedIndex(*c.feeling));
    tooltip("The customer's feeling so far: " + feelingLabel(*c.feeling) + "\n" + kFeelingIsEstimate);
  } else if (c.arousalX100 >= 60) {
    textColored(ctx, 1.0f, 0.55f, 0.35f, "agitated");
    tooltip("The caller's voice was agitated (arousal " + std::to_string(c.arousalX100) + " %).\n" + kVoiceExplained);
  } else {
    return;
  }
  ImGui::SameLine();
}

// README "Call quality": the call in hand's grade and MOS (green, amber, red), then how
// many of today's calls had a poor moment; the tooltip says what the figures mean.
void FloorView::drawCallSound(ViewContext& ctx, const floor::FloorAgent& a) {
  std::string line;
  float r = 0.85f, g = 0.85f, b = 0.85f;
  if (a.contact && !a.contact->qualityGrade.empty()) {
    char mos[32];
    std::snprintf(mos, sizeof mos, "%.1f ", a.contact->mos.value_or(0.0));
    line = (a.contact->mos ? std::string(mos) : std::string()) + a.contact->qualityGrade;
    if (a.contact->qualityGrade == "good") r = 0.45f, g = 0.85f, b = 0.45f;
    if (a.contact->qualityGrade == "fair") r = 1.0f, g = 0.75f, b = 0.3f;
    if (a.contact->qualityGrade == "poor") r = 1.0f, g = 0.4f, b = 0.35f;
  }
  if (a.poorCallsToday > 0) {
    line += (line.empty() ? "" : " ") + std::string("(") + std::to_string(a.poorCallsToday) + " poor)";
  }
  if (line.empty()) line = "-";
  textColored(ctx, r, g, b, line);
  tooltip(
      "MOS (1-4.5) estimated from the call's loss, jitter and delay (E-model, ITU-T G.107):\n"
      "good 4.0 and above, fair 3.6-4.0, poor below 3.6.\nToday: " +
      plural(a.scoredCallsToday, "call", "calls") + " scored, " + std::to_string(a.poorCallsToday) +
      " poor at some point.");
}

}  // namespace frontline::views
