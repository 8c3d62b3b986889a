// Runs, sweeps and studies shared by the processes of an MPI job (docs/cluster.md).
//
// In the cluster build (cmake -DFLOWFOLIO_MPI=ON), `mpirun -np N flowfolio run ...` starts N
// processes, the ranks. Every rank reads the same scenario and calls the same library
// functions with the same arguments, passing cluster_runner() as their runner
// (trial_runner.hpp); rank 0, the leader, alone holds whole results, writes files and prints.
//
// - A run's trials are cut into N contiguous shares of whole kTrialBlock blocks; each rank
//   simulates its share on its threads (simulate_span) and the leader puts the shares
//   together in trial order (add_spans). The files are byte for byte those of one process
//   with the same seed, whatever N and the threads are. Precision runs and sweeps share
//   each step's or variant's trials that way; the leader decides when a precision run
//   stops and which variants its store already holds, so a sweep resumes.
// - A study's evaluations (sensitivity, frontier) go whole to the ranks in turn, each on
//   that rank's threads, and every rank gets every evaluation's numbers in order, so all
//   take the same next decision and hold the same study.
// - A rank that fails stops the job: its failure reaches the leader, which reports
//   "rank R: <cause>" and aborts every rank (MPI_Abort) before publishing anything.
//
// In the plain build the job has one rank and cluster_runner() is local_runner().
#pragma once

#include "flowfolio/engine/trial_runner.hpp"

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

// The job's runner: shares trials and evaluations among the ranks (see above). Lives as
// long as the program; requires a ClusterSession.
TrialRunner& cluster_runner();

}  // namespace flowfolio
