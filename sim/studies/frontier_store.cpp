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
  store.replace(run_id, {"frontier_runs", "frontier_points", "frontier_confidence", "frontier_confirmations"}, [&] {
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
      store.run("INSERT INTO frontier_confidence VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                {run_id, results.strategies[p.strategy], static_cast<std::int64_t>(p.candidate),
                 static_cast<std::int64_t>(p.trials), p.p_meets, p.cvar95_se, p.cvar95_lo95, p.cvar95_hi95,
                 static_cast<std::int64_t>(p.thin_tail)});
    }
    for (std::size_t k = 0; k < results.confirmations.size(); ++k) {
      const FrontierConfirmation& c = results.confirmations[k];
      const FrontierPoint& searched = results.points[c.point];
      const FrontierPoint& e = c.estimate;
      store.run("INSERT INTO frontier_confirmations VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?)",
                {run_id, static_cast<std::int64_t>(k), results.strategies[e.strategy],
                 static_cast<std::int64_t>(e.candidate), decision_text(results.spec, results.decisions[e.candidate]),
                 static_cast<std::int64_t>(c.seed), static_cast<std::int64_t>(c.trials), std::string(study::verdict_name(c.verdict)),
                 searched.mean_npv, searched.risk, e.mean_npv, e.mean_npv_se, e.risk, e.risk_se, e.cvar95,
                 e.cvar95_lo95, e.cvar95_hi95, e.p_meets, static_cast<std::int64_t>(e.thin_tail),
                 c.current.mean_npv, c.current.risk, c.gain.mean, c.gain.lo95, c.gain.hi95,
                 static_cast<std::int64_t>(results.confirmed && *results.confirmed == k)});
    }
  });
  return run_id;
}

}  // namespace flowfolio
