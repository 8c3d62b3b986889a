// cluster.hpp in the cluster build: the ranks of an MPI job share runs and sweeps
// (docs/cluster.md).
//
// Protocol: rank 0 broadcasts commands (extend by N trials, switch to a sweep variant,
// done); on "extend" every rank simulates its share of whole trial blocks and ranks
// 1..N-1 send theirs to rank 0, which receives them in rank order, so the shares are put
// together in trial order whatever order they finish in. Only the main thread calls MPI.
#include <fcntl.h>
#include <mpi.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "flowfolio/cluster/cluster.hpp"

namespace flowfolio {

namespace {

int g_rank = 0;
int g_size = 1;
int g_own_stderr = -1;             // ranks above 0: their stderr, kept while they print nothing
std::ostringstream g_reported;     // ranks above 0: what they wrote to std::cerr
std::streambuf* g_cerr = nullptr;  // std::cerr's own buffer while g_reported replaces it

enum Command : std::uint64_t { kDone = 0, kExtend = 1, kVariant = 2 };
using Message = std::array<std::uint64_t, 4>;  // command and its three arguments

// What a rank sends before its share: status (0 ok, 1 failed), begin, end, random blocks,
// threads, the sizes of the three arrays, and the length of the failure's reason.
using Header = std::array<std::uint64_t, 9>;
constexpr int kTagHeader = 1;
constexpr int kTagData = 2;

void check(int rc, const char* call) {
  if (rc == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(rc, text, &length);
  throw std::runtime_error(std::string(call) + " failed: " + std::string(text, static_cast<std::size_t>(length)));
}

void broadcast(Message& message) {
  check(MPI_Bcast(message.data(), static_cast<int>(message.size()), MPI_UINT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast");
}

template <class T> MPI_Datatype mpi_type();
template <> MPI_Datatype mpi_type<double>() { return MPI_DOUBLE; }
template <> MPI_Datatype mpi_type<float>() { return MPI_FLOAT; }
template <> MPI_Datatype mpi_type<char>() { return MPI_CHAR; }
template <> MPI_Datatype mpi_type<std::uint64_t>() { return MPI_UINT64_T; }

// MPI counts are ints: long arrays go in pieces.
constexpr std::size_t kPiece = std::size_t{1} << 28;

template <class T>
void send(const T* data, std::size_t size, int tag) {
  for (std::size_t at = 0; at < size; at += kPiece) {
    const int count = static_cast<int>(std::min(kPiece, size - at));
    check(MPI_Send(data + at, count, mpi_type<T>(), 0, tag, MPI_COMM_WORLD), "MPI_Send");
  }
}

template <class T>
void receive(T* data, std::size_t size, int from, int tag) {
  for (std::size_t at = 0; at < size; at += kPiece) {
    const int count = static_cast<int>(std::min(kPiece, size - at));
    check(MPI_Recv(data + at, count, mpi_type<T>(), from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
  }
}

// Rank r's share of trials [first, first + more): contiguous whole blocks, in rank order.
std::pair<std::uint64_t, std::uint64_t> share(std::uint64_t first, std::uint64_t more, int rank) {
  const std::uint64_t blocks = (more + kTrialBlock - 1) / kTrialBlock;
  const std::uint64_t from = blocks * static_cast<std::uint64_t>(rank) / static_cast<std::uint64_t>(g_size);
  const std::uint64_t to = blocks * static_cast<std::uint64_t>(rank + 1) / static_cast<std::uint64_t>(g_size);
  return {first + from * kTrialBlock, std::min(first + more, first + to * kTrialBlock)};
}

TrialSpan simulate_share(const Engine& engine, std::uint64_t seed, bool independent_streams,
                         std::pair<std::uint64_t, std::uint64_t> trials, unsigned threads,
                         const std::atomic<bool>* stop) {
  // A failure on demand, for the tests of fault behaviour (tests/mpi_test.sh).
  if (const char* rank = std::getenv("FLOWFOLIO_TEST_FAIL_RANK"); rank && std::atoi(rank) == g_rank)
    throw std::runtime_error("failure injected by FLOWFOLIO_TEST_FAIL_RANK");
  return simulate_span(engine, seed, independent_streams, trials.first, trials.second, threads, stop);
}

void send_span(const TrialSpan& span) {
  const Header header{0, span.begin, span.end, span.random_blocks, span.threads, span.metrics.size(),
                      span.block_series.size(), span.cumulative_discounted.size(), 0};
  send(header.data(), header.size(), kTagHeader);
  send(span.metrics.data(), span.metrics.size(), kTagData);
  send(span.block_series.data(), span.block_series.size(), kTagData);
  send(span.cumulative_discounted.data(), span.cumulative_discounted.size(), kTagData);
}

void send_failure(const std::string& reason) {
  const Header header{1, 0, 0, 0, 0, 0, 0, 0, reason.size()};
  send(header.data(), header.size(), kTagHeader);
  send(reason.data(), reason.size(), kTagData);
}

// Rank `from`'s share, or its failure as an exception naming the rank.
TrialSpan receive_span(int from) {
  Header header{};
  receive(header.data(), header.size(), from, kTagHeader);
  if (header[0] != 0) {
    std::string reason(header[8], '\0');
    receive(reason.data(), reason.size(), from, kTagData);
    throw std::runtime_error("rank " + std::to_string(from) + ": " + reason);
  }
  TrialSpan span{.begin = header[1], .end = header[2], .random_blocks = header[3],
                 .threads = static_cast<unsigned>(header[4])};
  span.metrics.resize(header[5]);
  span.block_series.resize(header[6]);
  span.cumulative_discounted.resize(header[7]);
  receive(span.metrics.data(), span.metrics.size(), from, kTagData);
  receive(span.block_series.data(), span.block_series.size(), from, kTagData);
  receive(span.cumulative_discounted.data(), span.cumulative_discounted.size(), from, kTagData);
  return span;
}

// Ranks above 0: simulate the shares rank 0 asks for until it says done. A share that
// fails is reported to rank 0, which then stops the job.
void serve(const Engine* engine, std::uint64_t seed, bool independent_streams, unsigned threads,
           const std::atomic<bool>* stop, const Sweep* sweep) {
  std::unique_ptr<Engine> variant;
  for (;;) {
    Message message{};
    broadcast(message);
    if (message[0] == kDone) return;
    if (message[0] == kVariant) {
      const SweepVariant& v = sweep->variants.at(message[1]);
      variant = std::make_unique<Engine>(v.scenario);  // as read_sweep_file read it
      engine = variant.get();
      seed = message[2];
      independent_streams = message[3] != 0;
      continue;
    }
    const auto trials = share(message[1], message[2], g_rank);
    if (trials.first >= trials.second) continue;
    std::string failure;
    try {
      send_span(simulate_share(*engine, seed, independent_streams, trials, threads, stop));
    } catch (const std::exception& e) {
      failure = e.what();
    }
    if (!failure.empty()) send_failure(failure);
  }
}

void tell_done() {
  Message done{kDone, 0, 0, 0};
  broadcast(done);
}

}  // namespace

ClusterSession::ClusterSession(int& argc, char**& argv) {
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_size);
  // Errors come back as codes, so that check() can name them, instead of ending the job.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  if (g_rank != 0) {
    std::fflush(stdout);
    std::fflush(stderr);
    g_own_stderr = dup(STDERR_FILENO);
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
      close(null);
    }
    g_cerr = std::cerr.rdbuf(g_reported.rdbuf());
  }
}

ClusterSession::~ClusterSession() {
  if (g_cerr) std::cerr.rdbuf(g_cerr);
  MPI_Finalize();
}

int ClusterSession::finish(int status) {
  if (status == 0 || g_size == 1) return status;
  const std::string rank = "flowfolio: rank " + std::to_string(g_rank) + " of " + std::to_string(g_size);
  std::string text;
  // A rank above 0 printed nothing: its report goes out now, each line naming it.
  std::istringstream reported(g_reported.str());
  for (std::string line; std::getline(reported, line);) {
    if (line.rfind("flowfolio: ", 0) == 0) line.erase(0, 11);
    text += rank + ": " + line + "\n";
  }
  text += rank + " stops the job (exit status " + std::to_string(status) + "); nothing was published\n";
  if (g_own_stderr >= 0) {
    [[maybe_unused]] const ssize_t written = write(g_own_stderr, text.data(), text.size());
  } else {
    std::fputs(text.c_str(), stderr);
    std::fflush(stderr);
  }
  MPI_Abort(MPI_COMM_WORLD, status);
  return status;  // not reached
}

int cluster_rank() { return g_rank; }
int cluster_size() { return g_size; }

namespace {

// Rank 0: trials [first, first + more) shared by every rank, as spans in trial order.
std::vector<TrialSpan> cluster_spans(const Engine& engine, std::uint64_t seed, bool independent_streams,
                                     std::uint64_t first, std::uint64_t more, unsigned threads,
                                     const std::atomic<bool>* stop) {
  Message message{kExtend, first, more, 0};
  broadcast(message);
  std::vector<TrialSpan> spans;
  const auto own = share(first, more, 0);
  if (own.first < own.second) {
    try {
      spans.push_back(simulate_share(engine, seed, independent_streams, own, threads, stop));
    } catch (const Interrupted&) {
      throw;
    } catch (const std::exception& e) {
      throw std::runtime_error("rank 0: " + std::string(e.what()));
    }
  }
  for (int rank = 1; rank < g_size; ++rank) {
    const auto trials = share(first, more, rank);
    if (trials.first < trials.second) spans.push_back(receive_span(rank));
  }
  return spans;
}

}  // namespace

void cluster_extend(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
                    const std::atomic<bool>* stop) {
  if (g_size == 1) return extend(engine, results, more, threads, stop);
  add_spans(results, cluster_spans(engine, results.seed, results.independent_streams, results.trials, more,
                                   threads, stop));
}

RunResults cluster_run_summarized(const Scenario& scenario, const RunOptions& options, std::size_t baseline,
                                  const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
  if (g_size == 1) return run_summarized(scenario, options, baseline, pairs);
  if (g_rank != 0) {
    const Engine engine(scenario);
    serve(&engine, options.seed, options.independent_streams, options.threads, options.stop, nullptr);
    return {};
  }
  RunResults results = run_summarized(
      scenario, options, baseline, pairs, [&](const Engine& engine, std::uint64_t first, std::uint64_t more) {
        return cluster_spans(engine, options.seed, options.independent_streams, first, more, options.threads,
                             options.stop);
      });
  tell_done();
  return results;
}

RunResults cluster_run(const Scenario& scenario, const RunOptions& options) {
  if (g_size == 1) return run(scenario, options);
  const Engine engine(scenario);
  if (g_rank != 0) {
    serve(&engine, options.seed, options.independent_streams, options.threads, options.stop, nullptr);
    return {};
  }
  RunResults results = empty_results(scenario, options.seed, options.independent_streams);
  cluster_extend(engine, results, options.trials, options.threads, options.stop);
  tell_done();
  return results;
}

PrecisionRun cluster_run_to_precision(const Scenario& scenario, const PrecisionOptions& options) {
  if (g_size == 1) return run_to_precision(scenario, options);
  if (g_rank != 0) {
    const Engine engine(scenario);
    serve(&engine, options.seed, options.independent_streams, options.threads, options.stop, nullptr);
    return {};
  }
  PrecisionOptions shared = options;
  shared.extend = cluster_extend;
  PrecisionRun run = run_to_precision(scenario, shared);
  tell_done();
  return run;
}

SweepOutcome cluster_sweep(const Sweep& sweep, const SweepOptions& options) {
  if (g_size == 1) return run_sweep(sweep, options);
  if (g_rank != 0) {
    serve(nullptr, 0, false, options.threads, options.stop, &sweep);
    return {};
  }
  SweepOptions shared = options;
  shared.run_variant = [](std::size_t position, const Scenario& scenario, const RunOptions& run) {
    Message message{kVariant, position, run.seed, run.independent_streams ? 1u : 0u};
    broadcast(message);
    const Engine engine(scenario);
    RunResults results = empty_results(scenario, run.seed, run.independent_streams);
    cluster_extend(engine, results, run.trials, run.threads, run.stop);
    return results;
  };
  SweepOutcome outcome = run_sweep(sweep, shared);
  tell_done();
  return outcome;
}

}  // namespace flowfolio
