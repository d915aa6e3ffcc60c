// The trainer's search; see interaction_search_view.h.
#include "views/interaction_search_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <ctime>

#include "desk/format.h"
#include "replay/masking.h"
#include "views/clock_text.h"

namespace frontline::views {
namespace {

const std::vector<std::string> kChannels = {"any channel", "voice", "email"};
const std::vector<std::string> kOutcomes = {"any outcome", "answered", "missed", "cancelled", "declined", "open"};
const std::vector<std::string> kSatisfaction = {"any satisfaction", "dissatisfied", "satisfied",
                                                "delighted",        "recorded",     "none"};
const std::vector<std::string> kSorts = {"newest first", "oldest first", "longest handle", "longest wait"};

// Local midnight of YYYY-MM-DD (ui.time_zone), or nullopt.
std::optional<std::int64_t> localDay(const std::string& text) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) return {};
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  if (t == -1) return {};
  return static_cast<std::int64_t>(t) * 1'000'000;
}

std::string dayText(std::int64_t us) {
  const std::time_t t = static_cast<std::time_t>(us / 1'000'000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char out[16];
  std::strftime(out, sizeof out, "%Y-%m-%d", &tm);
  return out;
}

std::string withAny(const char* any, const std::vector<std::string>& values, int index) {
  return index >= 0 && index < static_cast<int>(values.size()) ? values[static_cast<std::size_t>(index)] : any;
}

}  // namespace

