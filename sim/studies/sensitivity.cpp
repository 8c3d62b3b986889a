#include "flowfolio/studies/sensitivity.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>

#include "flowfolio/core/random.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/output/output.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "studies/store.hpp"
#include "studies/study.hpp"

namespace flowfolio {

namespace {
// Sub-stream tags of the design's keyed streams (kind: market, far above any period).
constexpr std::uint64_t kDesign = std::uint64_t{1} << 40;

struct Estimates {
  std::vector<double> first, total;
};

// The estimators over the rows `rows` of the evaluations.
Estimates estimate(std::size_t d, const std::vector<double>& fa, const std::vector<double>& fb,
                   const std::vector<std::vector<double>>& fab,
                   const std::vector<std::size_t>& rows) {
  const double n = static_cast<double>(rows.size());
  // Two passes: the mean can be large against the spread (a P(loss) near 1, say).
  double sum = 0, squares = 0;
  for (std::size_t r : rows) sum += fa[r] + fb[r];
  const double mean = sum / (2 * n);
  for (std::size_t r : rows) squares += (fa[r] - mean) * (fa[r] - mean) + (fb[r] - mean) * (fb[r] - mean);
  const double variance = squares / (2 * n);
  Estimates e{std::vector<double>(d, 0.0), std::vector<double>(d, 0.0)};
  if (!(variance > 0)) return e;
  for (std::size_t i = 0; i < d; ++i) {
    double first = 0, total = 0;
    for (std::size_t r : rows) {
      // Saltelli 2010, with f(B) centred: the same expectation (f(AB) - f(A) has mean 0)
      // and far less variance when the output's mean is large against its spread.
      first += (fb[r] - mean) * (fab[i][r] - fa[r]);
      total += (fa[r] - fab[i][r]) * (fa[r] - fab[i][r]);  // Jansen 1999
    }
    e.first[i] = first / n / variance;
    e.total[i] = total / (2 * n) / variance;
  }
  return e;
}
}  // namespace

SaltelliDesign saltelli_design(std::size_t d, std::size_t n, std::uint64_t seed) {
  assert(d >= 1 && n >= 2);
  SaltelliDesign design{.d = d, .n = n, .points = std::vector<double>(n * (d + 2) * d)};
  // A and B side by side are the first n points of a 2d-dimensional digitally shifted
  // Sobol sequence: low-discrepancy points, still uniform on average.
  const std::vector<double> sequence = study::shifted_sobol_points(2 * d, n, seed);
  std::vector<double> a(d), b(d);
  for (std::size_t r = 0; r < n; ++r) {
    std::copy_n(&sequence[r * 2 * d], d, a.begin());
    std::copy_n(&sequence[r * 2 * d + d], d, b.begin());
    double* row = &design.points[r * (d + 2) * d];
    std::copy(a.begin(), a.end(), row);
    std::copy(b.begin(), b.end(), row + d);
    for (std::size_t i = 0; i < d; ++i) {
      double* point = row + (2 + i) * d;
      std::copy(a.begin(), a.end(), point);
      point[i] = b[i];
    }
  }
  return design;
}

SobolIndices sobol_from_evaluations(const SaltelliDesign& design, std::span<const double> y,
                                    std::uint64_t seed, std::size_t bootstrap) {
  const std::size_t d = design.d, n = design.n;
  assert(y.size() == design.size() && bootstrap >= 2);
  std::vector<double> fa(n), fb(n);
  std::vector<std::vector<double>> fab(d, std::vector<double>(n));
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t k = r * (d + 2);
    fa[r] = y[k];
    fb[r] = y[k + 1];
    for (std::size_t i = 0; i < d; ++i) fab[i][r] = y[k + 2 + i];
  }

  std::vector<std::size_t> rows(n);
  for (std::size_t r = 0; r < n; ++r) rows[r] = r;
  const Estimates point_estimate = estimate(d, fa, fb, fab, rows);

  SobolIndices out;
  out.first = point_estimate.first;
  out.total = point_estimate.total;
  out.evaluations = design.size();
  {
    double sum = 0, squares = 0;
    for (std::size_t r = 0; r < n; ++r) sum += fa[r] + fb[r];
    const double mean = sum / (2.0 * n);
    for (std::size_t r = 0; r < n; ++r) squares += (fa[r] - mean) * (fa[r] - mean) + (fb[r] - mean) * (fb[r] - mean);
    out.variance = squares / (2.0 * n);
  }

