// GLFW/ImGui window and frame loop; see console_window.h.
//
// Thread: everything here runs on the main (UI) thread, except onPublish, which the desk
// thread calls; it only posts an empty GLFW event (glfwPostEmptyEvent is thread-safe).
#include "app/console_window.h"

#include <pthread.h>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <set>
#include <thread>
#include <vector>

#include "app/desk_settings.h"
#include "app/font_texture.h"
#include "app/frame_stats.h"
#include "app/log.h"
#include "app/runtime.h"
#include "desk/desk.h"
#include "views/workspace.h"

namespace frontline::app {
namespace {

constexpr const char* kLatinFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kCjkFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

// Input seen since the last frame: set by GLFW callbacks (UI thread), read by the loop.
// These callbacks pass every event on to the ImGui backend themselves.
int g_inputFrames = 0;
void markInput() {
  g_inputFrames = 3;
}  // a few frames let ImGui settle hover and focus

// Key presses since the last frame, from the GLFW callback (UI thread only). ImGui 1.86
// sees only whether a key is down at frame start, so a press and release between two
// frames would be lost; the agent's shortcuts are read from these presses instead.
struct KeyPress {
  int key;
  int mods;
};
std::vector<KeyPress> g_keyPresses;

// For the same reason a key released before the frame that would see it pressed reaches
// ImGui only after that frame, just before the next one starts (never in the middle of a
// frame: ImGui checks that the modifier keys do not change within one), so that ImGui sees
// it down once (Enter in a search field, Ctrl+A, Shift for a capital letter). Keys pressed
// since the last frame started, and releases held back:
std::vector<int> g_pressedThisFrame;
struct HeldRelease {
  GLFWwindow* window;
  int key, scancode, mods;
};
std::vector<HeldRelease> g_heldReleases;

void onKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
  markInput();
  if (action == GLFW_PRESS) {
    g_keyPresses.push_back({key, mods});
    g_pressedThisFrame.push_back(key);
  }
  const bool pressedThisFrame =
      std::find(g_pressedThisFrame.begin(), g_pressedThisFrame.end(), key) != g_pressedThisFrame.end();
  if (action == GLFW_RELEASE && pressedThisFrame) {
    g_heldReleases.push_back({window, key, scancode, mods});
    return;
  }
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}
// Called between two frames, after the one that saw the presses: the releases go in, and a
// frame follows that sees the keys up.
void releaseHeldKeys() {
  for (const auto& r : g_heldReleases) ImGui_ImplGlfw_KeyCallback(r.window, r.key, r.scancode, GLFW_RELEASE, r.mods);
  if (!g_heldReleases.empty()) g_inputFrames = std::max(g_inputFrames, 1);
  g_heldReleases.clear();
}
void onChar(GLFWwindow* window, unsigned int c) {
  markInput();
  ImGui_ImplGlfw_CharCallback(window, c);
}
void onMouseButton(GLFWwindow* window, int button, int action, int mods) {
  markInput();
  ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
}
void onCursor(GLFWwindow*, double, double) {
  markInput();  // the backend reads the position itself each frame
}
void onCursorEnter(GLFWwindow* window, int entered) {
  markInput();
  ImGui_ImplGlfw_CursorEnterCallback(window, entered);
}
void onScroll(GLFWwindow* window, double x, double y) {
  markInput();
  ImGui_ImplGlfw_ScrollCallback(window, x, y);
}
void onFocus(GLFWwindow* window, int focused) {
  markInput();
  ImGui_ImplGlfw_WindowFocusCallback(window, focused);
}

// Set by SIGINT/SIGTERM; the loop (which wakes at least once a second) closes the window
// so that the layout is saved and the desk stops cleanly.
volatile std::sig_atomic_t g_closeRequested = 0;
void requestClose(int) {
  g_closeRequested = 1;
}

void loadFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  const float size = 16.0f * scale;
  if (std::filesystem::exists(kLatinFont)) {
    // Latin, the arrows of a customer's feeling, and the telephone and envelope of the
    // queue's channel icons.
    static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x0100, 0x024F, 0x2000, 0x206F,
                                      0x2190, 0x21FF, 0x2600, 0x27BF, 0};
    io.Fonts->AddFontFromFileTTF(kLatinFont, size, nullptr, kRanges);
  } else {
    spdlog::warn("{} not found (Debian package fonts-dejavu-core); using the built-in font", kLatinFont);
    io.Fonts->AddFontDefault();
  }
  if (std::filesystem::exists(kCjkFont)) {
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.FontNo = 0;
    // 21,000 glyphs: rasterised once across (not three times for sub-pixel positions, the
    // default), they fit an atlas a third the size: 4096x4096 RGBA was 64 MiB in the GL driver.
    merge.OversampleH = 1;
    merge.PixelSnapH = true;
    io.Fonts->AddFontFromFileTTF(kCjkFont, size, &merge, io.Fonts->GetGlyphRangesChineseFull());
  } else {
    spdlog::warn("{} not found (Debian package fonts-wqy-microhei); Chinese text will not render", kCjkFont);
  }
}

