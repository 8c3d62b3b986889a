// Learning rates from the ramp (fits.hpp; docs/calibration.md, "Learning"): each person's
// record replayed through the model's success curve (MODEL.md 4.6) and learning rule
// (5.1), the start skill and theta = eta (1 - rho) chosen by maximum likelihood, then the
// people of a profile pooled.
#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/tools/minima.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <numeric>

#include "calibration/fits.hpp"
#include "flowfolio/core/portable_math.hpp"

namespace flowfolio::calibration {

namespace {
constexpr double kZ95 = 1.6448536269514722;
// Half the 90% point of chi-square with 1 degree of freedom: the drop in log-likelihood
// that bounds the profile-likelihood interval.
constexpr double kProfileDrop = 2.705543454095404 / 2;
constexpr double kSmallestGridRate = 1e-4;
constexpr int kRateGrid = 24;

// One period of a person's record: the units of each activity and their successes, and the
// training the strategy gave the person's profile then.
struct Step {
  int period = 0;
  std::vector<RampRecord> work;
  double train_online = 0, train_domain = 0;  // hours x gain, before the (1 - rho) damping
};

// A person's record, replayed for any start skill and rate (MODEL.md sections 4.6, 5.1).
class Replay {
 public:
  Replay(const Scenario& s, const History& h, const Strategy& as, std::size_t person, int dimension, double other)
      : s_(s), dimension_(dimension), other_(other) {
    const std::size_t profile = h.people[person].profile;
    damping_ = 1 - std::clamp(s.profiles[profile].resistance.mean(), 0.0, 1.0);
    for (const RampRecord& r : h.ramp) {
      if (r.person != person) continue;
      if (steps_.empty() || steps_.back().period != r.period) {
        // The periods between records: no work, but the training still teaches.
        const int from = steps_.empty() ? r.period : steps_.back().period + 1;
        for (int t = from; t <= r.period; ++t) steps_.push_back(step(as, profile, t));
      }
      steps_.back().work.push_back(r);
    }
  }

  // The log-likelihood of the successes, and with `curve` each record's fitted success chance.
  double log_likelihood(double start, double rate, std::vector<PersonLearningFit::Point>* curve = nullptr) const {
    const ModelConstants& k = s_.model;
    double skill[2] = {other_, other_};
    skill[dimension_] = start;
    double ll = 0;
    for (const Step& step : steps_) {
      double practice[2] = {0, 0};
      for (const RampRecord& r : step.work) {
        const Activity& a = s_.activities[r.activity];
        const double delta = std::max(a.challenge.online - skill[0], a.challenge.domain - skill[1]);
        // The engine's own functions (portable_math.hpp): the same bits on every machine.
        const double p = std::clamp(k.success_max / (1 + portable_exp(k.success_slope * (delta - k.success_offset))), 1e-12, 1 - 1e-12);
        ll += r.successes * portable_log(p) + (r.units - r.successes) * portable_log(1 - p);
        const double off_peak = (delta - k.learning_peak) / k.learning_width;
        const double teaching = r.units * a.hours_per_unit * portable_exp(-off_peak * off_peak / 2);
        practice[0] += teaching * a.challenge.online;
        practice[1] += teaching * a.challenge.domain;
        if (curve != nullptr) curve->push_back({step.period, r.activity, r.units, r.successes, p});
      }
      const double train[2] = {step.train_online, step.train_domain};
      for (int d = 0; d < 2; ++d)
        skill[d] = std::clamp(skill[d] + (rate * practice[d] + damping_ * train[d]) * (1 - skill[d]), 0.0, 1.0);
    }
    return ll;
  }

 private:
  Step step(const Strategy& as, std::size_t profile, int t) const {
    Step st{.period = t};
    for (const Training& course : as.train) {
      if (static_cast<std::size_t>(course.who) != profile || t < course.from || t >= course.to) continue;
      st.train_online += course.hours_per_period * course.gain.online;
      st.train_domain += course.hours_per_period * course.gain.domain;
    }
    return st;
  }

