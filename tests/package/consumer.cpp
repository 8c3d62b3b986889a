#include <flowfolio/flowfolio.hpp>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const flowfolio::Scenario scenario = flowfolio::read_scenario_file(argv[1]);
  const flowfolio::RunResults results = flowfolio::run(scenario, {.trials = 50, .seed = 1});
  const auto npv = flowfolio::summarize(results.strategies[0].metric(flowfolio::Metric::kNpv));
  std::cout << results.strategies[0].name << " mean npv " << npv.mean << "\n";
  return results.strategies.size() == scenario.strategies.size() ? 0 : 1;
}
