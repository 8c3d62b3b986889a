// A TrialRunner for tests (trial_runner.hpp): it cuts every request for trials into
// uneven spans of whole blocks, simulated on different thread counts, as a cluster job
// of three ranks would, runs each()'s jobs last to first, and counts every call. Whatever
// a function computes through it must equal what it computes through local_runner().
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "flowfolio/engine/trial_runner.hpp"

namespace flowfolio::testing {

class SplittingRunner final : public TrialRunner {
 public:
  int extends = 0, span_requests = 0, agreements = 0, jobs = 0;

  bool leader() const override { return true; }

  void extend(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
              const std::atomic<bool>* stop) override {
    ++extends;
    const std::vector<TrialSpan> cut =
        cut_spans(engine, results.seed, results.independent_streams, results.trials, more, threads, stop);
    add_spans(results, cut);
  }

  std::vector<TrialSpan> spans(const Engine& engine, std::uint64_t seed, bool independent_streams,
                               std::uint64_t first, std::uint64_t more, unsigned threads,
                               const std::atomic<bool>* stop) override {
    ++span_requests;
    return cut_spans(engine, seed, independent_streams, first, more, threads, stop);
  }

  bool agree(bool decision) override {
    ++agreements;
    return decision;
  }
  std::vector<double> share(std::vector<double> numbers) override { return numbers; }

  std::vector<std::vector<double>> each(std::size_t count, const Job& job,
                                        const std::function<void(std::size_t)>& progress) override {
    std::vector<std::vector<double>> numbers(count);
    for (std::size_t i = count; i-- > 0;) {
      numbers[i] = job(i);
      ++jobs;
    }
    if (progress) progress(count);
    return numbers;
  }

 private:
  // Three spans where there are blocks enough: 3, 1 and the rest of the blocks, on 2, 1
  // and 3 threads.
  static std::vector<TrialSpan> cut_spans(const Engine& engine, std::uint64_t seed, bool independent_streams,
                                          std::uint64_t first, std::uint64_t more, unsigned,
                                          const std::atomic<bool>* stop) {
    const std::uint64_t end = first + more;
    const std::uint64_t a = std::min(end, first + 3 * kTrialBlock), b = std::min(end, a + kTrialBlock);
    std::vector<TrialSpan> spans;
    spans.push_back(simulate_span(engine, seed, independent_streams, first, a, 2, stop));
    if (b > a) spans.push_back(simulate_span(engine, seed, independent_streams, a, b, 1, stop));
    if (end > b) spans.push_back(simulate_span(engine, seed, independent_streams, b, end, 3, stop));
    return spans;
  }
};

}  // namespace flowfolio::testing
