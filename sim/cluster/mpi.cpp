// cluster.hpp in the cluster build: the ranks of an MPI job share runs, sweeps and
// studies through cluster_runner() (docs/cluster.md).
//
// Every rank makes the same calls in the same order (trial_runner.hpp), so no rank needs
// telling what comes next. Trials: every rank simulates its share of whole trial blocks
// and ranks 1..N-1 send theirs to rank 0, which receives them in rank order, so the shares
// are put together in trial order whatever order they finish in. Evaluations: job i runs
// on rank i mod N, and every rank's numbers go to every rank. Only the main thread calls MPI.
#include <fcntl.h>
#include <mpi.h>
#include <unistd.h>

#include <array>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "flowfolio/cluster/cluster.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/engine/trial_runner.hpp"

namespace flowfolio {

namespace {

int g_rank = 0;
int g_size = 1;
int g_own_stderr = -1;             // ranks above 0: their stderr, kept while they print nothing
std::ostringstream g_reported;     // ranks above 0: what they wrote to std::cerr
std::streambuf* g_cerr = nullptr;  // std::cerr's own buffer while g_reported replaces it

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

// A failure on demand, for the tests of fault behaviour (tests/mpi_test.sh).
void fail_if_asked() {
  if (const char* rank = std::getenv("FLOWFOLIO_TEST_FAIL_RANK"); rank && std::atoi(rank) == g_rank)
    throw std::runtime_error("failure injected by FLOWFOLIO_TEST_FAIL_RANK");
}

TrialSpan simulate_share(const Engine& engine, std::uint64_t seed, bool independent_streams,
                         std::pair<std::uint64_t, std::uint64_t> trials, unsigned threads,
                         const std::atomic<bool>* stop) {
  fail_if_asked();
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

// Ranks above 0, once their failure is on its way to rank 0: rank 0 stops the job
// (MPI_Abort) and names them, so they wait for that rather than report it twice.
[[noreturn]] void wait_for_abort() {
  constexpr int kTagNever = 99;
  std::uint64_t nothing = 0;
  MPI_Recv(&nothing, 1, MPI_UINT64_T, 0, kTagNever, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  std::abort();  // not reached: rank 0 never sends it
}

// Rank 0: trials [first, first + more) from every rank, as spans in trial order.
std::vector<TrialSpan> gather_spans(const Engine& engine, std::uint64_t seed, bool independent_streams,
                                    std::uint64_t first, std::uint64_t more, unsigned threads,
                                    const std::atomic<bool>* stop) {
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

// Ranks above 0: their share of trials [first, first + more) sent to rank 0, or their
// failure, after which they wait for rank 0 to stop the job.
void deliver_share(const Engine& engine, std::uint64_t seed, bool independent_streams, std::uint64_t first,
                   std::uint64_t more, unsigned threads, const std::atomic<bool>* stop) {
  const auto own = share(first, more, g_rank);
  if (own.first >= own.second) return;
  std::string failure;
  try {
    send_span(simulate_share(engine, seed, independent_streams, own, threads, stop));
    return;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  send_failure(failure);
  wait_for_abort();
}

// How a rank's jobs of one each() ended: every one done, or stopped at a job.
enum class JobEnd : std::uint64_t { kDone = 0, kInputError = 1, kInterrupted = 2, kFailed = 3 };

// What one rank ran of one each(): every job's numbers, each preceded by its length, and
// how it ended.
struct RankJobs {
  std::vector<double> numbers;
  JobEnd end = JobEnd::kDone;
  std::uint64_t failed_job = 0;
  std::string reason;
  std::exception_ptr failure;
};

// This rank's jobs: i = rank, rank + N, ... Jobs go round the ranks in turn, which evens
// out jobs whose cost grows with their position (a design's later points, say).
RankJobs run_own_jobs(std::size_t count, const TrialRunner::Job& job,
                      const std::function<void(std::size_t)>& progress) {
  RankJobs mine;
  std::size_t done = 0;
  for (std::size_t i = static_cast<std::size_t>(g_rank); i < count; i += static_cast<std::size_t>(g_size)) {
    try {
      fail_if_asked();
      const std::vector<double> numbers = job(i);
      mine.numbers.push_back(static_cast<double>(numbers.size()));
      mine.numbers.insert(mine.numbers.end(), numbers.begin(), numbers.end());
    } catch (const std::exception& e) {
      mine.end = dynamic_cast<const InputError*>(&e)    ? JobEnd::kInputError
                 : dynamic_cast<const Interrupted*>(&e) ? JobEnd::kInterrupted
                                                        : JobEnd::kFailed;
      mine.failed_job = i;
      mine.reason = e.what();
      mine.failure = std::current_exception();
      return mine;
    }
    // Rank 0 sees its own jobs only: the others' are assumed to keep pace.
    const std::size_t estimate = ++done * static_cast<std::size_t>(g_size);
    if (progress && g_rank == 0 && estimate < count) progress(estimate);
  }
  return mine;
}

// Every rank's RankJobs on every rank (the exception pointers stay with their rank).
std::vector<RankJobs> gather_jobs(const RankJobs& mine) {
  const auto size = static_cast<std::size_t>(g_size);
  const std::array<std::uint64_t, 4> header{mine.numbers.size(), static_cast<std::uint64_t>(mine.end),
                                            mine.failed_job, mine.reason.size()};
  std::vector<std::uint64_t> headers(4 * size);
  check(MPI_Allgather(header.data(), 4, MPI_UINT64_T, headers.data(), 4, MPI_UINT64_T, MPI_COMM_WORLD),
        "MPI_Allgather");
  const auto gather_all = [&](const auto* data, std::size_t field, auto& out) {
    std::vector<int> counts(size), offsets(size);
    std::size_t total = 0;
    for (std::size_t r = 0; r < size; ++r) {
      if (headers[4 * r + field] > static_cast<std::uint64_t>(INT_MAX) - total)
        throw std::runtime_error("the evaluations' numbers are too many to gather in one message");
      counts[r] = static_cast<int>(headers[4 * r + field]);
      offsets[r] = static_cast<int>(total);
      total += headers[4 * r + field];
    }
    out.resize(total);
    using T = std::remove_cv_t<std::remove_pointer_t<decltype(data)>>;
    check(MPI_Allgatherv(data, counts[static_cast<std::size_t>(g_rank)], mpi_type<T>(), out.data(), counts.data(),
                         offsets.data(), mpi_type<T>(), MPI_COMM_WORLD),
          "MPI_Allgatherv");
    return offsets;
  };
  std::vector<double> numbers;
  std::string reasons;
  const std::vector<int> number_at = gather_all(mine.numbers.data(), 0, numbers);
  const std::vector<int> reason_at = gather_all(mine.reason.data(), 3, reasons);
  std::vector<RankJobs> all(size);
  for (std::size_t r = 0; r < size; ++r) {
    const auto n = static_cast<std::ptrdiff_t>(headers[4 * r]);
    all[r].numbers.assign(numbers.begin() + number_at[r], numbers.begin() + number_at[r] + n);
    all[r].end = static_cast<JobEnd>(headers[4 * r + 1]);
    all[r].failed_job = headers[4 * r + 2];
    all[r].reason = reasons.substr(static_cast<std::size_t>(reason_at[r]), headers[4 * r + 3]);
  }
  all[static_cast<std::size_t>(g_rank)].failure = mine.failure;
  return all;
}

// After a failed each(): rank 0 throws what the first failing job threw (an input error
// as one process would; another failure naming its rank); the other ranks wait for it.
[[noreturn]] void stop_at_failure(const std::vector<RankJobs>& all, std::size_t rank,
                                  const TrialRunner::Job& job) {
  if (g_rank != 0) wait_for_abort();
  const RankJobs& failed = all[rank];
  if (failed.end == JobEnd::kInterrupted) throw Interrupted();
  if (failed.end == JobEnd::kInputError) {
    if (failed.failure) std::rethrow_exception(failed.failure);
    job(failed.failed_job);  // a job is a pure function of its number: it throws here too
  }
  throw std::runtime_error("rank " + std::to_string(rank) + ": " + failed.reason);
}

class MpiRunner final : public TrialRunner {
 public:
  bool leader() const override { return g_rank == 0; }

  void extend(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
              const std::atomic<bool>* stop) override {
    const std::vector<TrialSpan> shares =
        spans(engine, results.seed, results.independent_streams, results.trials, more, threads, stop);
    if (g_rank == 0) add_spans(results, shares);
    else results.trials += more;
  }

  std::vector<TrialSpan> spans(const Engine& engine, std::uint64_t seed, bool independent_streams,
                               std::uint64_t first, std::uint64_t more, unsigned threads,
                               const std::atomic<bool>* stop) override {
    if (g_rank == 0) return gather_spans(engine, seed, independent_streams, first, more, threads, stop);
    deliver_share(engine, seed, independent_streams, first, more, threads, stop);
    return {};
  }

  bool agree(bool decision) override {
    std::uint64_t value = decision ? 1 : 0;
    check(MPI_Bcast(&value, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast");
    return value != 0;
  }

  std::vector<double> share(std::vector<double> numbers) override {
    std::uint64_t size = numbers.size();
    check(MPI_Bcast(&size, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast");
    numbers.resize(size);
    if (size > 0)
      check(MPI_Bcast(numbers.data(), static_cast<int>(size), MPI_DOUBLE, 0, MPI_COMM_WORLD), "MPI_Bcast");
    return numbers;
  }

  std::vector<std::vector<double>> each(std::size_t count, const Job& job,
                                        const std::function<void(std::size_t)>& progress) override {
    const std::vector<RankJobs> all = gather_jobs(run_own_jobs(count, job, progress));
    std::optional<std::size_t> failed;  // the rank whose failing job comes first
    for (std::size_t r = 0; r < all.size(); ++r)
      if (all[r].end != JobEnd::kDone && (!failed || all[r].failed_job < all[*failed].failed_job)) failed = r;
    if (failed) stop_at_failure(all, *failed, job);
    std::vector<std::vector<double>> numbers(count);
    for (std::size_t r = 0; r < all.size(); ++r) {
      auto at = all[r].numbers.begin();
      for (std::size_t i = r; i < count; i += all.size()) {
        const auto n = static_cast<std::ptrdiff_t>(*at++);
        numbers[i].assign(at, at + n);
        at += n;
      }
    }
    if (progress && g_rank == 0) progress(count);
    return numbers;
  }
};

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

TrialRunner& cluster_runner() {
  static MpiRunner runner;
  if (g_size == 1) return local_runner();
  return runner;
}

}  // namespace flowfolio
