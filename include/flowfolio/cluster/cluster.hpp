// Runs and sweeps shared by the processes of an MPI job (docs/cluster.md).
//
// In the cluster build (cmake -DFLOWFOLIO_MPI=ON), `mpirun -np N flowfolio run ...` starts N
// processes, the ranks. Every rank reads the same scenario and calls the same functions
// below; rank 0, the leader, hands out the work and alone writes files and prints.
//
// - A run's trials are cut into N contiguous shares of whole kTrialBlock blocks; each rank
//   simulates its share on its threads (simulate_span) and the leader puts the shares
//   together in trial order (add_spans). The files are byte for byte those of one process
//   with the same seed, whatever N and the threads are.
// - A sweep's variants run one after the other, each shared the same way; the leader owns
//   the results store, so a sweep resumes on the cluster exactly as it does on one machine.
// - A rank that fails stops the job: its failure reaches the leader, which reports
//   "rank R: <cause>" and aborts every rank (MPI_Abort) before publishing anything.
//
// In the plain build every function here is the one-process function it stands for, and
// the job has one rank.
#pragma once

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "flowfolio/studies/sweep.hpp"

namespace flowfolio {

// This process's place in the job, from start to end. Construct it once, first in main,
// and end main with `return session.finish(status)`. Not copyable.
class ClusterSession {
 public:
  // MPI_Init_thread in the cluster build. Ranks other than 0 print nothing from here on:
  // what they write to std::cerr is kept, and printed only if they fail.
  ClusterSession(int& argc, char**& argv);
  ~ClusterSession();  // MPI_Finalize
  ClusterSession(const ClusterSession&) = delete;
  ClusterSession& operator=(const ClusterSession&) = delete;

  // Returns `status`, the process's exit status. In a job of several ranks a status
  // other than 0 ends the whole job with that status (MPI_Abort), after printing on
  // stderr "flowfolio: rank R of N: " and what the rank reported, so that no rank goes
  // on waiting for it and no results appear.
  int finish(int status);
};

int cluster_rank();  // 0 outside a job of several ranks
int cluster_size();  // 1 outside a job of several ranks
inline bool cluster_leader() { return cluster_rank() == 0; }

// run() shared by the job's ranks; every rank calls it with the same arguments. Rank 0
// returns what run() returns; the other ranks return empty results (trials == 0) once
// their share is delivered.
RunResults cluster_run(const Scenario& scenario, const RunOptions& options);

// run_summarized() shared by the ranks, as cluster_run(): rank 0 folds every rank's share.
RunResults cluster_run_summarized(const Scenario& scenario, const RunOptions& options, std::size_t baseline,
                                  const std::vector<std::pair<std::size_t, std::size_t>>& pairs);

// extend() with the trials shared by the ranks. Rank 0 only: the other ranks serve it
// from inside cluster_run(), cluster_run_to_precision() or cluster_sweep().
void cluster_extend(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
                    const std::atomic<bool>* stop = nullptr);

// run_to_precision() shared by the ranks, as cluster_run(): rank 0 decides when to stop.
PrecisionRun cluster_run_to_precision(const Scenario& scenario, const PrecisionOptions& options);

// run_sweep() shared by the ranks: rank 0 owns the store and runs the variants in order,
// each variant's trials shared; the other ranks return an empty outcome.
SweepOutcome cluster_sweep(const Sweep& sweep, const SweepOptions& options);

}  // namespace flowfolio
