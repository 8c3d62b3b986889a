// Studies from Python: sensitivity and frontier (study_output.hpp), sweeps from a sweep
// file into a store, and one trial traced period by period. Each simulates without the
// GIL and stops on Ctrl-C (interruptible.hpp).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "flowfolio/core/metrics.hpp"
#include "flowfolio/studies/study_output.hpp"
#include "flowfolio/studies/sweep.hpp"
#include "flowfolio/yaml/sweep_file.hpp"
#include "python/handles.hpp"
#include "python/interruptible.hpp"

namespace py = pybind11;

namespace flowfolio::python {

namespace {

struct StudyCall {
  StudyKind kind;
  std::uint64_t seed;
  unsigned threads;
  std::optional<std::string> strategy;
  std::string method;  // sensitivity: "tornado", "sobol" or "both"
  std::string store;   // empty: none
  std::string command_line;
};

py::dict study(const ScenarioSource& source, const StudyCall& call, py::object progress) {
  const Scenario& scenario = *source.scenario;
  ProgressRelay relay(std::move(progress));
  StudyOutput out;
  run_interruptibly(
      [&](const std::atomic<bool>& stop) {
        out = run_study(scenario, {.kind = call.kind,
                                   .file = source.file,
                                   .text = source.text,
                                   .seed = call.seed,
                                   .threads = call.threads,
                                   .only_strategy = call.strategy ? static_cast<int>(strategy_index(
                                                                        scenario, *call.strategy, "strategy"))
                                                                  : -1,
                                   .tornado = call.method != "sobol",
                                   .sobol = call.method != "tornado",
                                   .overrides = source.overrides,
                                   .stop = &stop,
                                   .progress = relay.counter(),
                                   .command_line = call.command_line});
        if (!call.store.empty()) out.record(call.store);
      },
      [&] { relay.show(); });
  py::dict result;
  result["json"] = out.json;
  result["table"] = out.table;
  result["size"] = out.size;
  return result;
}

py::tuple sweep(const std::string& file, const std::string& store, unsigned threads,
                const std::string& command_line, py::object progress) {
  const Sweep plan = read_sweep_file(file);
  check_store(store, "store");
  ProgressRelay relay(std::move(progress));
  SweepOutcome outcome;
  run_interruptibly(
      [&](const std::atomic<bool>& stop) {
        outcome = run_sweep(plan, {.store = store,
                                   .threads = threads,
                                   .stop = &stop,
                                   .progress = [&](const SweepProgress& p) { relay.count(p.done + p.skipped, p.total); },
                                   .command_line = command_line});
      },
      [&] { relay.show(); });
  return py::make_tuple(outcome.run_id, outcome.ran, outcome.skipped);
}

// Appends one row to a table kept as a dict of columns.
template <class... Cells>
void add_row(py::dict& table, const std::vector<const char*>& names, const Cells&... cells) {
  std::size_t i = 0;
  const auto add = [&](const py::object& cell) {
    const char* name = names[i++];
    if (!table.contains(name)) table[name] = py::list();
    table[name].cast<py::list>().append(cell);
  };
  (add(py::cast(cells)), ...);
}

void add_periods(py::dict& periods, py::dict& people, const Scenario& scenario, const std::string& strategy,
                 const std::vector<PeriodTrace>& trace) {
  for (const PeriodTrace& p : trace) {
    add_row(periods,
            {"strategy", "period", "active", "units_done", "units_skipped", "incidents", "departures", "value",
             "cost", "incident_loss", "cash_flow", "cumulative_discounted", "hours_flow", "hours_anxiety",
             "hours_boredom", "mean_online", "mean_domain", "mean_burnout"},
            strategy, p.period, p.active, p.units_done, p.units_skipped, p.incidents, p.departures, p.value, p.cost,
            p.incident_loss, p.cash_flow, p.cumulative_discounted, p.hours_flow, p.hours_anxiety, p.hours_boredom,
            p.mean_online, p.mean_domain, p.mean_burnout);
    for (const PersonTrace& x : p.people)
      add_row(people,
              {"strategy", "period", "slot", "profile", "generation", "hours_available", "training_hours",
               "mentoring_hours", "units", "successes", "incidents", "hours_worked", "mean_delta", "online",
               "domain", "burnout", "left"},
              strategy, p.period, x.slot, scenario.profiles[x.profile].name, x.generation, x.hours_available,
              x.training_hours, x.mentoring_hours, x.units, x.successes, x.incidents, x.hours_worked, x.mean_delta,
              x.online, x.domain, x.burnout, x.left);
  }
}

// Trial `trial` of every strategy (or one), as a full run's trial `trial` is.
py::dict trace(const ScenarioSource& source, std::uint64_t trial, std::optional<std::uint64_t> seed,
               std::optional<std::string> strategy) {
  const Scenario& scenario = *source.scenario;
  const int only = strategy ? static_cast<int>(strategy_index(scenario, *strategy, "strategy")) : -1;
  const Engine engine(scenario);
  std::vector<TrialOutcome> outcomes(engine.strategy_count());
  {
    py::gil_scoped_release release;
    engine.simulate_trial(seed.value_or(scenario.seed), trial, outcomes, true);
  }
  py::dict periods, people, metrics;
  for (std::size_t s = 0; s < outcomes.size(); ++s) {
    if (only >= 0 && s != static_cast<std::size_t>(only)) continue;
    const std::string& name = scenario.strategies[s].name;
    add_periods(periods, people, scenario, name, outcomes[s].trace);
    py::dict values;
    for (std::size_t m = 0; m < kMetricCount; ++m)
      values[py::str(std::string(metric_name(static_cast<Metric>(m))))] = outcomes[s].metrics[m];
    metrics[py::str(name)] = values;
  }
  py::dict result;
  result["periods"] = periods;
  result["people"] = people;
  result["metrics"] = metrics;
  return result;
}

}  // namespace

void bind_studies(py::module_& m) {
  m.def(
      "study",
      [](const ScenarioSource& source, const std::string& kind, std::uint64_t seed, unsigned threads,
         std::optional<std::string> strategy, std::string method, std::string store, std::string command_line,
         py::object progress) {
        return study(source,
                     {kind == "frontier" ? StudyKind::kFrontier : StudyKind::kSensitivity, seed, threads,
                      std::move(strategy), std::move(method), std::move(store), std::move(command_line)},
                     std::move(progress));
      },
      py::arg("source"), py::arg("kind"), py::arg("seed"), py::arg("threads"), py::arg("strategy"),
      py::arg("method"), py::arg("store"), py::arg("command_line"), py::arg("progress"));
  m.def("sweep", &sweep, py::arg("file"), py::arg("store"), py::arg("threads"), py::arg("command_line"),
        py::arg("progress"));
  m.def("trace", &trace, py::arg("source"), py::arg("trial"), py::arg("seed"), py::arg("strategy"));
}

}  // namespace flowfolio::python