  // Bootstrap: resample the rows with replacement, the same rows for every index.
  std::vector<std::vector<double>> first_draws(d), total_draws(d);
  for (std::size_t k = 0; k < bootstrap; ++k) {
    Stream pick(seed, k, StreamKind::kMarket, 2, kDesign, 0, 0);
    for (std::size_t r = 0; r < n; ++r)
      rows[r] = std::min(n - 1, static_cast<std::size_t>(pick.uniform() * n));
    const Estimates e = estimate(d, fa, fb, fab, rows);
    for (std::size_t i = 0; i < d; ++i) {
      first_draws[i].push_back(e.first[i]);
      total_draws[i].push_back(e.total[i]);
    }
  }
  for (std::size_t i = 0; i < d; ++i) {
    const Summary f = summarize(first_draws[i]), t = summarize(total_draws[i]);
    std::sort(first_draws[i].begin(), first_draws[i].end());
    std::sort(total_draws[i].begin(), total_draws[i].end());
    out.first_se.push_back(f.sd);
    out.total_se.push_back(t.sd);
    out.first_lo.push_back(quantile_sorted(first_draws[i], 0.025));
    out.first_hi.push_back(quantile_sorted(first_draws[i], 0.975));
    out.total_lo.push_back(quantile_sorted(total_draws[i], 0.025));
    out.total_hi.push_back(quantile_sorted(total_draws[i], 0.975));
  }
  return out;
}

SobolIndices sobol_indices(std::size_t d, std::size_t n,
                           const std::function<double(std::span<const double>)>& model,
                           std::uint64_t seed, std::size_t bootstrap) {
  const SaltelliDesign design = saltelli_design(d, n, seed);
  std::vector<double> y(design.size());
  for (std::size_t k = 0; k < design.size(); ++k) y[k] = model(design.point(k));
  return sobol_from_evaluations(design, y, seed, bootstrap);
}

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
        e.se.push_back(cvar ? study::cvar_standard_error(sorted, tail, 0.95)
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

namespace {
std::string output_label(const SensitivityOutputResult& out) {
  if (out.kind == "npv_difference") return "npv of " + out.strategy + " minus " + out.versus;
  if (out.kind == "mean_npv") return "mean npv of " + out.strategy;
  if (out.kind == "cvar95") return "CVaR95 of " + out.strategy;
  return "P(loss) of " + out.strategy;
}
}  // namespace

std::string sensitivity_json(const Scenario& scenario, const SensitivityResults& results) {
  using nlohmann::ordered_json;
  const SensitivitySpec& spec = results.spec;
  ordered_json inputs = ordered_json::array();
  for (const ScenarioInput& input : spec.inputs) {
    inputs.push_back({{"name", input.name},
                      {"paths", input.paths},
                      {"base", input.base},
                      {"low", input.low},
                      {"high", input.high},
                      {"distribution", input.distribution.describe()}});
  }
  ordered_json outputs = ordered_json::array();
  for (const SensitivityOutputResult& out : results.outputs) {
    ordered_json o = {{"label", output_label(out)}, {"kind", out.kind}, {"strategy", out.strategy}};
    if (!out.versus.empty()) o["versus"] = out.versus;
    o["base"] = out.base;
    o["base_se"] = out.base_se;
    if (results.tornado) {
      ordered_json bars = ordered_json::array();
      for (const TornadoBar& bar : out.tornado) {
        bars.push_back({{"input", spec.inputs[bar.input].name},
                        {"low", spec.inputs[bar.input].low},
                        {"high", spec.inputs[bar.input].high},
                        {"at_low", bar.at_low},
                        {"at_high", bar.at_high},
                        {"se_low", bar.se_low},
                        {"se_high", bar.se_high},
                        {"swing", bar.swing},
                        {"swing_se", bar.swing_se}});
      }
      o["tornado"] = bars;
    }
    if (results.sobol) {
      ordered_json indices = ordered_json::array();
      const SobolIndices& s = out.sobol;
      for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
        indices.push_back({{"input", spec.inputs[i].name},
                           {"first", s.first[i]},
                           {"first_se", s.first_se[i]},
                           {"first_ci95", {s.first_lo[i], s.first_hi[i]}},
                           {"total", s.total[i]},
                           {"total_se", s.total_se[i]},
                           {"total_ci95", {s.total_lo[i], s.total_hi[i]}}});
      }
      o["sobol"] = {{"variance", s.variance},
                    {"noise_share", out.noise_share},
                    {"warning", out.warning.empty() ? ordered_json() : ordered_json(out.warning)},
                    {"indices", indices}};
    }
    outputs.push_back(o);
  }
  ordered_json methods = ordered_json::array();
  if (results.tornado) methods.push_back("tornado");
  if (results.sobol) methods.push_back("sobol");
  const ordered_json doc = {{"scenario", scenario.name},
                            {"currency", scenario.currency},
                            {"seed", results.seed},
                            {"methods", methods},
                            {"trials_per_evaluation", spec.trials},
                            {"samples", results.sobol ? spec.samples : 0},
                            {"bootstrap", results.sobol ? spec.bootstrap : 0},
                            {"evaluations", results.evaluations},
                            {"inputs", inputs},
                            {"outputs", outputs}};
  return doc.dump(2) + "\n";
}

