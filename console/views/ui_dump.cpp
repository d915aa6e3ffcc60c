// UI dump writer; see ui_dump.h.
#include "views/ui_dump.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <utility>

namespace frontline::views {

UiDump::UiDump(std::string path) : m_path(std::move(path)) {}

void UiDump::beginFrame() {
  ++m_frame;
  m_windows.clear();
}

void UiDump::beginWindow(std::string_view title, int x, int y, int width, int height) {
  if (!enabled()) return;
  m_windows.push_back({std::string(title), {}, {}, x, y, width, height});
}

void UiDump::text(std::string_view line) {
  if (!enabled() || m_windows.empty()) return;
  m_windows.back().lines.emplace_back(line);
}

void UiDump::button(std::string_view label, int x, int y, int width, int height) {
  if (!enabled() || m_windows.empty()) return;
  m_windows.back().buttons.emplace_back(std::string(label.substr(0, label.find("##"))),
                                        std::array<int, 4>{x, y, width, height});
}

void UiDump::typingIn(std::string_view field) {
  if (enabled()) m_typingIn = std::string(field);
}

void UiDump::endFrame(bool typing) {
  if (!enabled()) return;
  nlohmann::json windows = nlohmann::json::array();
  for (const auto& w : m_windows) {
    nlohmann::json buttons = nlohmann::json::array();
    for (const auto& [label, r] : w.buttons) buttons.push_back({{"label", label}, {"rect", r}});
    windows.push_back(
        {{"title", w.title}, {"rect", {w.x, w.y, w.width, w.height}}, {"text", w.lines}, {"buttons", buttons}});
  }
  // Invalid UTF-8 from a peer is replaced rather than aborting the dump.
  const std::string typingIn = std::exchange(m_typingIn, std::string());
  std::string content =
      (typing ? "t" : "-") + typingIn + "|" + windows.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (content == m_lastWritten) return;
  nlohmann::json doc = {{"frame", m_frame}, {"typing", typing}, {"windows", windows}};
  if (typing && !typingIn.empty()) doc["typing_in"] = typingIn;
  const std::string tmp = m_path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << doc.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    if (!out) return;  // a full disk must not stop the console; the next change retries
  }
  std::error_code ec;
  std::filesystem::rename(tmp, m_path, ec);
  if (!ec) m_lastWritten = std::move(content);
}

}  // namespace frontline::views
