// cluster.hpp in the plain build: a job of one process, run by the local runner.
#include "flowfolio/cluster/cluster.hpp"

namespace flowfolio {

ClusterSession::ClusterSession(int&, char**&) {}
ClusterSession::~ClusterSession() = default;
int ClusterSession::finish(int status) { return status; }

int cluster_rank() { return 0; }
int cluster_size() { return 1; }

TrialRunner& cluster_runner() { return local_runner(); }

}  // namespace flowfolio
