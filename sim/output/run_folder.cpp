#include "flowfolio/output/run_folder.hpp"

#include <string_view>
#include <utility>

#include "flowfolio/core/error.hpp"
#include "flowfolio/output/report.hpp"

namespace flowfolio {

namespace {
// trials.csv can run to hundreds of megabytes: it is streamed, not held whole, and a stop
// asked for while it is written is answered within a row.
void write_trials(ResultFolder& folder, const RunResults& results, const std::atomic<bool>* stop) {
  folder.write(run_files::kTrials, [&](const TextSink& sink) {
    trials_csv(results, [&](std::string_view piece) {
      if (stop && stop->load()) throw Interrupted();
      sink(piece);
    });
  });
}

// The report holds the results for a while: they are lent to it, not copied, since a
// large run's results may not fit in memory twice.
void write_report(ResultFolder& folder, RunFolderContent& c) {
  ReportInputs inputs{.scenario = c.scenario, .results = std::move(c.results), .series = {},
                      .manifest = c.manifest, .options = c.options};
  if (c.study) (c.study->file == run_files::kSensitivity ? inputs.sensitivity : inputs.frontier) = c.study->json;
  inputs.decision = c.decision;
  c.results = {};
  inputs.series = series_rows(inputs.results);
  folder.write(run_files::kReport, report_html(inputs));
  c.results = std::move(inputs.results);
}
}  // namespace

void write_run_folder(ResultFolder& folder, RunFolderContent& c) {
  folder.write(run_files::kSummary, summary_json(c.scenario, c.results, c.options));
  folder.write(run_files::kPaired, paired_json(c.scenario, c.results, c.options));
  folder.write(run_files::kSeries, series_csv(c.results));
  if (!c.results.summaries) write_trials(folder, c.results, c.stop);
  folder.write(run_files::kScenario, c.scenario_text);
  if (c.study) {
    folder.write(c.study->file, c.study->json);
    c.study->record(folder.staged_path(run_files::kStore));
  }
  if (!c.decision.empty()) folder.write(run_files::kDecision, c.decision);
  if (c.report) write_report(folder, c);
  c.manifest.files = folder.files();  // last: every file written beside it
  folder.write(run_files::kManifest, manifest_json(c.manifest));
  if (c.before_commit) c.before_commit();
  folder.commit();
}

}  // namespace flowfolio
