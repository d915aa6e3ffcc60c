// The customer card; see customer_card.h.
#include "views/customer_card.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "desk/format.h"
#include "store/sla.h"
#include "views/clock_text.h"
#include "views/feeling_text.h"

namespace frontline::views {
namespace {

using T = View;

void colouredBySla(ViewContext& ctx, store::SlaState state, const std::string& line) {
  switch (state) {
    case store::SlaState::OnTrack:
    case store::SlaState::Met:
      T::textColored(ctx, 0.40f, 0.80f, 0.45f, line);
      break;
    case store::SlaState::AtRisk:
      T::textColored(ctx, 0.95f, 0.75f, 0.25f, line);
      break;
    case store::SlaState::Breached:
    case store::SlaState::Missed:
      T::textColored(ctx, 1.0f, 0.35f, 0.35f, line);
      break;
  }
}

void slaLine(ViewContext& ctx, store::SlaState state, const std::string& line) {
  ImGui::PushTextWrapPos(0.0f);
  colouredBySla(ctx, state, line);
  ImGui::PopTextWrapPos();
}

std::string capitalised(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

// One table cell: clipped by the table, whole in a tooltip when cut.
void cell(ViewContext& ctx, const std::string& text) {
  const float room = ImGui::GetContentRegionAvail().x;
  ImGui::TextUnformatted(text.c_str());
  if (ImGui::CalcTextSize(text.c_str()).x > room) T::tooltip(text);
  (void)ctx;
}

// "due in 3h 10m" / "overdue by 2d 4h", ticking only when the text changes.
std::string countdown(ViewContext& ctx, std::int64_t dueUs) {
  return (dueUs >= ctx.nowUs ? "due " : "") + remainingText(ctx, dueUs);
}

}  // namespace

void CustomerCard::draw(ViewContext& ctx, const store::CustomerView& v, bool onContact) {
  const auto& i = v.insight;
  T::text(ctx, v.profile.displayName +
                   (v.profile.sortName != v.profile.displayName ? "  (" + v.profile.sortName + ")" : ""));
  const std::int64_t years = v.purchases.relationshipDays / 365;
  T::textWrapped(ctx, "Customer since " + localDate(v.profile.customerSinceUs) + " (" +
                          (years >= 1 ? plural(years, "year", "years") : std::string("under a year")) + "), " +
                          v.profile.country + ", " + v.profile.language);
  for (const auto& a : v.addresses) {
    T::field(ctx, a.label.empty() ? "address" : a.label, a.address.value);
    // Click-to-dial: an outbound call through the PBX, with this customer's pop.
    if (a.address.kind != store::ContactAddress::Kind::Phone || !ctx.dialError || onContact || ctx.readOnly) continue;
    ImGui::SameLine();
    ImGui::PushID(a.address.value.c_str());
    if (T::smallButton(ctx, "Call")) ctx.post(desk::DialCall{a.address.value, v.profile.id, ""});
    const std::string why = ctx.dialError();
    T::tooltip(why.empty() ? "Call " + a.address.value + " through the PBX" : "Cannot call from here: " + why);
    ImGui::PopID();
  }
  ImGui::Separator();
  // The CRM figures in words an agent acts on; the formulas behind them in tooltips.
  const bool high = i.quadrant == store::Quadrant::TrueFriend || i.quadrant == store::Quadrant::Butterfly;
  T::textWrapped(ctx, std::string(high ? "High value" : "Low value") + ", " +
                          (years >= 1 ? plural(years, "year", "years") : std::string("new")) + ": " +
                          std::string(store::quadrantName(i.quadrant)) + ": " +
                          std::string(store::quadrantTreatment(i.quadrant)));
  T::tooltip("Value x loyalty: annual profit " + desk::formatMoney(i.annualProfitMinor, v.reportingCurrency) +
             " (revenue x margin / years of relationship) against the length of the relationship");
  T::textWrapped(ctx,
                 "Worth about " + desk::formatMoney(i.clv.valueMinor, v.reportingCurrency) + " in the coming years");
  T::tooltip(std::string(i.clv.form));
  T::textWrapped(ctx, "Relationship: " + std::string(store::lifecycleName(i.lifecycle)) + ", " +
                          std::string(store::loyaltyName(i.loyalty)));
  T::tooltip(
      "Life cycle (exploration, formation, stability, decline: from the last 12 months' orders against the "
      "12 before) and loyalty ladder (suspect, prospect, first-time buyer, repeat buyer, advocate)");
  if (i.latestSatisfaction) {
    char c[16];
    std::snprintf(c, sizeof c, "%.2f", i.latestSatisfaction->c);
    T::textWrapped(
        ctx, "Last time: " + std::string(store::satisfactionBandName(i.latestSatisfaction->band)) + " (C = " + c + ")");
    T::tooltip("Satisfaction index C = b / a: what the customer felt they got over what they expected");
  }
  drawFeeling(ctx, v.feeling);
  if (i.winBack) T::textColored(ctx, 1.0f, 0.8f, 0.2f, "Win-back: high-value customer in decline");
  ImGui::Separator();
  drawComplaints(ctx, v, onContact);
  ImGui::Separator();
  drawOrders(ctx, v);
  ImGui::Separator();
  drawHistory(ctx, v);
}

// How they have felt over their contacts, beside the satisfaction index: an estimate.
void CustomerCard::drawFeeling(ViewContext& ctx, const emotion::CustomerFeeling& f) {
  if (!f.known) {
    T::textWrapped(ctx, "Feeling: not known yet (no contact with enough of their words)");
    T::tooltip(kFeelingIsEstimate);
    return;
  }
  const char* direction = f.trend == emotion::Direction::Worse    ? " worse"
                          : f.trend == emotion::Direction::Better ? " better"
                                                                  : " steady";
  feelingText(ctx, f.average,
              "Feeling (estimate): " + feelingLabel(f.average) +
                  (f.contacts < 2 ? std::string(" (one contact)")
                                  : ", " + std::string(emotion::arrowOf(f.trend)) + direction + "; last contact " +
                                        signedIndex(f.last)));
  T::tooltip(std::string(kFeelingIsEstimate) + "\nThe index of their last " +
             plural(f.contacts, "contact", "contacts") +
             " with enough words, averaged with a 90-day half-life; the arrow compares the last contact with the "
             "average before it (15 points or more).");
}

void CustomerCard::drawComplaints(ViewContext& ctx, const store::CustomerView& v, bool onContact) {
  T::text(ctx, v.openComplaints.empty() ? std::string("No open complaints")
                                        : "Open complaints: " + std::to_string(v.openComplaints.size()));
  for (const auto& c : v.openComplaints) {
    ImGui::PushID(c.id.c_str());
    // Before the first response the response clock runs; after it, the resolution clock.
    const bool responded = c.firstResponseUs.has_value();
    const std::int64_t due = responded ? c.resolutionDueUs : c.responseDueUs;
    const auto state = store::slaState(c.openedUs, due, c.atRiskFraction, ctx.nowUs);
    const std::string clock = responded ? "resolution " + countdown(ctx, c.resolutionDueUs) + " (responded in " +
                                              desk::formatDuration(*c.firstResponseUs - c.openedUs) + ")"
                                        : "first response " + countdown(ctx, c.responseDueUs);
    slaLine(ctx, state,
            capitalised(c.priority) + " " + T::labelOf(ctx.snapshot.complaintCategories, c.category) + ": " +
                c.summary + " - opened " + elapsedText(ctx, c.openedUs) + " ago - " + clock + " [" +
                std::string(store::slaStateName(state)) + "]");
    if (onContact) {
      if (!responded) {
        if (ImGui::SmallButton("Respond")) ctx.post(desk::RespondComplaint{c.id});
        ImGui::SameLine();
      }
      if (ImGui::SmallButton("Resolve")) ctx.post(desk::ResolveComplaint{c.id});
    }
    ImGui::PopID();
  }
  for (const auto& c : v.resolvedComplaints) {
    const auto resolution = store::slaState(c.openedUs, c.resolutionDueUs, c.atRiskFraction, ctx.nowUs, c.resolvedUs);
    slaLine(
        ctx, resolution,
        "Resolved " + T::labelOf(ctx.snapshot.complaintCategories, c.category) + ": " + c.summary +
            " - first response " +
            desk::formatDuration(c.firstResponseUs ? std::optional(*c.firstResponseUs - c.openedUs) : std::nullopt) +
            ", resolved in " + desk::formatDuration(*c.resolvedUs - c.openedUs) + " [" +
            std::string(store::slaStateName(resolution)) + "]");
  }
}

void CustomerCard::drawOrders(ViewContext& ctx, const store::CustomerView& v) {
  T::textWrapped(ctx, plural(static_cast<std::int64_t>(v.orders.size()), "order", "orders") + ", revenue " +
                          desk::formatMoney(v.purchases.revenueMinor, v.reportingCurrency));
  T::tooltip(plural(v.purchases.orderCount, "purchase", "purchases") +
             " count towards revenue (returned and cancelled orders do not)");
  // Columns always sized to their content (not resizable: ImGui 1.86 auto-fits those every
  // frame); the items take what is left, whole in a tooltip.
  constexpr int kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                         ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingFixedFit;
  // Up to seven rows, fewer in a short window so the history below keeps room.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float fit = std::clamp(std::floor(ImGui::GetContentRegionAvail().y * 0.4f / line) - 1.0f, 2.0f, 7.0f);
  const float rows = std::min(static_cast<float>(v.orders.size()), fit) + 1.0f;
  if (!ImGui::BeginTable("orders", 5, kFlags, ImVec2(0, rows * ImGui::GetTextLineHeightWithSpacing() + 8))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Number");
  ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending);
  ImGui::TableSetupColumn("Status");
  ImGui::TableSetupColumn("Total");
  ImGui::TableSetupColumn("Items", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();

  // Sorted once per change of the spec or the list, never per frame.
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (m_sortedList != v.orders.data() || m_sortedSize != v.orders.size() || (specs && specs->SpecsDirty)) {
    m_orderIndex.resize(v.orders.size());
    std::iota(m_orderIndex.begin(), m_orderIndex.end(), std::size_t{0});
    if (specs && specs->SpecsCount > 0) {
      const auto& spec = specs->Specs[0];
      const bool ascending = spec.SortDirection == ImGuiSortDirection_Ascending;
      const auto& o = v.orders;
      std::stable_sort(m_orderIndex.begin(), m_orderIndex.end(), [&](std::size_t a, std::size_t b) {
        int cmp = 0;
        switch (spec.ColumnIndex) {
          case 0:
            cmp = o[a].number.compare(o[b].number);
            break;
          case 2:
            cmp = o[a].status.compare(o[b].status);
            break;
          case 3:
            cmp = o[a].totalMinor < o[b].totalMinor ? -1 : o[a].totalMinor > o[b].totalMinor;
            break;
          default:
            cmp = o[a].orderedUs < o[b].orderedUs ? -1 : o[a].orderedUs > o[b].orderedUs;
        }
        return ascending ? cmp < 0 : cmp > 0;
      });
    }
    if (specs) specs->SpecsDirty = false;
    m_sortedList = v.orders.data();
    m_sortedSize = v.orders.size();
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m_orderIndex.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const auto& o = v.orders[m_orderIndex[static_cast<std::size_t>(row)]];
      std::string items;
      for (const auto& it : o.items)
        items += (items.empty() ? "" : ", ") + std::to_string(it.quantity) + "x " + it.name;
      const std::string cells[5] = {o.number, localDate(o.orderedUs), capitalised(o.status),
                                    desk::formatMoney(o.totalMinor, o.currency), items};
      ImGui::TableNextRow();
      for (int col = 0; col < 5; ++col) {
        ImGui::TableSetColumnIndex(col);
        cell(ctx, cells[col]);
      }
      ctx.dump.text("order " + cells[0] + " " + cells[1] + " " + cells[2] + " " + cells[3] + " " + cells[4]);
    }
  }
  ImGui::EndTable();
}

void CustomerCard::drawHistory(ViewContext& ctx, const store::CustomerView& v) {
  T::text(ctx, "History, newest first: " + std::to_string(v.history.size()) + " of " +
                   plural(v.purchases.contactCount, "contact", "contacts"));
  constexpr int kFlags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("history", 6, kFlags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("When");
  ImGui::TableSetupColumn("What");
  ImGui::TableSetupColumn("Handled");
  ImGui::TableSetupColumn("Disposition");
  ImGui::TableSetupColumn("Feeling");
  ImGui::TableSetupColumn("About", ImGuiTableColumnFlags_WidthStretch);  // subject and note
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(v.history.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const auto& h = v.history[static_cast<std::size_t>(row)];
      // Handle time: talk (or an email's time to reply) plus after-contact work.
      std::optional<std::int64_t> handled;
      if (h.talkUs || h.acwUs) handled = h.talkUs.value_or(0) + h.acwUs.value_or(0);
      const std::string about = (h.subject.empty() ? "" : "\"" + h.subject + "\"") +
                                (h.note.empty() ? "" : (h.subject.empty() ? "" : " - ") + h.note);
      std::string what = std::string(h.channel == "email" ? "Email" : "Call") + (h.direction == "out" ? " out" : "");
      if (h.outcome != "answered") what += ", " + h.outcome;
      if (!h.transferredTo.empty()) what += ", to " + h.transferredTo;
      // The index; a call with no words but an agitated voice says so (README "Emotion index").
      const bool agitated = !h.emotionIndex && h.emotionArousalX100 >= 60;
      const std::string feeling =
          h.emotionIndex ? signedIndex(static_cast<int>(*h.emotionIndex)) + (h.emotionBy == "trainer" ? "*" : "")
          : agitated     ? "agitated"
                         : "";
      const std::string cells[6] = {
          localShortDateTime(h.offeredUs, ctx.nowUs),           what,    desk::formatDuration(handled),
          T::labelOf(ctx.snapshot.dispositions, h.disposition), feeling, about};
      ImGui::TableNextRow();
      for (int col = 0; col < 6; ++col) {
        ImGui::TableSetColumnIndex(col);
        if (col == 0 && ctx.openReplay) {  // a trainer's card: every contact opens its replay
          if (T::smallButton(ctx, ("Replay##" + h.interactionId).c_str())) ctx.openReplay(h.interactionId);
          ImGui::SameLine();
        }
        if (col == 4 && h.emotionIndex) {
          const Rgb c = feelingColour(static_cast<int>(*h.emotionIndex));
          ImGui::TextColored(ImVec4(c.r, c.g, c.b, 1.0f), "%s", feeling.c_str());
          T::tooltip(feelingLabel(static_cast<int>(*h.emotionIndex)) +
                     (h.emotionBy == "trainer" ? " (corrected by a trainer)" : " (an estimate)"));
          continue;
        }
        if (col == 4 && agitated) {
          ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.35f, 1.0f), "%s", feeling.c_str());
          T::tooltip("The caller's voice was agitated (arousal " + std::to_string(h.emotionArousalX100) +
                     " %); no words to score.\n" + kVoiceExplained);
          continue;
        }
        cell(ctx, cells[col]);
      }
      ctx.dump.text(cells[0] + "  " + cells[1] + "  handled " + cells[2] + "  " + cells[3] +
                    (feeling.empty() ? "" : "  feeling " + feeling) + "  " + cells[5]);
    }
  }
  ImGui::EndTable();
}

}  // namespace frontline::views
