// Who runs the trials: the one seam between the functions that need trials simulated
// (run, extend, run_summarized, run_to_precision, run_sweep, run_sensitivity,
// run_frontier) and the processes and threads that simulate them.
//
// local_runner() simulates on this process's threads. The cluster build's runner
// (cluster.hpp's cluster_runner()) shares the same work among the ranks of an MPI job.
// Every function that takes a runner gives byte for byte the same results whichever
// runner it is given.
//
// Every member is collective: every process of the job calls it, in the same order and
// with the same arguments (the functions above do so when every process calls them with
// the same arguments). One process, the leader (rank 0), receives what the others
// simulated; the others keep only what the member says.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "flowfolio/engine/engine.hpp"

namespace flowfolio {

class TrialRunner {
 public:
  virtual ~TrialRunner() = default;

  // Whether this process holds whole results, and alone writes files and prints.
  virtual bool leader() const = 0;

  // extend(): adds `more` trials, numbered from results.trials on, to `results`. On the
  // leader the result equals extend() on one process; elsewhere only results.trials
  // grows (its share went to the leader). Requires: as extend().
  virtual void extend(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
                      const std::atomic<bool>* stop) = 0;

  // Trials [first, first + more) as spans in trial order (engine.hpp): on the leader all
  // of them, elsewhere none. Requires: first % kTrialBlock == 0, more > 0.
  virtual std::vector<TrialSpan> spans(const Engine& engine, std::uint64_t seed, bool independent_streams,
                                       std::uint64_t first, std::uint64_t more, unsigned threads,
                                       const std::atomic<bool>* stop) = 0;

  // The leader's `decision` on every process: for choices only the leader can make, as
  // it alone holds the results (a precision run stopping, a sweep skipping a variant).
  virtual bool agree(bool decision) = 0;
  // The leader's `numbers` on every process: for what only the leader read (a resumed
  // sweep's results from its store) that every process needs for its next choice.
  virtual std::vector<double> share(std::vector<double> numbers) = 0;

  // Runs job(i) for every i in [0, count), each job whole on one process with that
  // process's threads, and returns every job's numbers, in job order, on every process:
  // so every process takes the same next decision (a study's next round). A job must be
  // a pure function of i. `progress`, when set, is told on the leader how many jobs are
  // done (an estimate until the last call, which says `count`). When a job fails, every
  // process stops: the leader throws what the first failing job (in job order) threw, an
  // input error as itself, another failure in a job of several processes as
  // "rank R: <cause>".
  using Job = std::function<std::vector<double>(std::size_t)>;
  virtual std::vector<std::vector<double>> each(std::size_t count, const Job& job,
                                                const std::function<void(std::size_t done)>& progress = {}) = 0;
};

}  // namespace flowfolio