// The agent's shortcuts from the key presses since the last frame.
views::AgentKeys agentKeys() {
  views::AgentKeys keys;
  const bool typing = ImGui::GetIO().WantTextInput;
  for (const auto& [key, mods] : g_keyPresses) {
    const bool ctrl = (mods & GLFW_MOD_CONTROL) != 0;
    const bool alt = (mods & GLFW_MOD_ALT) != 0;
    if (key == GLFW_KEY_F1) keys.help = true;
    if (key == GLFW_KEY_ESCAPE) keys.escape = true;
    if (alt && !ctrl && key >= GLFW_KEY_1 && key <= GLFW_KEY_9) keys.altDigit = key - GLFW_KEY_0;
    if (alt && !ctrl && key >= GLFW_KEY_KP_1 && key <= GLFW_KEY_KP_9) keys.altDigit = key - GLFW_KEY_KP_0;
    if (key == GLFW_KEY_F2) keys.answer = true;
    if (key == GLFW_KEY_F3) keys.hangUp = true;
    if (key == GLFW_KEY_F4) keys.hold = true;
    if (key == GLFW_KEY_F6) keys.pauseRecording = true;
    if (key == GLFW_KEY_F7) keys.transfer = true;
    if (key == GLFW_KEY_F8) keys.mute = true;
    if (ctrl && key == GLFW_KEY_R) keys.reply = true;
    if (ctrl && (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER)) keys.finishWrapUp = true;
    if (ctrl && key == GLFW_KEY_F) keys.search = true;
    if (ctrl && !alt && key >= GLFW_KEY_1 && key <= GLFW_KEY_9) keys.ctrlDigit = key - GLFW_KEY_0;
    if (!ctrl && !alt && !typing && key >= GLFW_KEY_1 && key <= GLFW_KEY_9) keys.digit = key - GLFW_KEY_0;
    if (!ctrl && !alt && !typing && key == GLFW_KEY_SPACE) keys.play = true;
    if (!ctrl && !alt && !typing && key == GLFW_KEY_COMMA) keys.previousEvent = true;
    if (!ctrl && !alt && !typing && key == GLFW_KEY_PERIOD) keys.nextEvent = true;
    if (!ctrl && !alt && !typing && key >= GLFW_KEY_KP_1 && key <= GLFW_KEY_KP_9) keys.digit = key - GLFW_KEY_KP_0;
  }
  g_keyPresses.clear();
  return keys;
}

std::string defaultLayoutPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path base = xdg && *xdg ? xdg : (home ? std::filesystem::path(home) / ".config" : ".");
  std::error_code ec;
  std::filesystem::create_directories(base / "frontline", ec);
  return (base / "frontline" / "layout.ini").string();
}

}  // namespace

