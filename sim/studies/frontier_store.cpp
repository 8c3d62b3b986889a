// The frontier search's rows in a results store (docs/frontier.md).
#include "flowfolio/studies/frontier.hpp"

#include "studies/frontier_text.hpp"
#include "studies/store.hpp"

namespace flowfolio {

using study::decision_text;

std::string record_frontier(const std::string& store_path, const std::string& scenario_file,
                            const Scenario& scenario, const FrontierResults& results,
                            const std::string& command_line) {
  const std::string run_id = "frontier-" + content_key(scenario_file + "\n" + frontier_json(scenario, results));
  Store store(store_path);
  store.replace(run_id, {"frontier_runs", "frontier_points"}, [&] {
    store.run("INSERT INTO frontier_runs VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
              {run_id, scenario_file, static_cast<std::int64_t>(results.seed),
               static_cast<std::int64_t>(results.spec.trials),
               static_cast<std::int64_t>(results.decisions.size()), results.recommendation,
               std::string(FLOWFOLIO_VERSION), command_line});
    for (std::size_t k = 0; k < results.points.size(); ++k) {
      const FrontierPoint& p = results.points[k];
      store.run("INSERT INTO frontier_points VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                {run_id, results.strategies[p.strategy], static_cast<std::int64_t>(p.candidate),
                 decision_text(results.spec, results.decisions[p.candidate]), p.mean_npv,
                 p.mean_npv_se, p.risk, p.risk_se, p.cvar95, p.p_loss, p.mean_cost,
                 static_cast<std::int64_t>(p.feasible), static_cast<std::int64_t>(p.on_front),
                 static_cast<std::int64_t>(p.current),
                 static_cast<std::int64_t>(results.best && *results.best == k)});
    }
  });
  return run_id;
}

}  // namespace flowfolio
