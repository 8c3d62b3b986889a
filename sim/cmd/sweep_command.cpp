// sweep: every variant of a sweep file into its store, resumable; then the decision (the
// break-even and the robustness summary) and the exports: results.csv, paired.csv,
// decision.json and sweep.html.
#include <chrono>
#include <cstdio>
#include <optional>

#include "cmd/commands.hpp"
#include "cmd/progress_line.hpp"
#include "cmd/stopping.hpp"
#include "flowfolio/cluster/cluster.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/output/result_folder.hpp"
#include "flowfolio/studies/sweep.hpp"

namespace flowfolio::cmd {

namespace {
// The first `most` bytes of `text`, not cutting a UTF-8 character in two.
std::string shortened(const std::string& text, std::size_t most) {
  if (text.size() <= most) return text;
  std::size_t end = most;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

}  // namespace

int command_sweep(const SweepArguments& args, const std::string& command_line) {
  const std::string& file = args.file;
  const bool quiet = args.quiet;
  Sweep sweep = read_sweep_file(file, args.decision);
  if (args.trials) sweep.trials = *args.trials;
  when_interrupted("the variants already complete stay in the store; run the same sweep again to resume");
  const std::string dir = out_folder(args.out, file);
  // The sweep's own folder, kept by rank 0 alone (cluster.hpp): created and marked, or
  // one it marked before (a resumed sweep).
  std::optional<WorkFolder> folder;
  if (cluster_leader()) folder.emplace(dir, "--out", "sweep", std::vector<std::string>{"store.sqlite"});
  const std::string store = folder ? folder->path("store.sqlite") : "";
  ProgressLine line(3);
  const auto progress = [&](const SweepProgress& p) {
    if (quiet) return;
    const std::size_t finished = p.done + p.skipped;
    const double rate = p.done > 0 ? p.done / p.seconds : 0;  // variants a second, this session
    const double left = rate > 0 ? (p.total - finished) / rate : 0;
    char text[300];
    std::snprintf(text, sizeof text, "[%zu/%zu] %s%s; %.2f variants/s, about %.0f s left", finished, p.total,
                  shortened(printable(p.variant), 80).c_str(), finished <= p.skipped ? " (already in the store)" : "", rate, left);
    line.show(text, p.seconds, finished == p.total);
  };
  const auto start = std::chrono::steady_clock::now();
  const SweepOptions options{.store = store, .threads = args.threads, .stop = &g_stop, .progress = progress,
                             .command_line = command_line, .runner = &cluster_runner()};
  SweepOutcome outcome;
  try {
    outcome = run_sweep(sweep, options);
  } catch (const InputError&) {
    if (folder) folder->abandon();  // refused before it began: nothing is left behind
    throw;
  }
  if (sweep.break_even) phase("break-even");
  const SweepDecision decision = decide(sweep, outcome, options);
  if (!cluster_leader()) return 0;
  phase("write");
  record_decision(store, outcome.run_id, sweep, decision);
  folder->write("results.csv", results_csv(store));
  folder->write("paired.csv", paired_csv(store));
  const std::string json = decision_json(store, outcome.run_id, sweep, decision);
  folder->write("decision.json", json);
  folder->write("sweep.html", sweep_page(sweep, json));
  if (quiet) return 0;
  std::printf("sweep %s: %zu variants run, %zu already in the store, in %.1f s; wrote %s/store.sqlite, results.csv, "
              "paired.csv, decision.json and sweep.html\n",
              outcome.run_id.c_str(), outcome.ran, outcome.skipped,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), dir.c_str());
  for (const BreakEven& b : decision.break_even) std::printf("%s\n", b.sentence.c_str());
  if (decision.robustness) std::printf("%s\n", decision.robustness->sentence.c_str());
  return 0;
}

}  // namespace flowfolio::cmd
