// Reports; see report.h.
#include "floor/report.h"

#include <climits>
#include <cstdio>
#include <ctime>
#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "floor/floor_model.h"
#include "floor/floor_reads.h"

namespace frontline::floor {
namespace {

std::string number(const std::optional<double>& v, int decimals) {
  if (!v) return "";
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, *v);
  return text;
}

std::string seconds(const std::optional<std::int64_t>& us) {
  return us ? number(static_cast<double>(*us) / 1e6, 1) : "";
}

const std::vector<std::string> kContactColumns = {
    "offered", "answered", "abandoned", "short_abandoned", "missed",  "service_level_pct", "answered_within_t",
    "asa_s",   "aht_s",    "handled",   "abandonment_pct", "fcr_pct", "fcr_pending"};
const std::vector<std::string> kComplaintColumns = {
    "complaints_opened", "first_response_p50_s", "first_response_p90_s",     "first_response_within_sla_pct",
    "resolution_p50_s",  "resolution_p90_s",     "resolution_within_sla_pct"};

std::vector<std::string> contactCells(const QueueCounts& c, const std::optional<FcrCounts>& fcr) {
  auto pct = [](const std::optional<double>& f) { return f ? number(*f * 100.0, 2) : ""; };
  return {std::to_string(c.offered),
          std::to_string(c.answered),
          std::to_string(c.abandoned),
          std::to_string(c.shortAbandoned),
          std::to_string(c.missed),
          pct(serviceLevel(c)),
          std::to_string(c.withinTarget),
          number(asaSeconds(c), 1),
          number(ahtSeconds(c), 1),
          std::to_string(c.handled),
          pct(abandonmentRate(c)),
          fcr ? pct(fcr->rate()) : "",
          fcr ? std::to_string(fcr->pending) : ""};
}

std::vector<std::string> complaintCells(const ComplaintTimes& t) {
  auto pct = [](const std::optional<double>& f) { return f ? number(*f * 100.0, 2) : ""; };
  return {std::to_string(t.opened), seconds(t.firstResponseP50()), seconds(t.firstResponseP90()),
          pct(t.responseShare()),   seconds(t.resolutionP50()),    seconds(t.resolutionP90()),
          pct(t.resolutionShare())};
}

}  // namespace

std::optional<std::int64_t> parseLocalDate(const std::string& text) {
  std::tm local{};
  int year = 0, month = 0, day = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  local.tm_year = year - 1900;
  local.tm_mon = month - 1;
  local.tm_mday = day;
  local.tm_isdst = -1;
  const std::time_t t = std::mktime(&local);
  if (t == -1 || local.tm_mday != day) return std::nullopt;
  return static_cast<std::int64_t>(t) * 1'000'000;
}

