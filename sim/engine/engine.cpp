// One trial of MODEL.md sections 3 to 7. Section references below are to docs/model.md,
// which follows MODEL.md's numbering.
#include "flowfolio/engine/engine.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <algorithm>
#include <atomic>
#include <bit>
#include <cassert>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include "engine/assignment.hpp"
#include "engine/cash_path.hpp"
#include "engine/extend_here.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/core/portable_math.hpp"
#include "flowfolio/core/random.hpp"

namespace flowfolio {

namespace {

// Sums of every training programme a profile follows in one period (section 4.2 step 2).
struct TrainingLoad {
  double hours = 0;
  double cost = 0;
  double gain_online = 0;  // sum of hours * gain
  double gain_domain = 0;
};

// A person slot (section 4.1): organisation staff first, then the strategy's hires.
struct SlotPlan {
  int profile = 0;
  int join_at = 0;
  bool hired = false;     // pays hire_cost when joining
  bool released = false;  // never active
};

struct CompiledStrategy {
  const Strategy* strategy = nullptr;
  std::vector<SlotPlan> slots;
  std::vector<int> units;             // [t * A + a]: n_at of section 4.4
  std::vector<char> has_demand;       // [a]: the rate is above 0
  std::vector<TrainingLoad> training; // [p * T + t]
  std::vector<char> eligible;         // [a * P + p]: static policy roles
};

// The state of one person slot, and what it accumulates during a period.
struct Person {
  bool active = false;
  int generation = -1;  // -1 until the slot's first person joins
  int profile = 0;
  int rejoin_at = -1;   // period at which the next generation joins, or -1
  double online = 0, domain = 0, eta = 0, rho = 0, burnout = 0;
  // Period scratch.
  double hours = 0;            // remaining hours for units
  double domain_effective = 0;  // s'_d (section 4.2 step 3)
  double practice_online = 0, practice_domain = 0;
  double anxious_hours = 0, bored_hours = 0;
  double training_online = 0, training_domain = 0;
  double mentoring_online = 0, mentoring_domain = 0;
  // Period scratch kept for traces only.
  double training_hours = 0, mentoring_hours = 0, hours_available = 0;
  int units = 0, successes = 0, incidents = 0;
  double hours_worked = 0, delta_hours = 0;
  bool left = false;
};

// A unit's value or direct cost: by inversion from its block's word when the
// distribution allows, else from the unit's own sub-stream `draw`.
double draw_unit(const Distribution& d, std::uint64_t word, std::uint64_t seed, std::uint64_t trial,
                 int t, std::size_t a, std::size_t i, UnitDraw draw) {
  if (d.invertible()) return d.invert(open_uniform_from(word));
  Stream stream = unit_stream(seed, trial, static_cast<std::uint64_t>(t), a, i, draw);
  return d.sample(stream);
}

// The seed of strategy s's own streams when streams are independent (SplitMix64 of the
// seed and the strategy's position), so no two strategies share a draw.
std::uint64_t independent_seed(std::uint64_t seed, std::size_t strategy) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (strategy + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

// The draws of one unit (t, a, i) that every strategy working it uses, made from the four
// words of its kOutcome block (random.hpp). They are pure functions of their keys
// (section 4.6), so drawing them once per trial, whether or not a strategy ends up
// needing them, changes no result and spares the generator the same work once per
// strategy. Severity and unmet cost are rare and stay drawn on demand.
struct UnitLuck {
  double success = 0;   // U_s
  double incident = 1;  // U_i (1 when the activity has no incident chance: never below p)
  double value = 0;     // V
  double cost = 0;      // direct cost
};

// What a person's balance on an activity implies this period (sections 4.6 and 5):
// computed once per person, activity and period, when first needed.
struct Effect {
  double p_success = 0, p_incident = 0, quality = 0, teaching = 0;  // teaching: g(delta)
  double anxious = 0, bored = 0;  // per hour: max(0, delta - w), max(0, -delta - w)
  int zone = 0;                   // 0 flow, 1 anxiety, 2 boredom
};

// What one period adds up (sections 4.5, 4.6 and 6), by strategy.
struct PeriodSums {
  double value = 0, direct_cost = 0, unmet_cost = 0, loss = 0;
  double zone_hours[3] = {0, 0, 0};  // flow, anxiety, boredom
  int units_done = 0, units_skipped = 0, incidents = 0, catastrophes = 0;
};

// Scratch of one thread, reused from trial to trial.
struct Workspace {
  std::vector<double> multipliers;  // [t * A + a]
  std::vector<UnitLuck> luck;       // [unit_offset[t * A + a] + i]
  std::vector<Person> people;
  std::vector<double> delta;        // [j * A + a]
  std::vector<Effect> effects;      // [j * A + a]
  std::vector<char> effect_ready;   // [j * A + a]
  std::vector<int> mentees, mentors;
  std::vector<Block> blocks;        // one period and activity's kOutcome blocks
  // The activity being assigned (section 4.5): who may take its units, by slot (under
  // the flow policy sorted by fit, then slot), and what each does with them.
  std::vector<Candidate> candidates;
  std::vector<Assignment> assignments;  // [a * kKeptAssignments + k]: recent ones, to reuse
  std::vector<int> next_kept;           // [a]: which of a's kept assignments to replace next
  // ATTRITION(t, slot)'s uniform, drawn once per trial for every strategy that needs it
  // (common random numbers: the same number in each); negative until drawn.
  std::vector<double> attrition;    // [t * most_slots + slot]
  // The period being traced, or null: its activities' record and each slot's work.
  PeriodTrace* tracing = nullptr;
  std::vector<std::vector<WorkTrace>> traced_work;  // [slot]
};

struct Engine::Impl {
  Scenario scenario;
  std::vector<CompiledStrategy> strategies;
  std::vector<double> cholesky;  // [a * A + b], lower triangular
  std::vector<double> discount;  // [t]: (1 + r)^(-(t + 1) / periods_per_year)
  bool any_volatility = false;
  std::vector<std::size_t> unit_offset;  // [t * A + a]: first unit's place in Workspace::luck
  std::vector<int> most_units;           // [t * A + a]: n_at of the most demanding strategy
  std::size_t most_slots = 0;            // slots of the strategy with the most

  explicit Impl(Scenario s);
  void market(std::uint64_t seed, std::uint64_t trial, std::vector<double>& multipliers) const;
  void draw_luck(std::uint64_t seed, std::uint64_t trial, Workspace& ws) const;
  void simulate(const CompiledStrategy& cs, std::uint64_t seed, std::uint64_t trial,
                Workspace& ws, TrialOutcome& out, bool trace) const;
  void gather_candidates(const CompiledStrategy& cs, const std::vector<Person>& people,
                         const std::vector<double>& delta, std::size_t a, Workspace& ws) const;
  const Effect& effect(Workspace& ws, std::size_t j, std::size_t a) const;
  void work_activity(const CompiledStrategy& cs, std::uint64_t seed, std::uint64_t trial, int t,
                     std::size_t a, Workspace& ws, PeriodSums& sums) const;
  void settle(std::uint64_t seed, std::uint64_t trial, int t, std::size_t a,
              const Assignment& assignment, Workspace& ws, PeriodSums& sums) const;
  void trace_activity(std::size_t a, int n, const Assignment& assignment, Workspace& ws) const;
  const Assignment& assign(const CompiledStrategy& cs, std::size_t a, int n, Workspace& ws) const;
};

// Section 4.5, once per period and activity: the active people who may take its units
// (static: their profile has the role; flow: delta <= stretch), with their remaining
// hours. Under the flow policy they are sorted by fit |delta - delta_star|, then slot,
// so the best fit with the hours is the first of them who has the hours.
void Engine::Impl::gather_candidates(const CompiledStrategy& cs, const std::vector<Person>& people,
                                     const std::vector<double>& delta, std::size_t a,
                                     Workspace& ws) const {
  const Strategy& strategy = *cs.strategy;
  const std::size_t A = scenario.activities.size();
  const std::size_t P = scenario.profiles.size();
  const bool flow = strategy.policy != AssignPolicy::kStatic;
  std::vector<Candidate>& candidates = ws.candidates;
  candidates.resize(people.size());
  std::size_t count = 0;
  for (std::size_t j = 0; j < people.size(); ++j) {
    const Person& p = people[j];
    if (!p.active) continue;
    const double d = delta[j * A + a];
    if (flow ? d > strategy.stretch : !cs.eligible[a * P + p.profile]) continue;
    candidates[count++] = {.slot = static_cast<int>(j),
                           .fit = flow ? std::abs(d - scenario.model.learning_peak) : 0.0,
                           .hours = p.hours};
  }
  candidates.resize(count);
  if (!flow) return;
  // Insertion sort: stable, in place, and quick for the handful of people a team has.
  for (std::size_t c = 1; c < count; ++c) {
    if (!(candidates[c].fit < candidates[c - 1].fit)) continue;  // in place already
    const Candidate x = candidates[c];
    std::size_t k = c;
    for (; k > 0 && x.fit < candidates[k - 1].fit; --k) candidates[k] = candidates[k - 1];
    candidates[k] = x;
  }
}

// Section 4.5 for the n units of activity a, whose candidates are gathered: a kept
// assignment when one faced the same, else assign_units, kept for later periods.
const Assignment& Engine::Impl::assign(const CompiledStrategy& cs, std::size_t a, int n, Workspace& ws) const {
  Assignment* kept = ws.assignments.data() + a * kKeptAssignments;
  for (std::size_t k = 0; k < kKeptAssignments; ++k) {
    if (!kept[k].fits(ws.candidates, n)) continue;
    kept[k].apply(ws.candidates);
    return kept[k];
  }
  int& next = ws.next_kept[a];
  Assignment& fresh = kept[next];
  next = static_cast<int>((next + 1) % kKeptAssignments);
  fresh.keep_inputs(ws.candidates, n);
  fresh.done = assign_units(cs.strategy->policy != AssignPolicy::kStatic,
                            scenario.activities[a].hours_per_unit, n, ws.candidates, fresh.owner);
  fresh.keep_outputs(ws.candidates);
  return fresh;
}

// What person j's balance on activity a implies this period (sections 4.6 and 5),
// computed when first needed.
const Effect& Engine::Impl::effect(Workspace& ws, std::size_t j, std::size_t a) const {
  const std::size_t ja = j * scenario.activities.size() + a;
  Effect& e = ws.effects[ja];
  if (ws.effect_ready[ja]) return e;
  const ModelConstants& k = scenario.model;
  const Activity& act = scenario.activities[a];
  const double d = ws.delta[ja], w = k.flow_width;
  e.zone = std::abs(d) <= w ? 0 : (d > w ? 1 : 2);
  e.p_success = k.success_max / (1 + portable_exp(k.success_slope * (d - k.success_offset)));
  // exp(0) is exactly 1: at or below balance the incident chance is p0, with no exp.
  e.p_incident = act.incident_probability <= 0 ? 0.0
                 : d <= 0                      ? std::min(1.0, act.incident_probability)
                                               : std::min(1.0, act.incident_probability * portable_exp(k.incident_slope * d));
  e.quality = e.zone == 0 ? 1 + k.flow_bonus
                          : (e.zone == 1 ? 1.0 : std::max(k.quality_floor, 1 - k.boredom_slope * (-d - w)));
  // (x / w)^2 rather than x^2 / w^2: a tiny width must not make 0 / 0.
  const double off_peak = (d - k.learning_peak) / k.learning_width;
  e.teaching = portable_exp(-off_peak * off_peak / 2);
  e.anxious = std::max(0.0, d - w);
  e.bored = std::max(0.0, -d - w);
  ws.effect_ready[ja] = 1;
  return e;
}

// Section 4.6 for the first `done` units of activity a in period t, which owner[] gives
// to candidates: successes and the value they earn, incidents and their losses, direct
// costs. A candidate's successful values are summed first and then scaled by their
// quality and the market multiplier.
void Engine::Impl::settle(std::uint64_t seed, std::uint64_t trial, int t, std::size_t a,
                          const Assignment& assignment, Workspace& ws, PeriodSums& sums) const {
  const int done = assignment.done;
  const Activity& act = scenario.activities[a];
  const std::size_t A = scenario.activities.size();
  std::vector<Candidate>& candidates = ws.candidates;
  const UnitLuck* luck = ws.luck.data() + unit_offset[t * A + a];
  const std::vector<int>& owner = assignment.owner;
  for (const int w : assignment.workers) {
    Candidate& c = candidates[static_cast<std::size_t>(w)];
    const Effect& e = effect(ws, static_cast<std::size_t>(c.slot), a);
    c.p_success = e.p_success;
    c.p_incident = e.p_incident;
  }
  double direct_cost = 0;
  for (int i = 0; i < done; ++i) {
    Candidate& c = candidates[static_cast<std::size_t>(owner[i])];
    const UnitLuck& unit = luck[i];
    const bool success = unit.success < c.p_success;
    c.successes += success;
    // V or +0.0 by a mask rather than a branch, which would mispredict about as often as
    // units fail: the same sum, since c.value is never -0.0.
    const std::uint64_t keep = std::uint64_t{0} - static_cast<std::uint64_t>(success);
    c.value += std::bit_cast<double>(std::bit_cast<std::uint64_t>(unit.value) & keep);
    direct_cost += unit.cost;
    if (unit.incident < c.p_incident) {
      Stream stream = unit_stream(seed, trial, t, a, i, UnitDraw::kSeverity);
      const double l = act.severity.sample(stream);
      sums.loss += l;
      if (ws.tracing != nullptr) ws.tracing->activities[a].losses.push_back(l);
      ++ws.people[c.slot].incidents;
      ++sums.incidents;
      if (l >= scenario.model.catastrophe) ++sums.catastrophes;
    }
  }
  sums.direct_cost += direct_cost;
}

// Sections 4.5 and 4.6 for activity a in period t: assignment, the units nobody can take
// (they pay the unmet cost), outcomes, and what the work teaches and wears (section 5).
void Engine::Impl::work_activity(const CompiledStrategy& cs, std::uint64_t seed, std::uint64_t trial,
                                 int t, std::size_t a, Workspace& ws, PeriodSums& sums) const {
  const std::size_t A = scenario.activities.size();
  const int n = cs.units[t * A + a];
  if (n == 0) return;
  const Activity& act = scenario.activities[a];
  const double h = act.hours_per_unit;
  gather_candidates(cs, ws.people, ws.delta, a, ws);
  const Assignment& assignment = assign(cs, a, n, ws);
  const int done = assignment.done;
  for (int i = done; i < n; ++i) {
    Stream stream = unit_stream(seed, trial, t, a, i, UnitDraw::kUnmet);
    sums.unmet_cost += act.unmet_cost.sample(stream);
  }
  sums.units_skipped += n - done;
  sums.units_done += done;
  settle(seed, trial, t, a, assignment, ws, sums);

  const double multiplier = ws.multipliers[t * A + a];
  for (const int w : assignment.workers) {
    const Candidate& c = ws.candidates[static_cast<std::size_t>(w)];
    Person& p = ws.people[c.slot];
    const Effect& e = ws.effects[c.slot * A + a];
    const double d = ws.delta[c.slot * A + a];
    const double hours = c.units * h;
    p.hours = c.hours;
    p.units += c.units;
    p.successes += c.successes;
    p.hours_worked += hours;
    p.delta_hours += hours * d;
    sums.zone_hours[e.zone] += hours;
    sums.value += c.value * e.quality * multiplier;
    // Section 5: what the units teach and how they wear.
    p.practice_online += hours * act.challenge.online * e.teaching;
    p.practice_domain += hours * act.challenge.domain * e.teaching;
    p.anxious_hours += hours * e.anxious;
    p.bored_hours += hours * e.bored;
  }
  if (ws.tracing != nullptr) trace_activity(a, n, assignment, ws);
}

// The traced record of activity a's n units this period: done and skipped, and each
// worker's units, successes and incident multipliers (ActivityTrace).
void Engine::Impl::trace_activity(std::size_t a, int n, const Assignment& assignment, Workspace& ws) const {
  ActivityTrace& record = ws.tracing->activities[a];
  record.units_done = assignment.done;
  record.units_skipped = n - assignment.done;
  const std::size_t A = scenario.activities.size();
  for (const int w : assignment.workers) {
    const Candidate& c = ws.candidates[static_cast<std::size_t>(w)];
    const double d = ws.delta[c.slot * A + a];
    record.exposure += c.units * portable_exp(scenario.model.incident_slope * std::max(0.0, d));
    ws.traced_work[c.slot].push_back({.activity = a, .units = c.units, .successes = c.successes});
  }
}

Engine::Impl::Impl(Scenario s) : scenario(std::move(s)) {
  const Scenario& sc = scenario;
  const std::size_t A = sc.activities.size();
  const std::size_t P = sc.profiles.size();
  const int T = sc.horizon;

  for (const Strategy& strategy : sc.strategies) {
    CompiledStrategy cs;
    cs.strategy = &strategy;
    for (const Headcount& h : sc.staff) {
      const bool released = std::find(strategy.release.begin(), strategy.release.end(),
                                      h.profile) != strategy.release.end();
      for (int k = 0; k < h.count; ++k) cs.slots.push_back({h.profile, h.at, false, released});
    }
    for (const Headcount& h : strategy.hire)
      for (int k = 0; k < h.count; ++k) cs.slots.push_back({h.profile, h.at, true, false});

    // Section 4.4: n_at = F(t + 1) - F(t), F(x) = floor(x r + 1e-9).
    cs.units.assign(static_cast<std::size_t>(T) * A, 0);
    cs.has_demand.assign(A, 0);
    for (std::size_t a = 0; a < A; ++a) {
      const double r = strategy.rate(sc.activities, a);
      cs.has_demand[a] = r > 0;
      const auto F = [r](int x) { return std::floor(x * r + 1e-9); };
      for (int t = 0; t < T; ++t) cs.units[t * A + a] = static_cast<int>(F(t + 1) - F(t));
    }

    cs.training.assign(P * T, {});
    for (const Training& tr : strategy.train) {
      for (int t = tr.from; t < std::min(tr.to, T); ++t) {
        TrainingLoad& load = cs.training[static_cast<std::size_t>(tr.who) * T + t];
        load.hours += tr.hours_per_period;
        load.cost += tr.cost_per_person_per_period;
        load.gain_online += tr.hours_per_period * tr.gain.online;
        load.gain_domain += tr.hours_per_period * tr.gain.domain;
      }
    }

    cs.eligible.assign(A * P, 1);
    for (std::size_t a = 0; a < strategy.roles.size(); ++a) {
      if (!strategy.roles[a]) continue;
      std::fill_n(cs.eligible.begin() + a * P, P, 0);
      for (int p : *strategy.roles[a]) cs.eligible[a * P + p] = 1;
    }
    strategies.push_back(std::move(cs));
  }

  // Section 4.3: the Cholesky factor of the activity correlation matrix.
  Eigen::MatrixXd corr = Eigen::MatrixXd::Identity(A, A);
  for (const Correlation& c : sc.correlations) corr(c.first, c.second) = corr(c.second, c.first) = c.rho;
  const Eigen::MatrixXd lower = corr.llt().matrixL();
  cholesky.assign(A * A, 0);
  for (std::size_t a = 0; a < A; ++a)
    for (std::size_t b = 0; b <= a; ++b) cholesky[a * A + b] = lower(a, b);
  for (const Activity& act : sc.activities) any_volatility = any_volatility || act.volatility > 0;

  for (int t = 0; t < T; ++t)
    discount.push_back(portable_pow(1 + sc.discount_rate, -(t + 1.0) / sc.periods_per_year));

  for (const CompiledStrategy& cs : strategies) most_slots = std::max(most_slots, cs.slots.size());
  most_units.assign(static_cast<std::size_t>(T) * A, 0);
  for (const CompiledStrategy& cs : strategies)
    for (std::size_t u = 0; u < most_units.size(); ++u) most_units[u] = std::max(most_units[u], cs.units[u]);
  unit_offset.assign(most_units.size() + 1, 0);
  for (std::size_t u = 0; u < most_units.size(); ++u) unit_offset[u + 1] = unit_offset[u] + most_units[u];
}

void Engine::Impl::draw_luck(std::uint64_t seed, std::uint64_t trial, Workspace& ws) const {
  const std::size_t A = scenario.activities.size();
  ws.luck.resize(unit_offset.back());
  for (int t = 0; t < scenario.horizon; ++t) {
    for (std::size_t a = 0; a < A; ++a) {
      const Activity& act = scenario.activities[a];
      const std::size_t n = static_cast<std::size_t>(most_units[t * A + a]);
      ws.blocks.resize(n);
      unit_blocks(seed, trial, static_cast<std::uint64_t>(t), a, n, ws.blocks.data());
      UnitLuck* unit = ws.luck.data() + unit_offset[t * A + a];
      for (std::size_t i = 0; i < n; ++i, ++unit) {
        const Block& words = ws.blocks[i];
        const auto word = [&words](UnitWord w) { return words[static_cast<std::size_t>(w)]; };
        unit->success = uniform_from(word(UnitWord::kSuccess));
        unit->incident = act.incident_probability > 0 ? uniform_from(word(UnitWord::kIncident)) : 1.0;
        unit->value = draw_unit(act.value, word(UnitWord::kValue), seed, trial, t, a, i, UnitDraw::kValue);
        unit->cost = draw_unit(act.cost, word(UnitWord::kCost), seed, trial, t, a, i, UnitDraw::kCost);
      }
    }
  }
}

// Section 4.3: M_at = exp(sigma_a z_a - sigma_a^2 / 2), z = C eps, eps from MARKET(t).
// The market is the same for every strategy of a trial, so it is drawn once.
void Engine::Impl::market(std::uint64_t seed, std::uint64_t trial,
                          std::vector<double>& multipliers) const {
  const std::size_t A = scenario.activities.size();
  const int T = scenario.horizon;
  multipliers.assign(static_cast<std::size_t>(T) * A, 1.0);
  if (!any_volatility) return;
  std::vector<double> eps(A);
  for (int t = 0; t < T; ++t) {
    Stream stream = market_stream(seed, trial, t);
    for (double& e : eps) e = normal_quantile(open_uniform_from(stream()));
    for (std::size_t a = 0; a < A; ++a) {
      double z = 0;
      for (std::size_t b = 0; b <= a; ++b) z += cholesky[a * A + b] * eps[b];
      const double sigma = scenario.activities[a].volatility;
      multipliers[t * A + a] = portable_exp(sigma * z - sigma * sigma / 2);
    }
  }
}

void Engine::Impl::simulate(const CompiledStrategy& cs, std::uint64_t seed, std::uint64_t trial,
                            Workspace& ws, TrialOutcome& out, bool trace) const {
  const Scenario& sc = scenario;
  const ModelConstants& k = sc.model;
  const Strategy& strategy = *cs.strategy;
  const std::size_t A = sc.activities.size();
  const int T = sc.horizon;
  const std::size_t N = cs.slots.size();
  const double w = k.flow_width;

  std::vector<Person>& people = ws.people;
  people.assign(N, Person{});
  for (std::size_t j = 0; j < N; ++j) people[j].profile = cs.slots[j].profile;
  std::vector<double>& delta = ws.delta;
  delta.assign(N * A, 0.0);
  ws.effects.resize(N * A);
  ws.assignments.resize(A * kKeptAssignments);
  for (Assignment& assignment : ws.assignments) assignment.units = -1;
  ws.next_kept.assign(A, 0);
  std::vector<int>& mentees = ws.mentees;
  std::vector<int>& mentors = ws.mentors;

  double npv = 0, total_value = 0, total_cost = 0, total_loss = 0;
  long incidents = 0, catastrophes = 0, units_done = 0, units_skipped = 0, departures = 0;
  double zone_hours[3] = {0, 0, 0};  // flow, anxiety, boredom
  CashPath cash(sc.periods_per_year);
  int proficiency = -1;
  const bool any_demand = std::any_of(cs.has_demand.begin(), cs.has_demand.end(),
                                      [](char d) { return d != 0; });

  out.cumulative_discounted.assign(T, 0.0);
  out.zone_share.assign(T, {0, 0, 0});
  out.money.assign(T, {});
  out.trace.clear();

  // Section 4.1: a person joins and draws skills, eta and rho from PERSON(slot, generation).
  const auto join = [&](std::size_t slot, int generation) {
    Person& p = people[slot];
    const Profile& profile = sc.profiles[p.profile];
    const auto draw = [&](const Distribution& d, PersonDraw which) {
      Stream stream = person_stream(seed, trial, slot, generation, which);
      return d.sample(stream);
    };
    p.active = true;
    p.generation = generation;
    p.rejoin_at = -1;
    p.online = std::clamp(draw(profile.online, PersonDraw::kOnline), 0.0, 1.0);
    p.domain = std::clamp(draw(profile.domain, PersonDraw::kDomain), 0.0, 1.0);
    p.eta = std::max(0.0, draw(profile.learning_rate, PersonDraw::kEta));
    p.rho = std::clamp(draw(profile.resistance, PersonDraw::kRho), 0.0, 1.0);
    p.burnout = 0;
  };

  for (int t = 0; t < T; ++t) {
    PeriodTrace period{.period = t};
    ws.tracing = trace ? &period : nullptr;
    if (trace) {
      period.activities.assign(A, {});
      ws.traced_work.assign(N, {});
    }
    PeriodSums sums;
    double salaries = 0, training_cost = 0, hire_cost = 0;

    // Step 1: joining.
    for (std::size_t j = 0; j < N; ++j) {
      const SlotPlan& plan = cs.slots[j];
      Person& p = people[j];
      p.left = false;
      if (plan.released) continue;
      if (p.generation < 0 && plan.join_at == t) {
        join(j, 0);
        if (plan.hired) hire_cost += sc.profiles[p.profile].hire_cost;
      } else if (!p.active && p.rejoin_at == t) {
        join(j, p.generation + 1);
        hire_cost += sc.profiles[p.profile].hire_cost;
      }
    }

    // Steps 2 to 4: training, mentoring pairs, hours.
    for (std::size_t j = 0; j < N; ++j) {
      Person& p = people[j];
      if (!p.active) continue;
      const TrainingLoad& load = cs.training[static_cast<std::size_t>(p.profile) * T + t];
      p.hours = sc.profiles[p.profile].hours_per_period - load.hours;
      p.training_hours = load.hours;
      p.mentoring_hours = 0;
      p.units = p.successes = p.incidents = 0;
      p.hours_worked = p.delta_hours = 0;
      p.left = false;
      training_cost += load.cost;
      p.training_online = load.gain_online;
      p.training_domain = load.gain_domain;
      p.domain_effective = p.domain;
      p.practice_online = p.practice_domain = 0;
      p.anxious_hours = p.bored_hours = 0;
      p.mentoring_online = p.mentoring_domain = 0;
      salaries += sc.profiles[p.profile].salary_per_period;
      ++period.active;
    }
    if (strategy.mentor) {
      const Mentoring& m = *strategy.mentor;
      mentees.clear();
      mentors.clear();
      for (std::size_t j = 0; j < N; ++j) {
        if (!people[j].active) continue;
        if (people[j].profile == m.mentee) mentees.push_back(static_cast<int>(j));
        if (people[j].profile == m.mentor) mentors.push_back(static_cast<int>(j));
      }
      if (!mentors.empty()) {
        for (std::size_t q = 0; q < mentees.size(); ++q) {
          Person& mentee = people[mentees[q]];
          Person& mentor = people[mentors[q % mentors.size()]];
          const double domain_gap = std::max(0.0, mentor.domain - mentee.domain);
          mentee.domain_effective = mentee.domain + k.supervision * domain_gap;
          mentee.hours -= m.hours_per_period;
          mentor.hours -= m.hours_per_period;
          mentee.mentoring_hours += m.hours_per_period;
          mentor.mentoring_hours += m.hours_per_period;
          // Section 5.1: mentoring moves, from start-of-period skills.
          mentee.mentoring_domain += m.rate * m.hours_per_period * domain_gap;
          mentor.mentoring_online +=
              m.rate * m.hours_per_period * std::max(0.0, mentee.online - mentor.online);
        }
      }
    }
    for (Person& p : people) {
      if (!p.active) continue;
      p.hours = std::max(0.0, p.hours);
      p.hours_available = p.hours;
    }

    // Section 3: the balance of every active person on every activity this period.
    ws.effect_ready.assign(N * A, 0);
    for (std::size_t j = 0; j < N; ++j) {
      if (!people[j].active) continue;
      for (std::size_t a = 0; a < A; ++a) {
        const Skills& c = sc.activities[a].challenge;
        delta[j * A + a] =
            std::max(c.online - people[j].online, c.domain - people[j].domain_effective);
      }
    }

    // Section 7: proficiency_period, judged at assignment time.
    if (proficiency < 0 && any_demand) {
      bool all_covered = true;
      for (std::size_t a = 0; a < A && all_covered; ++a) {
        if (!cs.has_demand[a]) continue;
        bool covered = false;
        for (std::size_t j = 0; j < N && !covered; ++j)
          covered = people[j].active && delta[j * A + a] <= w;
        all_covered = covered;
      }
      if (all_covered) proficiency = t;
    }

    // Sections 4.5 and 4.6: assignment and outcomes, activities in priority order.
    for (std::size_t a = 0; a < A; ++a) work_activity(cs, seed, trial, t, a, ws, sums);

    // Step 6: learning and burnout (section 5), from start-of-period values.
    for (Person& p : people) {
      if (!p.active) continue;
      const double damp = 1 - p.rho;
      const double online = p.online, domain = p.domain;
      p.online = std::clamp(online + damp * (p.eta * p.practice_online + p.training_online) * (1 - online) +
                                p.mentoring_online,
                            0.0, 1.0);
      p.domain = std::clamp(domain + damp * (p.eta * p.practice_domain + p.training_domain) * (1 - domain) +
                                p.mentoring_domain,
                            0.0, 1.0);
      const double H = sc.profiles[p.profile].hours_per_period;
      p.burnout = (1 - k.burnout_recovery) * p.burnout + k.burnout_anxiety * p.anxious_hours / H +
                  k.burnout_boredom * p.bored_hours / H;
    }

    // Step 7: leaving, and the replacement's arrival.
    for (std::size_t j = 0; j < N; ++j) {
      Person& p = people[j];
      if (!p.active) continue;
      const Profile& profile = sc.profiles[p.profile];
      const double hazard = std::min(1.0, profile.attrition_hazard + k.attrition_per_burnout * p.burnout);
      if (hazard <= 0) continue;
      double& u = ws.attrition[t * most_slots + j];
      if (u < 0) u = attrition_stream(seed, trial, t, j).uniform();
      if (u < hazard) {
        p.active = false;
        p.left = true;
        ++departures;
        ++period.departures;
        if (profile.replace) p.rejoin_at = t + 1 + k.replacement_lag;
      }
    }

    // Step 8: cash flow (section 6).
    const double period_cost = sums.direct_cost + sums.unmet_cost + salaries + training_cost + hire_cost;
    const double cash_flow = sums.value - period_cost - sums.loss;
    npv += cash_flow * discount[t];
    cash.add(t, cash_flow, t + 1 == T);
    total_value += sums.value;
    total_cost += period_cost;
    total_loss += sums.loss;
    incidents += sums.incidents;
    catastrophes += sums.catastrophes;
    units_done += sums.units_done;
    units_skipped += sums.units_skipped;
    out.cumulative_discounted[t] = npv;
    out.money[t] = {.value = sums.value, .cost = period_cost, .incident_loss = sums.loss, .cash_flow = cash_flow};
    const double* period_zone_hours = sums.zone_hours;
    const double done_hours = period_zone_hours[0] + period_zone_hours[1] + period_zone_hours[2];
    for (int z = 0; z < 3; ++z) {
      zone_hours[z] += period_zone_hours[z];
      out.zone_share[t][z] = done_hours > 0 ? period_zone_hours[z] / done_hours : 0.0;
    }

    if (trace) {
      period.value = sums.value;
      period.units_done = sums.units_done;
      period.units_skipped = sums.units_skipped;
      period.incidents = sums.incidents;
      period.cost = period_cost;
      period.incident_loss = sums.loss;
      period.cash_flow = cash_flow;
      period.cumulative_discounted = npv;
      period.hours_flow = period_zone_hours[0];
      period.hours_anxiety = period_zone_hours[1];
      period.hours_boredom = period_zone_hours[2];
      for (std::size_t j = 0; j < N; ++j) {
        const Person& p = people[j];
        if (!p.active && !p.left) continue;
        period.people.push_back({.slot = static_cast<int>(j),
                                 .profile = p.profile,
                                 .generation = p.generation,
                                 .hours_available = p.hours_available,
                                 .training_hours = p.training_hours,
                                 .mentoring_hours = p.mentoring_hours,
                                 .units = p.units,
                                 .successes = p.successes,
                                 .incidents = p.incidents,
                                 .hours_worked = p.hours_worked,
                                 .mean_delta = p.hours_worked > 0 ? p.delta_hours / p.hours_worked : 0,
                                 .online = p.online,
                                 .domain = p.domain,
                                 .burnout = p.burnout,
                                 .left = p.left,
                                 .work = std::move(ws.traced_work[j])});
      }
      int remaining = 0;
      for (const Person& p : people) {
        if (!p.active) continue;
        ++remaining;
        period.mean_online += p.online;
        period.mean_domain += p.domain;
        period.mean_burnout += p.burnout;
      }
      if (remaining > 0) {
        period.mean_online /= remaining;
        period.mean_domain /= remaining;
        period.mean_burnout /= remaining;
      }
      out.trace.push_back(std::move(period));
    }
  }
  ws.tracing = nullptr;

  MetricValues& m = out.metrics;
  m[index(Metric::kNpv)] = npv;
  m[index(Metric::kValue)] = total_value;
  m[index(Metric::kCost)] = total_cost;
  m[index(Metric::kIncidentLoss)] = total_loss;
  m[index(Metric::kIncidents)] = static_cast<double>(incidents);
  m[index(Metric::kCatastrophes)] = static_cast<double>(catastrophes);
  m[index(Metric::kUnitsDone)] = static_cast<double>(units_done);
  m[index(Metric::kUnitsSkipped)] = static_cast<double>(units_skipped);
  m[index(Metric::kAttrition)] = static_cast<double>(departures);
  const double all_hours = zone_hours[0] + zone_hours[1] + zone_hours[2];
  m[index(Metric::kFlowShare)] = all_hours > 0 ? zone_hours[0] / all_hours : 0;
  m[index(Metric::kAnxietyShare)] = all_hours > 0 ? zone_hours[1] / all_hours : 0;
  m[index(Metric::kBoredomShare)] = all_hours > 0 ? zone_hours[2] / all_hours : 0;
  double online = 0, domain = 0;
  int remaining = 0;
  for (const Person& p : people) {
    if (!p.active) continue;
    online += p.online;
    domain += p.domain;
    ++remaining;
  }
  m[index(Metric::kOnlineFinal)] = remaining > 0 ? online / remaining : 0;
  m[index(Metric::kDomainFinal)] = remaining > 0 ? domain / remaining : 0;
  m[index(Metric::kProficiencyPeriod)] = !any_demand ? 0 : (proficiency < 0 ? T : proficiency);
  m[index(Metric::kCashNeeded)] = cash.cash_needed();
  m[index(Metric::kPaybackPeriod)] = cash.payback_period();
  m[index(Metric::kWorstYear)] = cash.worst_year();
}

Engine::Engine(Scenario scenario) : impl_(std::make_unique<Impl>(std::move(scenario))) {}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

const Scenario& Engine::scenario() const { return impl_->scenario; }
std::size_t Engine::strategy_count() const { return impl_->strategies.size(); }

void Engine::simulate_trial(std::uint64_t seed, std::uint64_t trial, std::span<TrialOutcome> out,
                            bool trace, bool independent_streams) const {
  assert(out.size() == impl_->strategies.size());
  thread_local Workspace ws;
  const std::size_t attrition_draws = impl_->most_slots * static_cast<std::size_t>(impl_->scenario.horizon);
  if (!independent_streams) {
    impl_->market(seed, trial, ws.multipliers);
    impl_->draw_luck(seed, trial, ws);
    ws.attrition.assign(attrition_draws, -1.0);
  }
  for (std::size_t s = 0; s < impl_->strategies.size(); ++s) {
    const std::uint64_t strategy_seed = independent_streams ? independent_seed(seed, s) : seed;
    if (independent_streams) {
      impl_->market(strategy_seed, trial, ws.multipliers);
      impl_->draw_luck(strategy_seed, trial, ws);
      ws.attrition.assign(attrition_draws, -1.0);
    }
    impl_->simulate(impl_->strategies[s], strategy_seed, trial, ws, out[s], trace);
  }
}

namespace {

// Where simulate_blocks() puts each trial's results: metric m of strategy s of trial n
// goes to metrics[s][m][n - offset], and the cash-flow path of a trial below
// kSeriesQuantileTrials to cumulative[s][(n - offset) * T + t].
struct TrialDestination {
  std::uint64_t offset = 0;
  std::vector<std::array<double*, kMetricCount>> metrics;
  std::vector<float*> cumulative;
};

struct BlockSums {
  std::vector<double> series;  // [(b * S + s) * 4T]: the per-period sums of block b
  std::uint64_t random_blocks = 0;
  unsigned threads = 0;
};

// Simulates trials [first, total) in blocks of kTrialBlock counted from `first`.
BlockSums simulate_blocks(const Engine& engine, std::uint64_t seed, bool independent_streams,
                          std::uint64_t first, std::uint64_t total, unsigned threads,
                          const std::atomic<bool>* stop, const TrialDestination& to) {
  const std::size_t S = engine.strategy_count();
  const std::size_t T = static_cast<std::size_t>(engine.scenario().horizon);
  // Trials run in fixed blocks of kTrialBlock; the per-period series are summed per
  // block and the blocks added in order, so no result depends on which thread ran what.
  const std::uint64_t blocks = (total - first + kTrialBlock - 1) / kTrialBlock;
  const std::size_t width = T * kSeriesCount;
  BlockSums sums;
  sums.series.assign(blocks * S * width, 0.0);

  if (threads == 0) threads = std::thread::hardware_concurrency();
  threads = static_cast<unsigned>(std::clamp<std::uint64_t>(threads, 1, std::max<std::uint64_t>(blocks, 1)));
  sums.threads = threads;

  std::atomic<std::uint64_t> next_block{0};
  std::atomic<std::uint64_t> random_blocks{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto worker = [&] {
    const std::uint64_t blocks_before = random_blocks_on_this_thread();
    try {
      std::vector<TrialOutcome> outcomes(S);
      for (std::uint64_t b; (b = next_block.fetch_add(1)) < blocks;) {
        const std::uint64_t end = std::min(total, first + (b + 1) * kTrialBlock);
        for (std::uint64_t n = first + b * kTrialBlock; n < end; ++n) {
          if (stop && stop->load(std::memory_order_relaxed)) throw Interrupted();
          engine.simulate_trial(seed, n, outcomes, false, independent_streams);
          const std::uint64_t i = n - to.offset;
          for (std::size_t s = 0; s < S; ++s) {
            const TrialOutcome& o = outcomes[s];
            for (std::size_t m = 0; m < kMetricCount; ++m) to.metrics[s][m][i] = o.metrics[m];
            double* series = &sums.series[(b * S + s) * width];
            for (std::size_t t = 0; t < T; ++t) {
              series[t] += o.cumulative_discounted[t];
              for (std::size_t z = 0; z < 3; ++z) series[T * (z + 1) + t] += o.zone_share[t][z];
              const PeriodMoney& money = o.money[t];
              series[T * 4 + t] += money.value;
              series[T * 5 + t] += money.cost;
              series[T * 6 + t] += money.incident_loss;
              series[T * 7 + t] += money.cash_flow;
            }
            if (n < kSeriesQuantileTrials) {
              for (std::size_t t = 0; t < T; ++t)
                to.cumulative[s][i * T + t] = static_cast<float>(o.cumulative_discounted[t]);
            }
          }
        }
      }
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next_block = blocks;
    }
    random_blocks += random_blocks_on_this_thread() - blocks_before;
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
  sums.random_blocks = random_blocks;
  return sums;
}

// Grows every strategy's columns to `total` trials.
void reserve_trials(RunResults& results, std::uint64_t total, std::size_t T) {
  for (StrategyResults& r : results.strategies) {
    for (auto& column : r.per_trial) column.resize(total, 0.0);
    r.cumulative_discounted.resize(std::min(total, kSeriesQuantileTrials) * T, 0.0f);
  }
}

// Adds the block sums of trials [results.trials, total), blocks in order, and the means.
void add_block_sums(RunResults& results, std::span<const double> block_series, std::uint64_t total,
                    std::size_t T) {
  const std::size_t S = results.strategies.size();
  const std::size_t width = T * kSeriesCount;
  const std::uint64_t blocks = block_series.size() / (S * width);
  results.trials = total;
  for (std::size_t s = 0; s < S; ++s) {
    StrategyResults& r = results.strategies[s];
    r.series_sum.resize(width, 0.0);
    for (std::uint64_t b = 0; b < blocks; ++b) {
      const double* series = &block_series[(b * S + s) * width];
      for (std::size_t i = 0; i < width; ++i) r.series_sum[i] += series[i];
    }
    set_series_means(r, T, total);
  }
}

}  // namespace

void set_series_means(StrategyResults& r, std::size_t horizon, std::uint64_t trials) {
  assert(r.series_sum.size() == kSeriesCount * horizon && trials > 0);
  const std::size_t T = horizon;
  const auto n = static_cast<double>(trials);
  const auto mean = [&](std::size_t series, std::size_t t) { return r.series_sum[T * series + t] / n; };
  r.mean_cumulative_discounted.resize(T);
  r.mean_zone_share.resize(T);
  r.mean_money.resize(T);
  for (std::size_t t = 0; t < T; ++t) {
    r.mean_cumulative_discounted[t] = mean(0, t);
    for (std::size_t z = 0; z < 3; ++z) r.mean_zone_share[t][z] = mean(z + 1, t);
    r.mean_money[t] = {.value = mean(4, t), .cost = mean(5, t), .incident_loss = mean(6, t), .cash_flow = mean(7, t)};
  }
}

void extend_here(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
                 const std::atomic<bool>* stop) {
  assert(results.trials % kTrialBlock == 0);
  const std::size_t T = static_cast<std::size_t>(engine.scenario().horizon);
  const std::uint64_t first = results.trials;
  const std::uint64_t total = first + more;
  reserve_trials(results, total, T);
  TrialDestination to;
  for (StrategyResults& r : results.strategies) {
    to.metrics.emplace_back();
    for (std::size_t m = 0; m < kMetricCount; ++m) to.metrics.back()[m] = r.per_trial[m].data();
    to.cumulative.push_back(r.cumulative_discounted.data());
  }
  const BlockSums sums = simulate_blocks(engine, results.seed, results.independent_streams, first,
                                         total, threads, stop, to);
  results.threads = std::max(results.threads, sums.threads);
  results.random_blocks += sums.random_blocks;
  add_block_sums(results, sums.series, total, T);
}

TrialSpan simulate_span(const Engine& engine, std::uint64_t seed, bool independent_streams,
                        std::uint64_t begin, std::uint64_t end, unsigned threads,
                        const std::atomic<bool>* stop) {
  assert(begin % kTrialBlock == 0 && begin < end);
  const std::size_t S = engine.strategy_count();
  const std::size_t T = static_cast<std::size_t>(engine.scenario().horizon);
  const std::uint64_t count = end - begin;
  const std::uint64_t kept = begin < kSeriesQuantileTrials ? std::min(end, kSeriesQuantileTrials) - begin : 0;
  TrialSpan span{.begin = begin, .end = end};
  span.metrics.assign(S * kMetricCount * count, 0.0);
  span.cumulative_discounted.assign(S * kept * T, 0.0f);
  TrialDestination to{.offset = begin};
  for (std::size_t s = 0; s < S; ++s) {
    to.metrics.emplace_back();
    for (std::size_t m = 0; m < kMetricCount; ++m)
      to.metrics.back()[m] = &span.metrics[(s * kMetricCount + m) * count];
    to.cumulative.push_back(span.cumulative_discounted.data() + s * kept * T);
  }
  BlockSums sums = simulate_blocks(engine, seed, independent_streams, begin, end, threads, stop, to);
  span.block_series = std::move(sums.series);
  span.random_blocks = sums.random_blocks;
  span.threads = sums.threads;
  return span;
}

void add_spans(RunResults& results, std::span<const TrialSpan> spans) {
  assert(results.trials % kTrialBlock == 0 && !spans.empty() && spans[0].begin == results.trials);
  const std::size_t S = results.strategies.size();
  const TrialSpan& head = spans.front();
  const std::uint64_t head_blocks = (head.end - head.begin + kTrialBlock - 1) / kTrialBlock;
  const std::size_t T = head.block_series.size() / (S * kSeriesCount * head_blocks);
  const std::uint64_t total = spans.back().end;
  reserve_trials(results, total, T);
  std::vector<double> block_series;
  for (std::size_t k = 0; k < spans.size(); ++k) {
    const TrialSpan& span = spans[k];
    assert(k == 0 || span.begin == spans[k - 1].end);
    const std::uint64_t count = span.end - span.begin;
    const std::uint64_t kept = span.cumulative_discounted.size() / (S * T);
    for (std::size_t s = 0; s < S; ++s) {
      StrategyResults& r = results.strategies[s];
      for (std::size_t m = 0; m < kMetricCount; ++m) {
        const double* column = &span.metrics[(s * kMetricCount + m) * count];
        std::copy(column, column + count, r.per_trial[m].begin() + static_cast<std::ptrdiff_t>(span.begin));
      }
      const float* paths = span.cumulative_discounted.data() + s * kept * T;
      std::copy(paths, paths + kept * T,
                r.cumulative_discounted.begin() + static_cast<std::ptrdiff_t>(span.begin * T));
    }
    block_series.insert(block_series.end(), span.block_series.begin(), span.block_series.end());
    results.threads = std::max(results.threads, span.threads);
    results.random_blocks += span.random_blocks;
  }
  add_block_sums(results, block_series, total, T);
}

RunResults empty_results(const Scenario& scenario, std::uint64_t seed, bool independent_streams) {
  RunResults results;
  results.seed = seed;
  results.independent_streams = independent_streams;
  results.strategies.resize(scenario.strategies.size());
  for (std::size_t s = 0; s < results.strategies.size(); ++s)
    results.strategies[s].name = scenario.strategies[s].name;
  return results;
}

void extend(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
            const std::atomic<bool>* stop, TrialRunner& runner) {
  runner.extend(engine, results, more, threads, stop);
}

RunResults run(const Scenario& scenario, const RunOptions& options) {
  assert(options.trials > 0);
  const Engine engine(scenario);
  RunResults results = empty_results(scenario, options.seed, options.independent_streams);
  extend(engine, results, options.trials, options.threads, options.stop,
         options.runner ? *options.runner : local_runner());
  return results;
}

RunEstimate estimate_run(const Scenario& scenario, std::uint64_t trials) {
  const double S = static_cast<double>(scenario.strategies.size());
  const double T = scenario.horizon;
  const double n = static_cast<double>(trials);
  RunEstimate e;
  const double P = static_cast<double>(scenario.profiles.size());
  const double A = static_cast<double>(scenario.activities.size());
  e.bytes = n * S * kMetricCount * sizeof(double) +                                  // metrics
            static_cast<double>(std::min(trials, kSeriesQuantileTrials)) * S * T * sizeof(float) +
            std::ceil(n / kTrialBlock) * S * T * kSeriesCount * sizeof(double) +    // block sums
            S * T * (P * sizeof(TrainingLoad) + A * sizeof(int));                  // plans
  double most_units = 0;  // of one trial, over activities: the shared draws' table
  for (std::size_t a = 0; a < scenario.activities.size(); ++a) {
    double units = 0;
    for (const Strategy& strategy : scenario.strategies) {
      const double u = std::floor(T * strategy.rate(scenario.activities, a) + 1e-9);
      e.unit_outcomes += u * n;
      units = std::max(units, u);
    }
    most_units += units;
  }
  double most_people = 0;  // of one strategy's organisation: every slot it may fill
  for (const Strategy& strategy : scenario.strategies) {
    double people = 0;
    for (const Headcount& h : scenario.staff) people += h.count;
    for (const Headcount& h : strategy.hire) people += h.count;
    most_people = std::max(most_people, people);
  }
  e.bytes += A * A * sizeof(double) + T * A * sizeof(std::size_t);  // Cholesky factor, unit offsets
  e.bytes_per_thread = most_units * sizeof(UnitLuck) + T * A * sizeof(double) + T * (64 + sizeof(PeriodMoney)) * S +
                       most_people * (sizeof(Person) + A * (sizeof(double) + sizeof(Effect) + 1));
  return e;
}

}  // namespace flowfolio
