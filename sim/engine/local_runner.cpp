// local_runner(): the trials simulated on this process's threads (trial_runner.hpp).
#include <cassert>

#include "engine/extend_here.hpp"
#include "flowfolio/engine/trial_runner.hpp"

namespace flowfolio {

namespace {

class LocalRunner final : public TrialRunner {
 public:
  bool leader() const override { return true; }

  void extend(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
              const std::atomic<bool>* stop) override {
    extend_here(engine, results, more, threads, stop);
  }

  std::vector<TrialSpan> spans(const Engine& engine, std::uint64_t seed, bool independent_streams,
                               std::uint64_t first, std::uint64_t more, unsigned threads,
                               const std::atomic<bool>* stop) override {
    assert(more > 0);
    std::vector<TrialSpan> spans;
    spans.push_back(simulate_span(engine, seed, independent_streams, first, first + more, threads, stop));
    return spans;
  }

  bool agree(bool decision) override { return decision; }
  std::vector<double> share(std::vector<double> numbers) override { return numbers; }

  // In job order: the first job to fail stops the rest, as a plain loop would.
  std::vector<std::vector<double>> each(std::size_t count, const Job& job,
                                        const std::function<void(std::size_t)>& progress) override {
    std::vector<std::vector<double>> numbers;
    numbers.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      numbers.push_back(job(i));
      if (progress) progress(i + 1);
    }
    return numbers;
  }
};

}  // namespace

TrialRunner& local_runner() {
  static LocalRunner runner;
  return runner;
}

}  // namespace flowfolio
