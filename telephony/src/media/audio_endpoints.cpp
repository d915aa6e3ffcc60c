// The sound server's sinks and sources; see audio_endpoints.h.
//
// libpulse's asynchronous API on a mainloop of our own, iterated on the calling thread until
// the three queries (server info, sinks, sources) are answered or two seconds pass.
#include "telephony/media/audio_endpoints.h"

#include <pulse/context.h>
#include <pulse/error.h>
#include <pulse/introspect.h>
#include <pulse/mainloop.h>

#include <algorithm>
#include <chrono>

namespace frontline::telephony::media {

namespace {

struct Query {
  AudioEndpoints result;
  int pending = 0;  // queries not answered yet
};

void onServer(pa_context*, const pa_server_info* info, void* data) {
  auto& q = *static_cast<Query*>(data);
  if (info) {
    q.result.defaultOutput = info->default_sink_name ? info->default_sink_name : "";
    q.result.defaultInput = info->default_source_name ? info->default_source_name : "";
  }
  --q.pending;
}

void onSink(pa_context*, const pa_sink_info* info, int eol, void* data) {
  auto& q = *static_cast<Query*>(data);
  if (eol) {
    --q.pending;
    return;
  }
  q.result.outputs.push_back({info->name, info->description ? info->description : info->name, false});
}

void onSource(pa_context*, const pa_source_info* info, int eol, void* data) {
  auto& q = *static_cast<Query*>(data);
  if (eol) {
    --q.pending;
    return;
  }
  q.result.inputs.push_back(
      {info->name, info->description ? info->description : info->name, info->monitor_of_sink != PA_INVALID_INDEX});
}

}  // namespace

AudioEndpoints listAudioEndpoints() {
  Query q;
  pa_mainloop* loop = pa_mainloop_new();
  pa_context* context = pa_context_new(pa_mainloop_get_api(loop), "Frontline");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  const auto late = [&] { return std::chrono::steady_clock::now() > deadline; };
  bool asked = false;
  if (pa_context_connect(context, nullptr, PA_CONTEXT_NOFLAGS, nullptr) < 0) {
    q.result.error = std::string("no sound server: ") + pa_strerror(pa_context_errno(context));
  }
  while (q.result.error.empty()) {
    const pa_context_state_t state = pa_context_get_state(context);
    if (state == PA_CONTEXT_FAILED || state == PA_CONTEXT_TERMINATED) {
      q.result.error = std::string("no sound server: ") + pa_strerror(pa_context_errno(context));
      break;
    }
    if (state == PA_CONTEXT_READY && !asked) {
      asked = true;
      q.pending = 3;
      for (pa_operation* op :
           {pa_context_get_server_info(context, onServer, &q), pa_context_get_sink_info_list(context, onSink, &q),
            pa_context_get_source_info_list(context, onSource, &q)}) {
        if (op) {
          pa_operation_unref(op);
        } else {
          --q.pending;
        }
      }
    }
    if (asked && q.pending <= 0) break;
    if (late()) {
      q.result.error = "the sound server did not answer within 2 s";
      break;
    }
    pa_mainloop_prepare(loop, 100'000);  // wake at least every 100 ms to watch the deadline
    pa_mainloop_poll(loop);
    pa_mainloop_dispatch(loop);
  }
  pa_context_disconnect(context);
  pa_context_unref(context);
  pa_mainloop_free(loop);
  if (!q.result.error.empty()) return AudioEndpoints{{}, {}, {}, {}, q.result.error};
  std::stable_partition(q.result.inputs.begin(), q.result.inputs.end(),
                        [](const AudioEndpoint& e) { return !e.monitor; });
  return q.result;
}

std::string pulseDeviceSpec(const std::string& output, const std::string& input) {
  if (output.empty() && input.empty()) return "pulse";
  return "pulse:" + output + "," + input;
}

bool parsePulseDeviceSpec(const std::string& spec, std::string& output, std::string& input) {
  if (spec == "pulse") {
    output.clear();
    input.clear();
    return true;
  }
  if (spec.rfind("pulse:", 0) != 0) return false;
  const std::string names = spec.substr(6);
  const std::size_t comma = names.find(',');
  output = names.substr(0, comma);
  input = comma == std::string::npos ? std::string() : names.substr(comma + 1);
  return true;
}

}  // namespace frontline::telephony::media
