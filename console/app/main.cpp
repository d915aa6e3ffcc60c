// frontline: the agent console (default), `serve` (headless), `demo-data`, `sync --once`,
// `central init`, `import`, `report` and `replay export`.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "app/audio_command.h"
#include "app/config.h"
#include "app/console_window.h"
#include "app/demo_data_command.h"
#include "app/emotion_command.h"
#include "app/recording_command.h"
#include "app/relay_check_command.h"
#include "app/replay_command.h"
#include "app/report_command.h"
#include "app/serve_command.h"
#include "app/sync_command.h"

namespace {

frontline::app::Config configFrom(const std::string& path) {
  return path.empty() ? frontline::app::Config{} : frontline::app::loadConfig(path);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace frontline::app;
  CLI::App cli{"Frontline: contact-handling agent console for call centres"};
  cli.require_subcommand(0, 1);
  std::string configPath;
  ConsoleOptions console;
  cli.add_option("--config", configPath, "Configuration file (TOML); defaults apply without one")
      ->check(CLI::ExistingFile);
  cli.add_option("--ui-dump", console.uiDumpPath, "Write what each window shows to FILE (JSON) as it changes");
  cli.add_option("--layout", console.layoutPath, "Window layout file (default ~/.config/frontline/layout.ini)");
  cli.add_option("--frame-stats", console.frameStatsPath,
                 "On exit, write frame times and INVITE-to-first-frame times to FILE (benchmarks)");
  cli.add_flag("--continuous-redraw", console.continuousRedraw,
               "Draw frames back to back instead of sleeping when idle (frame-time benchmark)");
  cli.add_option("--demo-traffic", console.demoTrafficSeconds,
                 "Send demo calls and emails to this console's own listeners, one every SECONDS on average");

  cli.add_option("--demo-floor", console.demoFloorAgents,
                 "Simulate N agent consoles that push their work to the central store (the supervisor's demo)");

  cli.add_option("--replay", console.replayCasePath,
                 "Open a training case file (from `replay export`) in the trainer's replay, with no store or network")
      ->check(CLI::ExistingFile);

  auto* serve = cli.add_subcommand("serve", "Run the desk and store without a window, until SIGINT/SIGTERM");
  std::string serveConfig;
  serve->add_option("--config", serveConfig, "Configuration file (TOML)")->check(CLI::ExistingFile);

  auto* demo = cli.add_subcommand("demo-data", "Write a deterministic demo store (customers, orders, history)");
  DemoDataArgs demoArgs;
  demo->add_option("--db", demoArgs.dbPath, "Store file to create (must not exist)")->required();
  demo->add_option("--customers", demoArgs.customers, "Number of customers")->capture_default_str();
  demo->add_option("--seed", demoArgs.seed, "Random seed: the same seed gives the same rows")->capture_default_str();
  demo->add_option("--as-of", demoArgs.asOf, "Date the history ends, YYYY-MM-DD (default: today, UTC)");

  auto* syncCmd = cli.add_subcommand("sync", "Push this console's events to the central store and pull the others'");
  std::string syncConfig;
  bool once = false;
  syncCmd->add_option("--config", syncConfig, "Configuration file (TOML)")->check(CLI::ExistingFile);
  syncCmd->add_flag("--once", once, "One round, then exit (the console syncs continuously by itself)")->required();

  auto* central = cli.add_subcommand("central", "The central store");
  central->require_subcommand(1);
  auto* init = central->add_subcommand("init", "Create or upgrade the central store's schema (central.url)");
  std::string initConfig;
  init->add_option("--config", initConfig, "Configuration file (TOML)")->check(CLI::ExistingFile);

  auto* import = cli.add_subcommand("import", "Import customers and orders from CSV files into the central store");
  std::string importConfig;
  std::string customersCsv;
  std::string ordersCsv;
  import->add_option("--config", importConfig, "Configuration file (TOML)")->check(CLI::ExistingFile);
  import->add_option("--customers", customersCsv, "customers.csv (id,name,country,customer_since,...)")->required();
  import->add_option("--orders", ordersCsv, "orders.csv (number,customer_id,ordered,status,total,currency,...)");

  auto* report = cli.add_subcommand("report", "The supervisor's figures over a date range, as CSV or JSON");
  std::string reportConfig;
  ReportArgs reportArgs;
  report->add_option("--config", reportConfig, "Configuration file (TOML)")->check(CLI::ExistingFile);
  report->add_option("--from", reportArgs.from, "First day, YYYY-MM-DD (in ui.time_zone)")->required();
  report->add_option("--to", reportArgs.to, "Last day, YYYY-MM-DD, included")->required();
  report->add_option("--by", reportArgs.by, "agent, queue, priority, category, day or interval")->capture_default_str();
  report->add_option("--format", reportArgs.format, "csv or json")->capture_default_str();

  auto* replayCmd = cli.add_subcommand("replay", "Training cases from past contacts");
  replayCmd->require_subcommand(1);
  auto* exportCmd = replayCmd->add_subcommand("export", "Write a contact as a masked, self-contained training case");
  std::string exportConfig;
  ReplayExportArgs exportArgs;
  exportCmd->add_option("--config", exportConfig, "Configuration file (TOML)")->check(CLI::ExistingFile);
  exportCmd->add_option("--interaction", exportArgs.interactionId, "The contact's id (the trainer's search shows it)")
      ->required();
  exportCmd->add_option("--out", exportArgs.outPath, "The case file to write (replaced if it exists)")->required();

  auto* recordingCmd = cli.add_subcommand("recording", "Call recordings");
  recordingCmd->require_subcommand(1);
  auto* recordingCheck =
      recordingCmd->add_subcommand("check", "Read a call recording back: its length, channels and SHA-256");
  std::string recordingPath;
  std::string recordingWav;
  recordingCheck->add_option("FILE", recordingPath, "The recording (.opus)")->required();
  recordingCheck->add_option("--wav", recordingWav, "Also write it as a WAV file (48 kHz, customer left, agent right)");

  auto* emotionCmd = cli.add_subcommand("emotion", "The emotion index: how customers felt, from their words and voice");
  emotionCmd->require_subcommand(1);
  auto* emotionScore = emotionCmd->add_subcommand(
      "score", "Score one text per line from standard input: valence, arousal, index, confidence, evidence words");
  std::string emotionConfig;
  EmotionScoreArgs emotionArgs;
  emotionScore->add_option("--config", emotionConfig, "Configuration file (TOML): [emotion] lexicons")
      ->check(CLI::ExistingFile);
  emotionScore->add_option("--lang", emotionArgs.language, "auto, en or zh")->capture_default_str();
  emotionScore->add_flag("--json", emotionArgs.json, "One JSON object per line");
  emotionScore->add_flag("--sources", emotionArgs.sources, "First print the lexicon files and checksum (stderr)");

  auto* emotionRescore = emotionCmd->add_subcommand(
      "rescore", "Score again every contact scored by another lexicon or scorer version (after a lexicon change)");
  std::string rescoreConfig;
  std::string rescoreSince;
  emotionRescore->add_option("--config", rescoreConfig, "Configuration file (TOML): the store and [emotion]")
      ->check(CLI::ExistingFile);
  emotionRescore->add_option("--since", rescoreSince, "Only contacts the customer wrote to since this day, YYYY-MM-DD");

  auto* emotionCorrections =
      emotionCmd->add_subcommand("corrections", "The trainers' corrections of the index, and how far it was off");
  std::string correctionsConfig;
  std::string correctionsSince;
  bool correctionsJson = false;
  emotionCorrections->add_option("--config", correctionsConfig, "Configuration file (TOML): the store")
      ->check(CLI::ExistingFile);
  emotionCorrections->add_option("--since", correctionsSince, "Only corrections made since this day, YYYY-MM-DD");
  emotionCorrections->add_flag("--json", correctionsJson, "One JSON object per correction");

  auto* emotionVoice = emotionCmd->add_subcommand(
      "voice", "A recording's customer voice: speech segments, loudness, pitch, rate, talk-over, arousal");
  std::string voicePath;
  emotionVoice->add_option("FILE", voicePath, "A call recording (Ogg Opus or WAV; customer left, agent right)")
      ->required()
      ->check(CLI::ExistingFile);

  auto* audioCmd = cli.add_subcommand("audio", "The agent's headset");
  audioCmd->require_subcommand(1);
  auto* audioDevices = audioCmd->add_subcommand(
      "devices", "List the speakers and microphones the sound server offers, with the audio.device that chooses each");

  auto* relayCheck =
      cli.add_subcommand("relay-check", "Send one test message through smtp.relay (with its TLS and AUTH settings)");
  std::string relayConfig;
  std::string relayTo;
  relayCheck->add_option("--config", relayConfig, "Configuration file (TOML)")->check(CLI::ExistingFile);
  relayCheck->add_option("--to", relayTo, "Where the test message goes")->required();

  CLI11_PARSE(cli, argc, argv);
  try {
    if (*demo) return runDemoData(demoArgs);
    if (*syncCmd) return runSyncOnce(configFrom(syncConfig.empty() ? configPath : syncConfig));
    if (*init) return runCentralInit(configFrom(initConfig.empty() ? configPath : initConfig));
    if (*import)
      return runImport(configFrom(importConfig.empty() ? configPath : importConfig), customersCsv, ordersCsv);
    if (*serve) return runServe(configFrom(serveConfig.empty() ? configPath : serveConfig));
    if (*exportCmd) return runReplayExport(configFrom(exportConfig.empty() ? configPath : exportConfig), exportArgs);
    if (*recordingCheck) return runRecordingCheck(recordingPath, recordingWav);
    if (*audioDevices) return runAudioDevices();
    if (*emotionRescore)
      return runEmotionRescore(configFrom(rescoreConfig.empty() ? configPath : rescoreConfig), rescoreSince);
    if (*emotionVoice) return runEmotionVoice(voicePath);
    if (*emotionCorrections)
      return runEmotionCorrections(configFrom(correctionsConfig.empty() ? configPath : correctionsConfig),
                                   correctionsSince, correctionsJson);
    if (*emotionScore)
      return runEmotionScore(configFrom(emotionConfig.empty() ? configPath : emotionConfig), emotionArgs);
    if (*relayCheck) return runRelayCheck(configFrom(relayConfig.empty() ? configPath : relayConfig), relayTo);
    if (*report) return runReport(configFrom(reportConfig.empty() ? configPath : reportConfig), reportArgs);
    return runConsole(configFrom(configPath), console);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "frontline: configuration error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontline: %s\n", e.what());
    return 1;
  }
}
