// The sensitivity analysis' rows in a results store (docs/sensitivity.md).
#include "flowfolio/studies/sensitivity.hpp"

#include "studies/store.hpp"

namespace flowfolio {

std::string record_sensitivity(const std::string& store_path, const std::string& scenario_file,
                               const Scenario& scenario, const SensitivityResults& results,
                               const std::string& command_line) {
  const std::string run_id = "sensitivity-" + content_key(scenario_file + "\n" + sensitivity_json(scenario, results));
  const SensitivitySpec& spec = results.spec;
  Store store(store_path);
  store.replace(
      run_id,
      {"sensitivity_runs", "sensitivity_inputs", "sensitivity_tornado", "sensitivity_indices"},
      [&] {
        store.run("INSERT INTO sensitivity_runs VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                  {run_id, scenario_file, static_cast<std::int64_t>(results.seed),
                   static_cast<std::int64_t>(spec.trials),
                   static_cast<std::int64_t>(results.sobol ? spec.samples : 0),
                   static_cast<std::int64_t>(results.evaluations), std::string(FLOWFOLIO_VERSION),
                   command_line});
        for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
          const ScenarioInput& input = spec.inputs[i];
          std::string paths;
          for (const std::string& p : input.paths) paths += (paths.empty() ? "" : ";") + p;
          store.run("INSERT INTO sensitivity_inputs VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                    {run_id, input.name, static_cast<std::int64_t>(i), paths, input.base, input.low,
                     input.high, input.distribution.describe()});
        }
        for (const SensitivityOutputResult& out : results.outputs) {
          const Store::Value versus =
              out.versus.empty() ? Store::Value(nullptr) : Store::Value(out.versus);
          for (std::size_t rank = 0; rank < out.tornado.size(); ++rank) {
            const TornadoBar& bar = out.tornado[rank];
            const ScenarioInput& input = spec.inputs[bar.input];
            store.run("INSERT INTO sensitivity_tornado VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {run_id, out.kind, out.strategy, versus, input.name,
                       static_cast<std::int64_t>(rank + 1), input.low, input.high, bar.at_low,
                       bar.at_high, bar.swing, bar.swing_se});
          }
          if (!results.sobol) continue;
          const SobolIndices& s = out.sobol;
          for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
            store.run(
                "INSERT INTO sensitivity_indices VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                {run_id, out.kind, out.strategy, versus, spec.inputs[i].name, s.first[i],
                 s.first_se[i], s.first_lo[i], s.first_hi[i], s.total[i], s.total_se[i],
                 s.total_lo[i], s.total_hi[i], out.noise_share});
          }
        }
      });
  return run_id;
}

}  // namespace flowfolio
