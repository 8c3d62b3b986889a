// A scenario's sensitivity analysis: its evaluations and what they add up to (sensitivity.hpp).
#include "flowfolio/studies/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "studies/study.hpp"

namespace flowfolio {

namespace {
// One evaluation's outputs, in the order of the analysis' output list.
struct Evaluation {
  std::vector<double> value, se;
  std::vector<std::vector<double>> npv;  // per needed strategy, per trial (kept for the tornado)
};

// An evaluation as the numbers a runner passes between processes: its values, their
// standard errors and, with `npv`, every needed strategy's per-trial npv.
std::vector<double> numbers_of(const Evaluation& e, bool npv) {
  std::vector<double> numbers = e.value;
  numbers.insert(numbers.end(), e.se.begin(), e.se.end());
  if (npv)
    for (const std::vector<double>& trials : e.npv) numbers.insert(numbers.end(), trials.begin(), trials.end());
  return numbers;
}

// numbers_of() read back, for an analysis of `outputs` outputs of `trials` trials each.
Evaluation evaluation_of(const std::vector<double>& numbers, std::size_t outputs, std::uint64_t trials) {
  Evaluation e;
  const auto at = [&](std::size_t i) { return numbers.begin() + static_cast<std::ptrdiff_t>(i); };
  e.value.assign(at(0), at(outputs));
  e.se.assign(at(outputs), at(2 * outputs));
  for (std::size_t from = 2 * outputs; from < numbers.size(); from += trials) e.npv.emplace_back(at(from), at(from + trials));
  return e;
}

// What the analysis explains, in order: each strategy's outputs, then the differences.
struct OutputPlan {
  SensitivityOutput kind{};
  bool difference = false;
  std::size_t a = 0, b = 0;  // positions among the needed strategies
};

}  // namespace

SensitivityResults run_sensitivity(const std::string& text, const std::string& file,
                                   const SensitivityOptions& options) {
  const Scenario scenario = read_scenario_text(text, file, options.overrides);
  const SensitivitySpec& spec = scenario.sensitivity;
  if (spec.inputs.empty())
    throw InputError(
        {Diagnostic{.file = file,
                    .message = "the scenario has no sensitivity: block; add one listing the "
                               "inputs to vary (docs/sensitivity.md)"}});
  SensitivityResults results{
      .spec = spec, .seed = options.seed, .tornado = options.tornado, .sobol = options.sobol};

  // The strategies whose outputs are explained, and every strategy they need.
  std::vector<int> explained = spec.strategies;
  if (explained.empty())
    for (std::size_t s = 0; s < scenario.strategies.size(); ++s)
      explained.push_back(static_cast<int>(s));
  std::vector<std::pair<int, int>> differences = spec.differences;
  if (options.only_strategy >= 0) {
    const int only = options.only_strategy;
    explained = {only};
    std::erase_if(differences,
                  [only](const auto& p) { return p.first != only && p.second != only; });
  }
  std::vector<int> needed = explained;
  for (const auto& [a, b] : differences) {
    needed.push_back(a);
    needed.push_back(b);
  }
  std::sort(needed.begin(), needed.end());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  const auto position = [&](int s) {
    return static_cast<std::size_t>(std::find(needed.begin(), needed.end(), s) - needed.begin());
  };
  std::vector<OutputPlan> plan;
  for (int s : explained) {
    for (SensitivityOutput kind : spec.outputs) {
      plan.push_back({.kind = kind, .a = position(s)});
      results.outputs.push_back({.kind = kind == SensitivityOutput::kMeanNpv  ? "mean_npv"
                                         : kind == SensitivityOutput::kCvar95 ? "cvar95"
                                                                              : "p_loss",
                                 .strategy = scenario.strategies[s].name});
    }
  }
  for (const auto& [a, b] : differences) {
    plan.push_back({.kind = SensitivityOutput::kMeanNpv,
                    .difference = true,
                    .a = position(a),
                    .b = position(b)});
    results.outputs.push_back({.kind = "npv_difference",
                               .strategy = scenario.strategies[a].name,
                               .versus = scenario.strategies[b].name});
  }

  const std::size_t d = spec.inputs.size();
  const std::vector<double> unset(d, std::nan(""));
  const SaltelliDesign design =
      options.sobol ? saltelli_design(d, spec.samples, options.seed) : SaltelliDesign{};
  // Every value an input will take is checked before anything runs: its tornado ends,
  // and the least and greatest values the design draws for it.
  std::vector<std::vector<double>> ends(d);
  for (std::size_t i = 0; i < d; ++i) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    if (options.tornado) {
      lo = spec.inputs[i].low;
      hi = spec.inputs[i].high;
    }
    for (std::size_t k = 0; k < design.size(); ++k) {
      const double v = spec.inputs[i].distribution.quantile(design.point(k)[i]);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    ends[i] = {lo, hi};
    // And one value between them: a path that takes whole numbers only fails there.
    if (design.size() > 0) ends[i].push_back(spec.inputs[i].distribution.quantile(design.point(0)[i]));
  }
  study::check_ends(text, file, options.overrides, spec.inputs, ends);

  // Simulates one variant: only the strategies the outputs need, on the common seed.
  const auto simulate = [&](Scenario variant) {
    study::keep_strategies(variant, needed);
    const RunResults r = run(variant, {.trials = spec.trials,
                                       .seed = options.seed,
                                       .threads = options.threads,
                                       .stop = options.stop});
    Evaluation e;
    for (const StrategyResults& s : r.strategies) {
      const auto npv = s.metric(Metric::kNpv);
      e.npv.emplace_back(npv.begin(), npv.end());
    }
    const double m = static_cast<double>(spec.trials);
    // Each strategy's npv sorted, once, for the tail outputs that need it.
    std::vector<std::vector<double>> sorted_npv(e.npv.size());
    for (const OutputPlan& p : plan) {
      const std::vector<double>& npv = e.npv[p.a];
      if (p.difference) {
        const PairedDifference diff = paired_difference(e.npv[p.b], npv);  // a - b
        e.value.push_back(diff.mean);
        e.se.push_back(diff.se);
      } else if (p.kind == SensitivityOutput::kMeanNpv) {
        const MeanAndError me = mean_and_error(npv);
        e.value.push_back(me.mean);
        e.se.push_back(me.se);
      } else {
        std::vector<double>& sorted = sorted_npv[p.a];
        if (sorted.empty()) {
          sorted = npv;
          std::sort(sorted.begin(), sorted.end());
        }
        const TailRisk tail = tail_risk_sorted(sorted);
        const bool cvar = p.kind == SensitivityOutput::kCvar95;
        e.value.push_back(cvar ? tail.cvar95 : tail.p_loss);
        e.se.push_back(cvar ? study::cvar_standard_error(sorted, 0.95)
                            : std::sqrt(tail.p_loss * (1 - tail.p_loss) / m));
      }
    }
    return e;
  };
  Diagnostic inputs_block = spec.inputs.front().where;
  inputs_block.path = "sensitivity.inputs";
  const auto evaluate = [&](std::span<const double> x) {
    std::string values;
    for (std::size_t i = 0; i < d; ++i)
      if (!std::isnan(x[i])) values += (values.empty() ? "" : ", ") + spec.inputs[i].name + " = " + study::number_short(x[i]);
    return simulate(study::scenario_with(text, file, options.overrides, spec.inputs, x,
                                         "the inputs' values " + values, inputs_block));
  };

  // Every evaluation is known up front: the base, each input at its low and high ends,
  // then the design's points. The runner shares them out (trial_runner.hpp).
  const std::size_t tornado_jobs = options.tornado ? 2 * d : 0;
  const std::size_t total = 1 + tornado_jobs + design.size();
  const auto point = [&](std::size_t job) {
    std::vector<double> x = unset;
    if (job == 0) return x;
    if (job <= tornado_jobs) {
      const ScenarioInput& input = spec.inputs[(job - 1) / 2];
      x[(job - 1) / 2] = job % 2 ? input.low : input.high;
      return x;
    }
    const std::size_t k = job - 1 - tornado_jobs;
    for (std::size_t i = 0; i < d; ++i) x[i] = spec.inputs[i].distribution.quantile(design.point(k)[i]);
    return x;
  };
  // The tornado's swings need the per-trial npv of both ends; other evaluations, their values.
  const auto job = [&](std::size_t i) { return numbers_of(evaluate(point(i)), i > 0 && i <= tornado_jobs); };
  TrialRunner& runner = options.runner ? *options.runner : local_runner();
  const std::vector<std::vector<double>> evaluations = runner.each(total, job, [&](std::size_t done) {
    if (options.progress) options.progress(done, total);
  });
  const auto evaluation = [&](std::size_t i) { return evaluation_of(evaluations[i], plan.size(), spec.trials); };
  const Evaluation base = evaluation(0);
  for (std::size_t o = 0; o < plan.size(); ++o) {
    results.outputs[o].base = base.value[o];
    results.outputs[o].base_se = base.se[o];
  }

  if (options.tornado) {
    for (std::size_t i = 0; i < d; ++i) {
      const Evaluation low = evaluation(1 + 2 * i), high = evaluation(2 + 2 * i);
      for (std::size_t o = 0; o < plan.size(); ++o) {
        TornadoBar bar{.input = i,
                       .at_low = low.value[o],
                       .at_high = high.value[o],
                       .se_low = low.se[o],
                       .se_high = high.se[o],
                       .swing = high.value[o] - low.value[o]};
        const OutputPlan& p = plan[o];
        if (p.kind == SensitivityOutput::kMeanNpv) {
          // The swing of a mean on paired trials: the mean of per-trial swings.
          std::vector<double> at_low = low.npv[p.a], at_high = high.npv[p.a];
          if (p.difference) {
            for (std::size_t t = 0; t < at_low.size(); ++t) {
              at_low[t] -= low.npv[p.b][t];
              at_high[t] -= high.npv[p.b][t];
            }
          }
          bar.swing_se = paired_difference(at_low, at_high).se;
        }
        results.outputs[o].tornado.push_back(bar);
      }
    }
    for (SensitivityOutputResult& out : results.outputs) {
      std::stable_sort(out.tornado.begin(), out.tornado.end(),
                       [](const TornadoBar& x, const TornadoBar& y) {
                         return std::abs(x.swing) > std::abs(y.swing);
                       });
    }
  }

  if (options.sobol) {
    std::vector<std::vector<double>> y(plan.size(), std::vector<double>(design.size()));
    std::vector<double> noise(plan.size(), 0.0);
    for (std::size_t k = 0; k < design.size(); ++k) {
      const Evaluation e = evaluation(1 + tornado_jobs + k);
      for (std::size_t o = 0; o < plan.size(); ++o) {
        y[o][k] = e.value[o];
        noise[o] += e.se[o] * e.se[o];
      }
    }
    for (std::size_t o = 0; o < plan.size(); ++o) {
      SensitivityOutputResult& out = results.outputs[o];
      out.sobol = sobol_from_evaluations(design, y[o], options.seed, spec.bootstrap);
      const double sd = summarize(y[o]).sd, variance = sd * sd;
      const double mean_noise = noise[o] / static_cast<double>(design.size());
      // On common random numbers an output no input moves is the same at every point:
      // no variance, and no noise to speak of either.
      out.noise_share = variance > 0 ? mean_noise / variance : 0.0;
      if (!(variance > 0)) {
        out.warning = "no input moves this output: it is the same at every point of the design";
      } else if (out.noise_share > kNoiseShareWarning) {
        char text_buffer[300];
        std::snprintf(
            text_buffer, sizeof text_buffer,
            "Monte Carlo noise could make up %.0f%% of this output's variance over the design "
            "(more than %.0f%%): its indices say little; raise sensitivity.trials",
            100 * std::min(out.noise_share, 9.99), 100 * kNoiseShareWarning);
        out.warning = text_buffer;
      }
    }
  }
  results.evaluations = total;
  return results;
}

}  // namespace flowfolio