void InteractionSearchView::drawContent(ViewContext& ctx) {
  const replay::TrainerSnapshot* s = ctx.replay.snapshot;
  if (!s) return;
  if (!m_initialised) {
    m_initialised = true;
    m_from = dayText(ctx.nowUs - 29 * 86'400'000'000LL);
    m_to = dayText(ctx.nowUs);
  }
  drawFilters(ctx, *s);
  drawResults(ctx, *s);
}

void InteractionSearchView::drawFilters(ViewContext& ctx, const replay::TrainerSnapshot& s) {
  const float em = ImGui::GetFontSize();
  bool go = false;
  auto input = [&](const char* id, const char* hint, std::string& value, float width) {
    ImGui::SetNextItemWidth(width);
    go |= ImGui::InputTextWithHint(id, hint, &value, ImGuiInputTextFlags_EnterReturnsTrue);
  };
  ImGui::TextUnformatted("From");
  ImGui::SameLine();
  input("##from", "YYYY-MM-DD", m_from, 7 * em);
  ImGui::SameLine();
  ImGui::TextUnformatted("to");
  ImGui::SameLine();
  input("##to", "YYYY-MM-DD", m_to, 7 * em);
  ImGui::SameLine();
  std::vector<std::string> agents = {"any agent"};
  agents.insert(agents.end(), s.agents.begin(), s.agents.end());
  int agent = m_agent + 1;
  choose("##agent", agents, agent, 9 * em);
  m_agent = agent - 1;
  ImGui::SameLine();
  input("##customer", "customer: name, phone or email", m_customer, 16 * em);
  ImGui::SameLine();
  choose("##channel", kChannels, m_channel, 8 * em);
  ImGui::SameLine();
  std::vector<std::string> queues = {"any queue"};
  for (const auto& q : s.queues) queues.push_back(q.empty() ? "(no queue)" : q);
  int queue = m_queue + 1;
  choose("##queue", queues, queue, 9 * em);
  m_queue = queue - 1;

  std::vector<std::string> dispositions = {"any disposition"};
  for (const auto& d : s.dispositions) dispositions.push_back(d.label);
  int disposition = m_disposition + 1;
  choose("##disposition", dispositions, disposition, 10 * em);
  m_disposition = disposition - 1;
  ImGui::SameLine();
  choose("##outcome", kOutcomes, m_outcome, 8 * em);
  ImGui::SameLine();
  choose("##satisfaction", kSatisfaction, m_satisfaction, 9 * em);
  ImGui::SameLine();
  ImGui::TextUnformatted("handle (min)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(3.5f * em);
  ImGui::InputInt("##minhandle", &m_minHandleMin, 0);
  ImGui::SameLine();
  ImGui::TextUnformatted("to");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(3.5f * em);
  ImGui::InputInt("##maxhandle", &m_maxHandleMin, 0);
  tooltip("Talk (an email's time to reply) plus wrap-up, in minutes; 0: no limit");
  ImGui::SameLine();
  ImGui::Checkbox("complaint opened", &m_complaint);
  ImGui::SameLine();
  ImGui::Checkbox("SLA missed", &m_slaMissed);
  tooltip(
      "Answered after the service level threshold, abandoned after it, or a complaint opened in it missed a due "
      "time (METRICS.md)");
  ImGui::SameLine();
  choose("##sort", kSorts, m_sort, 9 * em);
  ImGui::SameLine();
  if (button(ctx, "Search (Enter)") || go) submit(ctx, 0);
  ImGui::SameLine();
  if (button(ctx, "Clear")) {  // every filter back to the last 30 days, newest first
    m_initialised = false;
    m_agent = m_queue = m_disposition = -1;
    m_channel = m_outcome = m_satisfaction = m_sort = 0;
    m_customer.clear();
    m_complaint = m_slaMissed = false;
    m_minHandleMin = m_maxHandleMin = 0;
    m_error.clear();
  }
  m_agents = s.agents;
  m_queues = s.queues;
  m_dispositions.clear();
  for (const auto& d : s.dispositions) m_dispositions.push_back(d.code);
  if (!m_error.empty()) textColored(ctx, 1.0f, 0.45f, 0.35f, m_error);
  if (!s.searchError.empty()) textColored(ctx, 1.0f, 0.45f, 0.35f, s.searchError);
}

void InteractionSearchView::submit(ViewContext& ctx, int page) {
  replay::SearchRequest r;
  const auto from = localDay(m_from);
  const auto to = localDay(m_to);
  if (!from || !to) {
    m_error = "Dates are written YYYY-MM-DD (from '" + m_from + "' to '" + m_to + "').";
    return;
  }
  m_error.clear();
  r.filter.fromUs = *from;
  r.filter.toUs = *to + 86'400'000'000LL;  // the whole last day
  if (m_agent >= 0) r.filter.agentId = withAny("", m_agents, m_agent);
  if (m_channel > 0) r.filter.channel = kChannels[static_cast<std::size_t>(m_channel)];
  if (m_queue >= 0) r.filter.queue = withAny("", m_queues, m_queue);
  if (m_disposition >= 0) r.filter.disposition = withAny("", m_dispositions, m_disposition);
  if (m_outcome > 0) r.filter.outcome = kOutcomes[static_cast<std::size_t>(m_outcome)];
  if (m_satisfaction > 0) r.filter.satisfaction = kSatisfaction[static_cast<std::size_t>(m_satisfaction)];
  if (m_minHandleMin > 0) r.filter.minHandleUs = m_minHandleMin * 60'000'000LL;
  if (m_maxHandleMin > 0) r.filter.maxHandleUs = m_maxHandleMin * 60'000'000LL;
  r.filter.complaintOpened = m_complaint;
  r.filter.slaMissed = m_slaMissed;
  r.customerText = m_customer;
  r.sort = static_cast<store::InteractionSort>(m_sort);
  r.page = page;
  ctx.replay.search(r);
}

void InteractionSearchView::drawResults(ViewContext& ctx, const replay::TrainerSnapshot& s) {
  const auto& page = s.page;
  if (!s.searched) {
    text(ctx, "Searching...");
    return;
  }
  if (!s.search.customerText.empty()) ctx.dump.text("Searched for the customer " + s.search.customerText);
  text(ctx, "Page " + std::to_string(page.page + 1) + ": " + std::to_string(page.hits.size()) + " contacts" +
                (page.more ? " (more on the next page)" : "") + ", found in " +
                std::to_string(static_cast<int>(s.searchMs + 0.5)) + " ms");
  ImGui::SameLine();
  ImGui::BeginDisabled(page.page == 0);
  if (smallButton(ctx, "< Previous page")) {
    submit(ctx, page.page - 1);
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!page.more);
  if (smallButton(ctx, "Next page >")) submit(ctx, page.page + 1);
  ImGui::EndDisabled();
  const replay::Masker masker;  // addresses and subjects: numbers and emails hidden
  constexpr int kFlags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("results", 11, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* h : {"", "When", "What", "Customer", "Queue", "Agent", "Outcome", "Disposition", "Wait", "Handle"})
    ImGui::TableSetupColumn(h);
  ImGui::TableSetupColumn("About", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (const auto& h : page.hits) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::PushID(h.id.c_str());
    if (smallButton(ctx, "Replay") && onOpen) onOpen(h.id);
    ImGui::PopID();
    std::string what = std::string(h.channel == "email" ? "Email" : "Call") + (h.direction == "out" ? " out" : "");
    if (h.complaint) what += ", complaint";
    std::string satisfaction;
    if (h.satisfactionExpected && h.satisfactionPerceived && *h.satisfactionExpected > 0) {
      char c[32];
      std::snprintf(c, sizeof c, " C=%.2f",
                    static_cast<double>(*h.satisfactionPerceived) / static_cast<double>(*h.satisfactionExpected));
      satisfaction = c;
    }
    const std::string cells[10] = {localShortDateTime(h.offeredUs, ctx.nowUs),
                                   what,
                                   h.customerId ? "customer #" + std::to_string(*h.customerId) : masker.text(h.address),
                                   h.queue,
                                   h.agentId,
                                   h.outcome + satisfaction,
                                   labelOf(s.dispositions, h.disposition),
                                   desk::formatDuration(h.waitUs),
                                   desk::formatDuration(h.handleUs),
                                   masker.text(h.subject)};
    for (int col = 0; col < 10; ++col) {
      ImGui::TableSetColumnIndex(col + 1);
      ImGui::TextUnformatted(cells[col].c_str());
    }
    ctx.dump.text(h.id + "  " + cells[0] + "  " + cells[1] + "  " + cells[2] + "  " + cells[3] + "  " + cells[4] +
                  "  " + cells[5] + "  " + cells[6] + "  wait " + cells[7] + "  handle " + cells[8] + "  " + cells[9]);
  }
  ImGui::EndTable();
}

}  // namespace frontline::views