int runConsole(const Config& config, const ConsoleOptions& options) {
  if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) {
    std::fprintf(stderr,
                 "frontline: no display (DISPLAY is not set). Run the console on a desktop, or headless under Xvfb:\n"
                 "  xvfb-run -a -s \"-screen 0 1600x1000x24\" frontline --config FILE\n"
                 "or run without a window: frontline serve --config FILE\n");
    return 2;
  }
  glfwSetErrorCallback([](int code, const char* text) { spdlog::error("GLFW {}: {}", code, text); });
  if (!glfwInit()) return 2;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // The whole work area of the primary monitor: the workspace fills the window and
  // follows its size when the user resizes it.
  int areaX = 0, areaY = 0, areaWidth = 1400, areaHeight = 900;
  if (GLFWmonitor* monitor = glfwGetPrimaryMonitor())
    glfwGetMonitorWorkarea(monitor, &areaX, &areaY, &areaWidth, &areaHeight);
  GLFWwindow* window = glfwCreateWindow(std::max(areaWidth, 640), std::max(areaHeight, 480),
                                        ("Frontline - " + config.agent.name).c_str(), nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return 2;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  // Times on screen in the agent's zone (ui.time_zone), else the system's.
  if (!config.ui.timeZone.empty()) setenv("TZ", config.ui.timeZone.c_str(), 1);
  tzset();
  const std::string layout = options.layoutPath.empty() ? defaultLayoutPath() : options.layoutPath;
  ImGui::GetIO().IniFilename = layout.c_str();
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows, Space: every control
  const bool light = config.ui.theme == "light";
  if (light) {
    ImGui::StyleColorsLight();
  } else {
    ImGui::StyleColorsDark();
  }
  // HiDPI: the monitor's content scale, unless ui.scale sets one.
  float scaleX = 1.0f;
  float scaleY = 1.0f;
  glfwGetWindowContentScale(window, &scaleX, &scaleY);
  const float scale = config.ui.scale > 0.0f ? config.ui.scale : scaleX;
  ImGui::GetStyle().ScaleAllSizes(scale);
  loadFonts(scale);

  glfwSetKeyCallback(window, onKey);
  glfwSetCharCallback(window, onChar);
  glfwSetMouseButtonCallback(window, onMouseButton);
  glfwSetCursorPosCallback(window, onCursor);
  glfwSetScrollCallback(window, onScroll);
  glfwSetWindowFocusCallback(window, onFocus);
  glfwSetCursorEnterCallback(window, onCursorEnter);
  glfwSetMonitorCallback(ImGui_ImplGlfw_MonitorCallback);
  ImGui_ImplGlfw_InitForOpenGL(window, false);  // our callbacks above pass events on
  ImGui_ImplOpenGL3_Init("#version 130");

  {
    RuntimeOptions runtimeOptions;
    runtimeOptions.onChange = [] { glfwPostEmptyEvent(); };
    runtimeOptions.demoTrafficSeconds = options.demoTrafficSeconds;
    runtimeOptions.demoFloorAgents = options.demoFloorAgents;
    runtimeOptions.casePath = options.replayCasePath;
    Runtime runtime(config, runtimeOptions);
    desk::Desk& desk = runtime.desk();
    // A listener that cannot bind: the workspace's banner says which, where and why, and
    // the agent stays not ready (the desk refuses Available).
    // Only an agent's desk takes contacts: a supervisor's or trainer's window has nobody to
    // answer them, so it opens no listeners. A failure is logged and shown in the banner.
    if (config.agent.role == "agent" && options.replayCasePath.empty()) runtime.startListeners();
    const std::vector<std::string>& bound = runtime.listening();
    views::UiDump dump(options.uiDumpPath);
    FrameStats frameStats(options.frameStatsPath);
    auto workspace = views::createWorkspace(options.replayCasePath.empty() ? config.agent.role : "trainer");
    std::uint64_t drawnVersion = 0;
    std::uint64_t floorVersion = 0;
    std::uint64_t replayVersion = 0;
    std::uint64_t headsetVersion = 0;
    telephony::HeadsetState headsetState;
    std::set<std::string> alertsShown;  // alerts the desktop was asked to flash for
    std::string ringingShown;           // the last ringing call the desktop was alerted to
    std::int64_t nextTickUs = 0;        // when a clock on screen next changes; set by the views

    std::signal(SIGINT, requestClose);
    std::signal(SIGTERM, requestClose);
    // A signal handler may not call GLFW; this thread turns the flag into a wake-up.
    std::atomic<bool> windowOpen{true};
    std::thread signalWatcher([&windowOpen] {
      pthread_setname_np(pthread_self(), "fl-signals");
      while (windowOpen && !g_closeRequested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      glfwPostEmptyEvent();
    });
    bool fontTextureChecked = false;
    while (!glfwWindowShouldClose(window)) {
      releaseHeldKeys();  // the last frame saw these keys down
      if (g_closeRequested) glfwSetWindowShouldClose(window, GLFW_TRUE);
      // Sleep until input, a new snapshot or the next clock change on screen. While input
      // is arriving, draw a few frames back to back.
      if (g_inputFrames > 0 || options.continuousRedraw) {
        glfwPollEvents();
        --g_inputFrames;
      } else {
        // Until the next clock on screen changes (at most a minute), or an event.
        const double wait = std::clamp(static_cast<double>(nextTickUs - desk::systemNowUs()) / 1e6, 0.0, 60.0);
        if (wait > 0.0) {
          glfwWaitEventsTimeout(wait);
        } else {
          glfwPollEvents();
        }
      }
      auto snapshot = desk.snapshot();
      floor::FloorSnapshotPtr floorSnapshot = runtime.floor() ? runtime.floor()->snapshot() : nullptr;
      if (floorSnapshot && floorSnapshot->version != floorVersion) {
        floorVersion = floorSnapshot->version;
        g_inputFrames = std::max(g_inputFrames, 1);
        // A new alert asks the desktop for attention, as a ringing call does for an agent.
        for (const auto& a : floorSnapshot->alerts) {
          if (alertsShown.insert(a.key).second) glfwRequestWindowAttention(window);
        }
      }
      replay::TrainerSnapshotPtr replaySnapshot = runtime.replay() ? runtime.replay()->snapshot() : nullptr;
      if (replaySnapshot && replaySnapshot->version != replayVersion) {
        replayVersion = replaySnapshot->version;
        g_inputFrames = std::max(g_inputFrames, 1);
      }
      if (auto* headset = runtime.headset()) {
        headsetState = headset->state();
        if (headsetState.version != headsetVersion) {
          headsetVersion = headsetState.version;
          runtime.refreshListening();  // the status line names the device in use
          g_inputFrames = std::max(g_inputFrames, 1);
        }
      }
      if (snapshot->version != drawnVersion) {
        drawnVersion = snapshot->version;
        g_inputFrames = std::max(g_inputFrames, 1);
        // A new ringing call asks the desktop for attention (taskbar flash) besides the pop.
        if (snapshot->pop && snapshot->pop->status == desk::ContactStatus::Ringing &&
            snapshot->pop->interactionId != ringingShown) {
          ringingShown = snapshot->pop->interactionId;
          glfwRequestWindowAttention(window);
        }
      }

      const auto frameStart = std::chrono::steady_clock::now();
      ImGui_ImplOpenGL3_NewFrame();
      if (!fontTextureChecked) {  // the backend made its RGBA font texture in that first NewFrame
        fontTextureChecked = true;
        if (!useSingleChannelFontTexture()) spdlog::info("the GL driver cannot swizzle; the font texture stays RGBA");
      }
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      g_pressedThisFrame.clear();  // this frame sees them; a release from now on can go straight in
      dump.beginFrame();
      views::ViewContext ctx{
          *snapshot, [&desk](const desk::Command& c) { desk.post(c); }, dump, desk::systemNowUs(), bound, agentKeys()};
      ctx.syncLine = describeSync(runtime.sync(), ctx.nowUs);
      ctx.floor = floorSnapshot.get();
      if (const auto* calls = runtime.listeners()) {
        ctx.callQuality = [calls](const std::string& key) { return calls->callQuality(key); };
        ctx.dialError = [calls] { return calls->dialError(); };
      }
      if (auto* headset = runtime.headset()) {
        ctx.headset.state = &headsetState;
        ctx.headset.refresh = [headset] { headset->refresh(); };
        ctx.headset.choose = [headset](const std::string& spec) { headset->choose(spec); };
      }
      if (auto* worker = runtime.replay()) {
        ctx.replay.snapshot = replaySnapshot.get();
        ctx.replay.search = [worker](const replay::SearchRequest& r) { worker->search(r); };
        ctx.replay.open = [worker](const std::string& id, bool unmasked) { worker->open(id, unmasked); };
        ctx.replay.player = runtime.player();
        ctx.replay.playerError = runtime.playerError();
      }
      workspace->draw(ctx);
      nextTickUs = std::min(ctx.nextTickUs, ctx.nowUs + 60'000'000);
      ImGui::Render();
      dump.endFrame(ImGui::GetIO().WantTextInput);

      int width = 0;
      int height = 0;
      glfwGetFramebufferSize(window, &width, &height);
      glViewport(0, 0, width, height);
      if (light) {
        glClearColor(0.90f, 0.91f, 0.93f, 1.0f);
      } else {
        glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
      }
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      glfwSwapBuffers(window);
      // The font atlas (Latin and every Chinese glyph) is in the GL texture since the first
      // frame: its CPU images (8 and 32 bits a pixel) and the font files it was made from
      // (5 MiB of WenQuanYi) are not needed again; the glyphs' metrics stay.
      if (ImGui::GetIO().Fonts->TexPixelsAlpha8 || ImGui::GetIO().Fonts->TexPixelsRGBA32) {
        ImGui::GetIO().Fonts->ClearTexData();
        ImGui::GetIO().Fonts->ClearInputData();
      }
      if (frameStats.enabled()) {
        const auto frameEnd = std::chrono::steady_clock::now();
        frameStats.frame(std::chrono::duration_cast<std::chrono::microseconds>(frameEnd - frameStart).count(),
                         snapshot->pop && snapshot->pop->view ? snapshot->pop->view->history.size() : 0);
        if (snapshot->pop && snapshot->pop->receivedSteadyNs) {
          const auto endNs = std::chrono::duration_cast<std::chrono::nanoseconds>(frameEnd.time_since_epoch()).count();
          frameStats.popShown(snapshot->pop->interactionId, (endNs - snapshot->pop->receivedSteadyNs) / 1000);
        }
        if (floorSnapshot) frameStats.floorShown(floorSnapshot->lastEventUs, desk::systemNowUs());
      }
    }
    windowOpen = false;
    signalWatcher.join();
    // The layout is saved while the workspace whose settings handler writes the splits and
    // the headset still exists (ImGui would save it again when its context goes, reading a
    // workspace that is gone).
    if (ImGui::GetIO().IniFilename) ImGui::SaveIniSettingsToDisk(ImGui::GetIO().IniFilename);
    ImGui::GetIO().IniFilename = nullptr;
    workspace.reset();
  }  // the runtime stops its parts in order (runtime.h)

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}

}  // namespace frontline::app
