// cluster.hpp in the plain build: a job of one process, so every function is the
// one-process function it stands for.
#include "flowfolio/cluster/cluster.hpp"

namespace flowfolio {

ClusterSession::ClusterSession(int&, char**&) {}
ClusterSession::~ClusterSession() = default;
int ClusterSession::finish(int status) { return status; }

int cluster_rank() { return 0; }
int cluster_size() { return 1; }

RunResults cluster_run(const Scenario& scenario, const RunOptions& options) { return run(scenario, options); }

void cluster_extend(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
                    const std::atomic<bool>* stop) {
  extend(engine, results, more, threads, stop);
}

RunResults cluster_run_summarized(const Scenario& scenario, const RunOptions& options, std::size_t baseline,
                                  const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
  return run_summarized(scenario, options, baseline, pairs);
}

PrecisionRun cluster_run_to_precision(const Scenario& scenario, const PrecisionOptions& options) {
  return run_to_precision(scenario, options);
}

SweepOutcome cluster_sweep(const Sweep& sweep, const SweepOptions& options) { return run_sweep(sweep, options); }

}  // namespace flowfolio
