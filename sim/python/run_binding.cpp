// Runs from Python: the trials simulated without the GIL, the results as numpy views
// (the trial table) and as the result folder's texts, and the folder and report written
// as the CLI writes them.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "flowfolio/core/error.hpp"
#include "flowfolio/output/output.hpp"
#include "flowfolio/output/report.hpp"
#include "flowfolio/output/result_folder.hpp"
#include "flowfolio/output/run_folder.hpp"
#include "flowfolio/stats/run_plan.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "flowfolio/studies/decision.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "python/handles.hpp"
#include "python/interruptible.hpp"

namespace py = pybind11;

namespace flowfolio::python {

namespace {

struct RunCall {
  std::uint64_t trials = 0;  // the Python side has put the scenario's in for None
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::string statistics;
  std::optional<std::string> baseline;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string command_line;
};

ReportOptions report_options(const Scenario& scenario, const std::optional<std::string>& baseline,
                             const std::vector<std::pair<std::string, std::string>>& pairs) {
  ReportOptions options = ReportOptions::from(scenario);
  if (baseline) options.baseline = strategy_index(scenario, *baseline, "baseline");
  for (const auto& [a, b] : pairs) {
    const std::size_t first = strategy_index(scenario, a, "pairs");
    const std::size_t second = strategy_index(scenario, b, "pairs");
    if (first == second) throw InputError("pairs: " + a + " compared with itself");
    options.pairs.emplace_back(first, second);
  }
  return options;
}

// Trials in pieces of about a twentieth of the run, so that progress moves; the pieces
// give the same results as one run() (engine.hpp, extend).
RunResults simulate_exact(const Scenario& scenario, std::uint64_t trials, std::uint64_t seed,
                          unsigned threads, const std::atomic<bool>& stop, ProgressRelay& relay) {
  const Engine engine(scenario);
  RunResults results = empty_results(scenario, seed, false);
  const std::uint64_t piece = std::max<std::uint64_t>(4096, (trials / 20 + kTrialBlock - 1) / kTrialBlock * kTrialBlock);
  relay.count(0, trials);
  while (results.trials < trials) {
    extend(engine, results, std::min(piece, trials - results.trials), threads, &stop);
    relay.count(results.trials, trials);
  }
  return results;
}

std::shared_ptr<ResultsHandle> run_from_python(std::shared_ptr<const ScenarioSource> source,
                                               const RunCall& call, py::object progress) {
  const Scenario& scenario = *source->scenario;
  auto handle = std::make_shared<ResultsHandle>();
  handle->source = source;
  handle->options = report_options(scenario, call.baseline, call.pairs);
  const std::uint64_t seed = call.seed.value_or(scenario.seed);
  if (call.trials == 0) throw InputError("trials: must be at least 1");
  const std::uint64_t trials = call.trials;
  const RunPlan plan = plan_run(scenario, {.trials = trials,
                                           .threads = call.threads,
                                           .statistics = statistics_choice(call.statistics)});
  ProgressRelay relay(std::move(progress));
  const auto start = std::chrono::system_clock::now();
  run_interruptibly(
      [&](const std::atomic<bool>& stop) {
        handle->results =
            plan.summarized
                ? run_summarized(scenario, {.trials = trials, .seed = seed, .threads = call.threads, .stop = &stop},
                                 handle->options.baseline, handle->options.pairs)
                : simulate_exact(scenario, trials, seed, call.threads, stop, relay);
      },
      [&] { relay.show(); });
  const auto end = std::chrono::system_clock::now();
  handle->manifest = {.command_line = call.command_line,
                      .scenario_file = source->file,
                      .scenario_sha256 = source->sha256,
                      .start_time = iso_time(start),
                      .end_time = iso_time(end),
                      .seed = seed,
                      .trials = handle->results.trials,
                      .threads = handle->results.threads,
                      .overrides = source->overrides};
  return handle;
}

// The trials' metrics as one metric-major table, [metric][strategy * trials + trial]: the
// layout a pandas frame of one float block keeps, so that the frame needs no copy of it.
py::array_t<double> trial_table(const std::shared_ptr<ResultsHandle>& handle) {
  const RunResults& r = handle->results;
  if (r.summaries) throw InputError("the run kept summaries (statistics='sketch'), not every trial");
  const std::size_t n = r.trials, rows = n * r.strategies.size();
  if (handle->table.empty() && rows > 0) {
    handle->table.resize(kMetricCount * rows);
    for (std::size_t m = 0; m < kMetricCount; ++m)
      for (std::size_t s = 0; s < r.strategies.size(); ++s)
        std::copy_n(r.strategies[s].per_trial[m].data(), n, handle->table.data() + m * rows + s * n);
  }
  const py::object owner = py::cast(handle);
  return py::array_t<double>({kMetricCount, rows}, {rows * sizeof(double), sizeof(double)},
                             handle->table.data(), owner);
}

py::list metric_names() {
  py::list names;
  for (std::size_t m = 0; m < kMetricCount; ++m) names.append(std::string(metric_name(static_cast<Metric>(m))));
  return names;
}

// The result folder, written as `flowfolio run` writes it (run_folder.hpp).
void save(ResultsHandle& handle, const std::string& path) {
  const ScenarioSource& source = *handle.source;
  ResultFolder folder(path);
  folder.prepare();
  run_interruptibly([&](const std::atomic<bool>& stop) {
    RunFolderContent content{.scenario = *source.scenario,
                             .results = handle.results,
                             .options = handle.options,
                             .manifest = handle.manifest,
                             .scenario_text = resolved_scenario_text(source.text, source.file, {}),
                             .stop = &stop};
    write_run_folder(folder, content);
  });
}

// The one-page report, with its "what would change the answer" study on the run's seed.
void report(ResultsHandle& handle, const std::string& path, py::object progress) {
  if (handle.results.summaries)
    throw InputError("report: the report needs every trial; run with statistics=\"exact\"");
  const ScenarioSource& source = *handle.source;
  ProgressRelay relay(std::move(progress));
  std::string html;
  run_interruptibly(
      [&](const std::atomic<bool>& stop) {
        ReportInputs inputs{.scenario = *source.scenario,
                            .series = series_rows(handle.results),
                            .manifest = handle.manifest,
                            .options = handle.options};
        inputs.decision = report_decision_json(
            *source.scenario, source.text, source.file, handle.results,
            {.seed = handle.manifest.seed, .overrides = source.overrides,
             .baseline = handle.options.baseline, .stop = &stop, .progress = relay.counter()});
        inputs.results = std::move(handle.results);  // lent to the page, given back below
        try {
          html = report_html(inputs);
        } catch (...) {
          handle.results = std::move(inputs.results);
          throw;
        }
        handle.results = std::move(inputs.results);
      },
      [&] { relay.show(); });
  write_owned_file(path, "report", html, is_report_html);
}

}  // namespace

void bind_run(py::module_& m) {
  py::class_<ResultsHandle, std::shared_ptr<ResultsHandle>>(m, "ResultsHandle")
      .def_property_readonly("strategies",
                             [](const ResultsHandle& h) {
                               std::vector<std::string> names;
                               for (const StrategyResults& s : h.results.strategies) names.push_back(s.name);
                               return names;
                             })
      .def_property_readonly("trials", [](const ResultsHandle& h) { return h.results.trials; })
      .def_property_readonly("seed", [](const ResultsHandle& h) { return h.results.seed; })
      .def_property_readonly("threads", [](const ResultsHandle& h) { return h.results.threads; })
      .def_property_readonly("summarized", [](const ResultsHandle& h) { return h.results.summaries != nullptr; })
      .def_property_readonly("source", [](const ResultsHandle& h) { return std::const_pointer_cast<ScenarioSource>(h.source); })
      .def("trial_table", &trial_table)
      .def("summary_json", [](const ResultsHandle& h) { return summary_json(*h.source->scenario, h.results, h.options); })
      .def("paired_json",
           [](const ResultsHandle& h, std::optional<std::string> baseline,
              std::vector<std::pair<std::string, std::string>> pairs) {
             const Scenario& s = *h.source->scenario;
             const ReportOptions options =
                 baseline || !pairs.empty() ? report_options(s, baseline, pairs) : h.options;
             return paired_json(s, h.results, options);
           })
      .def("series_csv", [](const ResultsHandle& h) { return series_csv(h.results); })
      .def("manifest_json", [](const ResultsHandle& h) {
        Manifest manifest = h.manifest;
        manifest.files = {};
        return manifest_json(manifest);
      })
      .def("save", &save, py::arg("path"))
      .def("report", &report, py::arg("path"), py::arg("progress"));
  m.attr("metric_names") = metric_names();
  // For bench/python_overhead.py: the same run as run() from C++ alone (one call of
  // flowfolio::run, no progress, no results kept), its seconds measured here.
  m.def("_cpp_run_seconds", [](const ScenarioSource& source, std::uint64_t trials, std::uint64_t seed,
                               unsigned threads) {
    py::gil_scoped_release release;
    const auto start = std::chrono::steady_clock::now();
    const RunResults results = flowfolio::run(*source.scenario, {.trials = trials, .seed = seed, .threads = threads});
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  });
  m.def(
      "run",
      [](std::shared_ptr<ScenarioSource> source, std::uint64_t trials, std::optional<std::uint64_t> seed,
         unsigned threads, std::string statistics, std::optional<std::string> baseline,
         std::vector<std::pair<std::string, std::string>> pairs, std::string command_line,
         py::object progress) {
        return run_from_python(source,
                               {trials, seed, threads, std::move(statistics), std::move(baseline),
                                std::move(pairs), std::move(command_line)},
                               std::move(progress));
      },
      py::arg("source"), py::arg("trials"), py::arg("seed"), py::arg("threads"), py::arg("statistics"),
      py::arg("baseline"), py::arg("pairs"), py::arg("command_line"), py::arg("progress"));
}

}  // namespace flowfolio::python
