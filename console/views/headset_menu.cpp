// The Headset menu; see headset_menu.h.
#include "views/headset_menu.h"

#include <imgui.h>
#include <imgui_internal.h>  // MarkIniSettingsDirty: the choice persists in the layout file

#include <algorithm>

#include "telephony/media/audio_endpoints.h"

namespace frontline::views {

namespace {

using telephony::media::AudioEndpoint;

// "Jabra Evolve2 40 Analog Stereo (default)"; two alike (two headsets of one model) are told
// apart by the server's name for each.
std::string endpointLabel(const AudioEndpoint& e, const std::vector<AudioEndpoint>& all,
                          const std::string& defaultName) {
  std::string label = e.description;
  const auto alike =
      std::count_if(all.begin(), all.end(), [&](const AudioEndpoint& o) { return o.description == e.description; });
  if (alike > 1) label += " [" + e.name + "]";
  if (e.name == defaultName) label += " (default)";
  return label + "##" + e.name;
}

std::string visible(const std::string& label) {
  return label.substr(0, label.find("##"));
}

}  // namespace

bool HeadsetMenu::item(ViewContext& ctx, const std::string& label, bool selected) {
  const bool pressed = ImGui::MenuItem(label.c_str(), nullptr, selected);
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  ctx.dump.button(visible(label) + (selected ? " [in use]" : ""), static_cast<int>(a.x), static_cast<int>(a.y),
                  static_cast<int>(b.x - a.x), static_cast<int>(b.y - a.y));
  return pressed;
}

void HeadsetMenu::draw(ViewContext& ctx) {
  if (!ctx.headset.state) return;
  const telephony::HeadsetState& state = *ctx.headset.state;
  // The choice the layout file remembers is made again once, when the console starts.
  if (!m_restored) {
    m_restored = true;
    if (!m_remembered.empty() && m_remembered != state.spec && ctx.headset.choose) ctx.headset.choose(m_remembered);
  }
  // A choice that worked is remembered for the next start.
  if (!state.chosen.empty() && state.chosen == state.spec && state.error.empty() && state.chosen != m_remembered) {
    m_remembered = state.chosen;
    ImGui::MarkIniSettingsDirty();
  }
  const bool failed = !state.error.empty() && state.chosen != state.spec;
  const char* title = failed ? "Headset (!)###Headset" : "Headset###Headset";
  if (failed) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1.0f));
  const bool open = ImGui::BeginMenu(title);
  if (failed) ImGui::PopStyleColor();
  {
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    ctx.dump.beginWindow("Menu bar", 0, 0, static_cast<int>(ImGui::GetWindowWidth()), static_cast<int>(b.y));
    ctx.dump.button(failed ? "Headset (!)" : "Headset", static_cast<int>(a.x), static_cast<int>(a.y),
                    static_cast<int>(b.x - a.x), static_cast<int>(b.y - a.y));
  }
  // Opening the menu lists the devices again: a headset plugged in a minute ago is there.
  if (open && !m_wasOpen && ctx.headset.refresh) ctx.headset.refresh();
  m_wasOpen = open;
  if (!open) return;
  const ImVec2 pos = ImGui::GetWindowPos();  // the menu's own window
  const ImVec2 size = ImGui::GetWindowSize();
  ctx.dump.beginWindow("Headset", static_cast<int>(pos.x), static_cast<int>(pos.y), static_cast<int>(size.x),
                       static_cast<int>(size.y));
  drawItems(ctx, state);
  ImGui::EndMenu();
}

void HeadsetMenu::drawItems(ViewContext& ctx, const telephony::HeadsetState& state) {
  View::text(ctx, "In use: " + state.description);
  if (!state.error.empty() && state.chosen != state.spec) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    View::textColored(ctx, 1.0f, 0.45f, 0.4f,
                      "The headset chosen could not be used; the calls stay on the one in use. " + state.error);
    ImGui::PopTextWrapPos();
  }
  if (state.busy) View::textColored(ctx, 0.95f, 0.85f, 0.35f, "Asking the sound server...");
  const auto& endpoints = state.endpoints;
  if (!endpoints.error.empty()) {
    View::textColored(ctx, 1.0f, 0.45f, 0.4f, "No speakers or microphones to choose: " + endpoints.error);
  }
  // What is in use now: a pulse device's pair (an empty name is the server's default).
  std::string output, input;
  const bool onPulse = telephony::media::parsePulseDeviceSpec(state.spec, output, input);
  const std::string& activeOutput = output.empty() ? endpoints.defaultOutput : output;
  const std::string& activeInput = input.empty() ? endpoints.defaultInput : input;
  if (!endpoints.outputs.empty()) {
    ImGui::Separator();
    ImGui::TextDisabled("Speaker");
    for (const AudioEndpoint& e : endpoints.outputs) {
      if (item(ctx, endpointLabel(e, endpoints.outputs, endpoints.defaultOutput), onPulse && e.name == activeOutput)) {
        ctx.headset.choose(telephony::media::pulseDeviceSpec(e.name, onPulse ? input : std::string()));
      }
    }
  }
  if (!endpoints.inputs.empty()) {
    ImGui::Separator();
    ImGui::TextDisabled("Microphone");
    for (const AudioEndpoint& e : endpoints.inputs) {
      if (item(ctx, endpointLabel(e, endpoints.inputs, endpoints.defaultInput), onPulse && e.name == activeInput)) {
        ctx.headset.choose(telephony::media::pulseDeviceSpec(onPulse ? output : std::string(), e.name));
      }
    }
  }
  ImGui::Separator();
  if (item(ctx, "List again", false)) ctx.headset.refresh();
}

}  // namespace frontline::views