  const Scenario& s_;
  int dimension_;
  double other_, damping_ = 1;
  std::vector<Step> steps_;
};

// The best start skill for a rate: a coarse grid, then Brent's method around its best.
struct Best {
  double start = 0, ll = 0;
};
Best best_start(const Replay& replay, double rate) {
  constexpr int kGrid = 10;
  int top = 0;
  double top_ll = -INFINITY;
  for (int i = 0; i <= kGrid; ++i) {
    const double ll = replay.log_likelihood(static_cast<double>(i) / kGrid, rate);
    if (ll > top_ll) {
      top_ll = ll;
      top = i;
    }
  }
  const auto negative = [&](double start) { return -replay.log_likelihood(start, rate); };
  const auto [start, value] = boost::math::tools::brent_find_minima(negative, std::max(0, top - 1) / double(kGrid),
                                                                    std::min(kGrid, top + 1) / double(kGrid), 30);
  return -value >= top_ll ? Best{start, -value} : Best{static_cast<double>(top) / kGrid, top_ll};
}

// The profile likelihood of the rate: the best start skill for it.
double profile(const Replay& replay, double rate) { return best_start(replay, rate).ll; }

// Where the profile likelihood falls to `level` between a rate below it and one above.
double crossing(const Replay& replay, double below, double above, double level) {
  const auto gap = [&](double rate) { return profile(replay, rate) - level; };
  std::uintmax_t iterations = 40;
  const auto [a, b] = boost::math::tools::toms748_solve(gap, below, above, boost::math::tools::eps_tolerance<double>(20),
                                                        iterations);
  return (a + b) / 2;
}

struct RateFit {
  double rate = 0, start = 0, ll = -INFINITY;
  Interval interval;
  bool capped = false;
};

// The rate by maximum likelihood over [0, kMaxLearningRate], and its 90% interval.
RateFit fit_rate(const Replay& replay) {
  std::vector<double> grid = {0};
  for (int i = 0; i < kRateGrid; ++i)
    grid.push_back(kSmallestGridRate * portable_pow(kMaxLearningRate / kSmallestGridRate, i / double(kRateGrid - 1)));
  std::vector<double> ll;
  for (const double r : grid) ll.push_back(profile(replay, r));
  const std::size_t top = static_cast<std::size_t>(std::max_element(ll.begin(), ll.end()) - ll.begin());
  const auto negative = [&](double rate) { return -profile(replay, rate); };
  const double lo = grid[top == 0 ? 0 : top - 1], hi = grid[std::min(grid.size() - 1, top + 1)];
  auto [rate, value] = boost::math::tools::brent_find_minima(negative, lo, hi, 30);
  RateFit fit;
  if (-value >= ll[top]) {
    fit.rate = rate;
    fit.ll = -value;
  } else {
    fit.rate = grid[top];
    fit.ll = ll[top];
  }
  fit.start = best_start(replay, fit.rate).start;
  // From the rate outwards, the first grid rate under the level bounds the interval: the
  // profile may be bumpy where the data say little, so each crossing is sought between it
  // and the last rate found above the level.
  const double level = fit.ll - kProfileDrop;
  fit.interval.lo = 0;
  double inside = fit.rate;
  for (std::size_t k = grid.size(); k-- > 0;) {
    if (grid[k] >= fit.rate) continue;
    if (ll[k] < level) {
      fit.interval.lo = crossing(replay, grid[k], inside, level);
      break;
    }
    inside = grid[k];
  }
  fit.interval.hi = kMaxLearningRate;
  fit.capped = true;
  inside = fit.rate;
  for (std::size_t k = 0; k < grid.size(); ++k) {
    if (grid[k] <= fit.rate) continue;
    if (ll[k] < level) {
      fit.interval.hi = crossing(replay, inside, grid[k], level);
      fit.capped = false;
      break;
    }
    inside = grid[k];
  }
  fit.interval.lo = std::min(fit.interval.lo, fit.rate);
  fit.interval.hi = std::max(fit.interval.hi, fit.rate);
  return fit;
}

double clamped_mean(const Distribution& d) { return std::clamp(d.mean(), 0.0, 1.0); }

// The skill dimension that binds the person's work at the profile's mean start: the one
// whose challenge exceeds the mean skill more, over the units of the record.
int binding_dimension(const Scenario& scenario, const History& history, std::size_t person, const double means[2]) {
  double gap[2] = {0, 0};
  for (const RampRecord& r : history.ramp) {
    if (r.person != person) continue;
    const Skills& c = scenario.activities[r.activity].challenge;
    gap[0] += r.units * (c.online - means[0]);
    gap[1] += r.units * (c.domain - means[1]);
  }
  return gap[1] > gap[0] ? 1 : 0;
}
}  // namespace

PersonLearningFit fit_person(const Scenario& scenario, const History& history, std::size_t as, std::size_t person) {
  const Profile& profile = scenario.profiles[history.people[person].profile];
  const double means[2] = {clamped_mean(profile.online), clamped_mean(profile.domain)};
  // The binding dimension is fitted; the other only replaces it when it fits clearly better
  // (by twice the interval's drop in log-likelihood), as when a person's skill is far from
  // the profile's mean.
  const int first = binding_dimension(scenario, history, person, means);
  PersonLearningFit best;
  RateFit best_fit;
  for (const int d : {first, 1 - first}) {
    const Replay replay(scenario, history, scenario.strategies[as], person, d, means[1 - d]);
    const RateFit fit = fit_rate(replay);
    if (d != first && !(fit.ll > best_fit.ll + 2 * kProfileDrop)) continue;
    best_fit = fit;
    best = {.person = person, .name = history.people[person].name, .dimension = d == 0 ? "online" : "domain", .start_skill = fit.start,
            .other_skill = means[1 - d], .rate = fit.rate, .rate_interval = fit.interval, .rate_capped = fit.capped};
    replay.log_likelihood(fit.start, fit.rate, &best.curve);
  }
  for (const RampRecord& r : history.ramp) {
    if (r.person != person) continue;
    ++best.records;
    best.units += r.units;
    best.successes += r.successes;
  }
  return best;
}

Pooled pool_random_effects(const std::vector<double>& x, const std::vector<double>& se) {
  const std::size_t m = x.size();
  std::vector<double> w(m);
  for (std::size_t i = 0; i < m; ++i) w[i] = 1 / std::max(se[i] * se[i], 1e-12);
  if (m == 1) return {x[0], {std::max(0.0, x[0] - kZ95 * se[0]), x[0] + kZ95 * se[0]}, 0};
  const double sw = std::accumulate(w.begin(), w.end(), 0.0);
  double fixed = 0, sw2 = 0;
  for (std::size_t i = 0; i < m; ++i) {
    fixed += w[i] * x[i] / sw;
    sw2 += w[i] * w[i];
  }
  double q = 0;
  for (std::size_t i = 0; i < m; ++i) q += w[i] * (x[i] - fixed) * (x[i] - fixed);
  const double tau2 = std::max(0.0, (q - static_cast<double>(m - 1)) / (sw - sw2 / sw));
  std::vector<double> v(m);  // each estimate's variance about the typical person's value
  for (std::size_t i = 0; i < m; ++i) v[i] = 1 / w[i] + tau2;
  double swr = 0, mean = 0;
  for (std::size_t i = 0; i < m; ++i) swr += 1 / v[i];
  for (std::size_t i = 0; i < m; ++i) mean += x[i] / v[i] / swr;
  double spread = 0;
  for (std::size_t i = 0; i < m; ++i) spread += (x[i] - mean) * (x[i] - mean) / v[i];
  // Hartung-Knapp: the spread of the estimates about their mean, with Student's t; never
  // narrower than the random-effects interval from the fits' own errors (estimates that
  // agree by chance must not shrink it to nothing).
  const double t = boost::math::quantile(boost::math::students_t(static_cast<double>(m - 1)), 1 - (1 - kCalibrationLevel) / 2);
  const double half = std::max(t * std::sqrt(spread / (static_cast<double>(m - 1) * swr)), kZ95 * std::sqrt(1 / swr));
  return {mean, {std::max(0.0, mean - half), mean + half}, std::sqrt(tau2)};
}

std::vector<LearningFit> fit_learning(const Scenario& scenario, const History& history, std::size_t as) {
  std::vector<LearningFit> fits;
  const Strategy& strategy = scenario.strategies[as];
  for (std::size_t p = 0; p < scenario.profiles.size(); ++p) {
    LearningFit fit{.profile = p};
    for (std::size_t i = 0; i < history.people.size(); ++i) {
      if (history.people[i].profile != p) continue;
      PersonLearningFit person = fit_person(scenario, history, as, i);
      if (person.units > 0) fit.people.push_back(std::move(person));  // rows of no units say nothing
    }
    if (fit.people.empty()) continue;
    std::vector<double> x, se;
    for (const PersonLearningFit& person : fit.people) {
      x.push_back(person.rate);
      se.push_back((person.rate_interval.hi - person.rate_interval.lo) / (2 * kZ95));
    }
    const Pooled pooled = pool_random_effects(x, se);
    fit.rate = pooled.mean;
    fit.rate_interval = pooled.interval;
    fit.between_sd = pooled.between_sd;
    const Profile& profile = scenario.profiles[p];
    fit.resistance_mean = std::clamp(profile.resistance.mean(), 0.0, 1.0);
    fit.scenario_eta = std::max(0.0, profile.learning_rate.mean());
    if (fit.resistance_mean < 1) {
      const double eta = fit.rate / (1 - fit.resistance_mean), sd = fit.between_sd / (1 - fit.resistance_mean);
      const double spread = eta > 0 ? portable_log(1 + (sd / eta) * (sd / eta)) : 0;
      fit.eta_sigma = std::sqrt(spread);
      fit.eta_median = eta / std::sqrt(1 + (eta > 0 ? (sd / eta) * (sd / eta) : 0));
    } else {
      fit.note = "Its people resist all learning (rho 1): the learning rate cannot be told from the ramp and is kept";
    }
    if (strategy.mentor && static_cast<std::size_t>(strategy.mentor->mentee) == p)
      fit.note = "Mentored under " + strategy.name + ": the fit leaves out the mentor's help, so the rate includes what mentoring taught";
    fits.push_back(std::move(fit));
  }
  return fits;
}

}  // namespace flowfolio::calibration