std::string sensitivity_table(const Scenario& scenario, const SensitivityResults& results) {
  const SensitivitySpec& spec = results.spec;
  std::string out;
  char line[400];
  for (const SensitivityOutputResult& o : results.outputs) {
    const bool share = o.kind == "p_loss";
    const auto value = [&](double x) {
      if (!share) return format_money(x);
      std::snprintf(line, sizeof line, "%.1f%%", 100 * x);
      return std::string(line);
    };
    out += "\n" + output_label(o) + ": " + value(o.base) + " (se " + value(o.base_se) + ")" +
           (share ? "" : " " + scenario.currency) + " at the scenario's values\n";
    std::snprintf(line, sizeof line, "  %-36s %21s %21s %19s", "input", "range",
                  "at low -> at high", "swing");
    out += line;
    if (results.sobol) out += "   first order [95%]      total [95%]";
    out += "\n";
    // In the tornado's order when there is one, else the inputs' own.
    std::vector<std::size_t> order;
    for (const TornadoBar& bar : o.tornado) order.push_back(bar.input);
    if (order.empty())
      for (std::size_t i = 0; i < spec.inputs.size(); ++i) order.push_back(i);
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t i = order[k];
      const ScenarioInput& input = spec.inputs[i];
      const std::string range =
          study::number_short(input.low) + " .. " + study::number_short(input.high);
      std::string ends = "", swing = "";
      if (!o.tornado.empty()) {
        ends = value(o.tornado[k].at_low) + " -> " + value(o.tornado[k].at_high);
        swing = (o.tornado[k].swing >= 0 ? "+" : "") + value(o.tornado[k].swing);
        if (o.tornado[k].swing_se > 0) swing += " +- " + value(o.tornado[k].swing_se);
      }
      std::snprintf(line, sizeof line, "  %-36s %21s %21s %19s", input.name.substr(0, 36).c_str(),
                    range.c_str(), ends.c_str(), swing.c_str());
      out += line;
      if (results.sobol) {
        const SobolIndices& si = o.sobol;
        std::snprintf(line, sizeof line, "   %5.2f [%5.2f, %5.2f]  %5.2f [%5.2f, %5.2f]",
                      si.first[i], si.first_lo[i], si.first_hi[i], si.total[i], si.total_lo[i],
                      si.total_hi[i]);
        out += line;
      }
      out += "\n";
    }
    if (results.sobol) {
      std::snprintf(line, sizeof line, "  noise share %.1f%%%s\n", 100 * o.noise_share,
                    o.warning.empty() ? "" : ("; " + o.warning).c_str());
      out += line;
    }
  }
  return out;
}

std::string record_sensitivity(const std::string& store_path, const std::string& scenario_file,
                               const Scenario& scenario, const SensitivityResults& results,
                               const std::string& command_line) {
  const std::string run_id = "sensitivity-" + content_key(scenario_file + "\n" + sensitivity_json(scenario, results));
  const SensitivitySpec& spec = results.spec;
  Store store(store_path);
  store.replace(
      run_id,
      {"sensitivity_runs", "sensitivity_inputs", "sensitivity_tornado", "sensitivity_indices"},
      [&] {
        store.run("INSERT INTO sensitivity_runs VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                  {run_id, scenario_file, static_cast<std::int64_t>(results.seed),
                   static_cast<std::int64_t>(spec.trials),
                   static_cast<std::int64_t>(results.sobol ? spec.samples : 0),
                   static_cast<std::int64_t>(results.evaluations), std::string(FLOWFOLIO_VERSION),
                   command_line});
        for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
          const ScenarioInput& input = spec.inputs[i];
          std::string paths;
          for (const std::string& p : input.paths) paths += (paths.empty() ? "" : ";") + p;
          store.run("INSERT INTO sensitivity_inputs VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                    {run_id, input.name, static_cast<std::int64_t>(i), paths, input.base, input.low,
                     input.high, input.distribution.describe()});
        }
        for (const SensitivityOutputResult& out : results.outputs) {
          const Store::Value versus =
              out.versus.empty() ? Store::Value(nullptr) : Store::Value(out.versus);
          for (std::size_t rank = 0; rank < out.tornado.size(); ++rank) {
            const TornadoBar& bar = out.tornado[rank];
            const ScenarioInput& input = spec.inputs[bar.input];
            store.run("INSERT INTO sensitivity_tornado VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {run_id, out.kind, out.strategy, versus, input.name,
                       static_cast<std::int64_t>(rank + 1), input.low, input.high, bar.at_low,
                       bar.at_high, bar.swing, bar.swing_se});
          }
          if (!results.sobol) continue;
          const SobolIndices& s = out.sobol;
          for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
            store.run(
                "INSERT INTO sensitivity_indices VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                {run_id, out.kind, out.strategy, versus, spec.inputs[i].name, s.first[i],
                 s.first_se[i], s.first_lo[i], s.first_hi[i], s.total[i], s.total_se[i],
                 s.total_lo[i], s.total_hi[i], out.noise_share});
          }
        }
      });
  return run_id;
}

}  // namespace flowfolio