ReportTable buildReport(store::Database& db, const FloorSettings& settings, const ReportRequest& r) {
  const std::string& by = r.by;
  if (by != "agent" && by != "queue" && by != "priority" && by != "category" && by != "day" && by != "interval") {
    throw std::invalid_argument("--by must be agent, queue, priority, category, day or interval, not '" + by + "'");
  }
  store::Transaction read(db, store::Transaction::Mode::Deferred);  // one consistent picture
  ReportTable table;
  if (by == "priority" || by == "category") {
    const auto rows = loadComplaints(db, r.fromUs, r.toUs, false);
    std::vector<const store::ComplaintRow*> all;
    for (const auto& c : rows) all.push_back(&c);
    const ComplaintRangeFigures f = complaintFigures(all, r.fromUs, r.toUs, settings);
    table.header = {by};
    table.header.insert(table.header.end(), kComplaintColumns.begin(), kComplaintColumns.end());
    for (const auto& g : by == "priority" ? f.byPriority : f.byCategory) {
      std::vector<std::string> row = {g.key};
      const auto cells = complaintCells(g);
      row.insert(row.end(), cells.begin(), cells.end());
      table.rows.push_back(std::move(row));
    }
    read.commit();
    return table;
  }
  // Contacts: the floor's own model over the range (what the screens fold for a day).
  FloorModel model(settings, r.fromUs, r.fromUs, false);
  // Contacts still waiting and younger than T are not counted yet (METRICS.md SL).
  std::map<std::string, QueueCounts> young;
  auto youngKey = [&](const store::InteractionRow& c) -> std::string {
    if (by == "queue") return c.queue + "\n" + c.channel;
    if (by == "agent") return c.agentId;
    const std::int64_t interval = c.offeredUs - ((c.offeredUs % kIntervalUs) + kIntervalUs) % kIntervalUs;
    return by == "day" ? localClock(c.offeredUs, "%Y-%m-%d") : localClock(interval, "%Y-%m-%d %H:%M");
  };
  forEachContactOffered(db, r.fromUs, r.toUs, [&](const store::InteractionRow& c) {
    model.upsertContact(c);
    const auto& q = settings.queue(c.queue);
    if (c.direction != "out" && !responseUs(c) && !c.endedUs && r.nowUs - c.offeredUs < answerTargetUs(c, q)) {
      ++young[youngKey(c)].waitingYoung;
    }
  });
  std::map<std::string, QueueCounts> groups;
  std::map<std::string, FcrCounts> fcr;
  if (by == "agent") {
    for (const auto& [agent, c] : model.byAgent()) {
      if (!agent.empty()) groups[agent] += c;
    }
  } else {
    for (const auto& [key, c] : model.buckets()) {
      const auto& [queue, channel, start] = key;
      const std::string k = by == "queue" ? queue + "\n" + channel
                            : by == "day" ? localClock(start, "%Y-%m-%d")
                                          : localClock(start, "%Y-%m-%d %H:%M");
      groups[k] += c;
    }
    if (by == "queue") fcr = fcrByQueueChannel(db, r.fromUs, r.toUs, settings.fcrDays, r.nowUs);
  }
  for (const auto& [k, c] : young) {
    if (groups.count(k)) groups[k] += c;
  }
  if (by == "queue") {
    table.header = {"queue", "channel"};
  } else {
    table.header = {by == "interval" ? "interval_start" : by};
  }
  table.header.insert(table.header.end(), kContactColumns.begin(), kContactColumns.end());
  for (const auto& [k, c] : groups) {
    std::vector<std::string> row;
    if (by == "queue") {
      const auto nl = k.find('\n');
      row = {k.substr(0, nl), k.substr(nl + 1)};
    } else {
      row = {k};
    }
    const auto f = fcr.find(k);
    const auto cells = contactCells(c, f == fcr.end() ? std::nullopt : std::optional<FcrCounts>(f->second));
    row.insert(row.end(), cells.begin(), cells.end());
    table.rows.push_back(std::move(row));
  }
  read.commit();
  return table;
}

std::string toCsv(const ReportTable& table) {
  auto cell = [](const std::string& v) {
    if (v.find_first_of(",\"\n") == std::string::npos) return v;
    std::string quoted = "\"";
    for (char ch : v) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return quoted + "\"";
  };
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cell(cells[i]);
    out += "\n";
  };
  line(table.header);
  for (const auto& row : table.rows) line(row);
  return out;
}

std::string toJson(const ReportTable& table) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < table.header.size() && i < row.size(); ++i) {
      const std::string& v = row[i];
      char* end = nullptr;
      const double d = std::strtod(v.c_str(), &end);
      if (v.empty()) {
        o[table.header[i]] = nullptr;
      } else if (end && *end == '\0' && i > 0 && table.header[i] != "channel") {
        if (v.find('.') == std::string::npos) {
          o[table.header[i]] = std::stoll(v);  // counts stay whole numbers
        } else {
          o[table.header[i]] = d;
        }
      } else {
        o[table.header[i]] = v;
      }
    }
    rows.push_back(std::move(o));
  }
  return rows.dump(2) + "\n";
}

}  // namespace frontline::floor
