// The table of the file formats (format_table.hpp): docs/scenario-format.md, docs/sweeps.md,
// docs/sensitivity.md, docs/frontier.md and docs/calibration.md, key by key.
#include "yaml/format_table.hpp"

#include <stdexcept>

namespace flowfolio::format {

namespace {
constexpr std::uint64_t kMostInt = 100'000'000;  // the int-sized whole numbers (fields.cpp)
constexpr std::uint64_t kMostTrials = 1'000'000'000;

Key number(std::string_view name, Range range, std::string_view description, bool required = false) {
  return {.name = name, .kind = Kind::kNumber, .required = required, .description = description, .range = range};
}
Key whole(std::string_view name, std::uint64_t minimum, std::uint64_t most, std::string_view description,
          bool required = false) {
  return {.name = name, .kind = Kind::kWhole, .required = required, .description = description, .minimum = minimum,
          .most = most};
}
Key text(std::string_view name, std::string_view description) {
  return {.name = name, .kind = Kind::kText, .description = description};
}
Key name_key(std::string_view name, std::string_view description, bool required = false) {
  return {.name = name, .kind = Kind::kName, .required = required, .description = description};
}
Key object_key(std::string_view name, std::string_view object, std::string_view description, bool required = false) {
  return {.name = name, .kind = Kind::kObject, .required = required, .description = description, .object = object};
}
Key list(std::string_view name, std::string_view object, std::string_view description, bool required = false) {
  return {.name = name, .kind = Kind::kList, .required = required, .description = description, .object = object};
}
Key of_kind(std::string_view name, Kind kind, std::string_view description, bool required = false) {
  return {.name = name, .kind = kind, .required = required, .description = description};
}
Key reference(std::string_view name, std::string_view refers, std::string_view description, bool required = false) {
  return {.name = name, .kind = Kind::kReference, .required = required, .description = description, .refers = refers};
}
Key names(std::string_view name, std::string_view refers, std::string_view description) {
  return {.name = name, .kind = Kind::kNames, .description = description, .refers = refers};
}
Key choice(std::string_view name, std::vector<std::string_view> choices, std::string_view description) {
  return {.name = name, .kind = Kind::kChoice, .description = description, .choices = std::move(choices)};
}
Key numbers(std::string_view name, Range range, std::size_t count, std::string_view description, bool required = false) {
  return {.name = name, .kind = Kind::kNumbers, .required = required, .description = description, .range = range,
          .count = count};
}
Key skill(std::string_view name, Range range, std::string_view description, bool required = false) {
  return {.name = name, .kind = Kind::kDistribution, .required = required, .description = description, .range = range};
}

// The scenario file (docs/scenario-format.md).
std::vector<Object> scenario_objects() {
  return {
      {"scenario", "A flowfolio scenario: the activities, the people, the strategies to compare and the uncertainty.",
       {text("extends", "The scenario this one extends, relative to this file: only what differs is given here."),
        name_key("name", "The scenario's name, copied into the outputs.", true),
        name_key("title", "The report's heading in plain words."),
        text("description", "Free text."),
        whole("horizon", 1, 100'000, "Number of periods T (t = 0 .. T-1).", true),
        whole("periods_per_year", 1, kMostInt, "Periods in a year (52: weeks), for discounting and dates."),
        number("discount_rate", Range::kAboveMinusOne, "Yearly discount rate; each period's cash flow is discounted at its end."),
        text("currency", "The label of money in the outputs."),
        whole("trials", 1, kMostTrials, "Trials per run (--trials overrides it)."),
        whole("seed", 0, 0, "The master seed (--seed overrides it)."),
        object_key("model", "model", "The model's constants (MODEL.md section 2)."),
        object_key("risk", "risk", "Extra risk figures in the results."),
        object_key("report", "report", "How the report recommends."),
        list("activities", "activity", "The portfolio, in priority order of work.", true),
        list("correlation", "correlation", "Correlations of the activities' market noise."),
        list("profiles", "profile", "Kinds of people.", true),
        list("staff", "staff", "The organisation's people, shared by every strategy.", true),
        list("strategies", "strategy", "The strategies compared; the first is the baseline unless --baseline names another.", true),
        object_key("sensitivity", "sensitivity", "The inputs of flowfolio sensitivity and the outputs it explains."),
        object_key("optimize", "optimize", "The decisions flowfolio frontier searches and what it must respect."),
        object_key("calibration", "calibration", "What flowfolio calibrate fitted to the organisation's history.")}},
      {"model", "Model constants; any not given keeps its default.",
       {number("flow_width", Range::kNonNegative, "Half-width w of the flow channel (default 0.10)."),
        number("success_max", Range::kUnit, "Best success chance of a unit (default 0.98)."),
        number("success_slope", Range::kNonNegative, "How steeply success drops as challenge exceeds skill (default 12)."),
        number("success_offset", Range::kAny, "Delta at which success is success_max / 2 (default 0.15)."),
        number("flow_bonus", Range::kNonNegative, "Extra value of work done in flow (default 0.20)."),
        number("boredom_slope", Range::kNonNegative, "Value lost per unit of boredom beyond the channel (default 1)."),
        number("quality_floor", Range::kNonNegative, "Lowest value multiplier of bored work (default 0.5)."),
        number("incident_slope", Range::kNonNegative, "How fast the incident chance grows with anxiety (default 5)."),
        number("learning_peak", Range::kAny, "Delta at which practice teaches most (default 0)."),
        number("learning_width", Range::kPositive, "Width of that peak (default 0.15)."),
        number("burnout_anxiety", Range::kNonNegative, "Burnout per hour-share of anxious work (default 1)."),
        number("burnout_boredom", Range::kNonNegative, "Burnout per hour-share of bored work (default 0.5)."),
        number("burnout_recovery", Range::kUnit, "Share of burnout that fades each period (default 0.10)."),
        number("attrition_per_burnout", Range::kNonNegative, "Extra chance of leaving per unit of burnout (default 0.02)."),
        number("supervision", Range::kUnit, "Share of a mentor's domain surplus that covers the mentee (default 0.5)."),
        whole("replacement_lag", 0, kMostInt, "Periods from a departure to the replacement's arrival (default 6)."),
        number("catastrophe", Range::kPositive, "An incident with a loss this large or larger is a catastrophe (default 1e6).")}},
      {"risk", "Which risk figures the results report beyond the fixed ones.",
       {numbers("levels", Range::kOpenUnit, 0, "VaR and CVaR levels of npv, each strictly between 0 and 1."),
        {.name = "loss_thresholds", .kind = Kind::kNumbers, .description = "Losses x for which each strategy's P(loss >= x) is reported ([] for none).",
         .range = Range::kNonNegative, .may_be_empty = true}}},
      {"report", "How the report recommends.",
       {choice("prefer", {"tail_risk", "mean_npv"}, "Among strategies tied on mean npv: the least tail risk, or the best mean."),
        whole("what_if_trials", 0, kMostTrials, "Trials per evaluation of the report's quick study; 0 leaves it out.")}},
      {"activity", "One activity of the portfolio.",
       {name_key("name", "Its identifier.", true),
        name_key("label", "What the report calls it."),
        text("description", "For reports."),
        object_key("challenge", "challenge", "The skill it requires.", true),
        number("hours_per_unit", Range::kPositive, "Effort for one unit.", true),
        number("units_per_period", Range::kNonNegative, "Demand: units a period (0.5 is one every other period).", true),
        of_kind("value", Kind::kMoney, "Value of one successful unit.", true),
        of_kind("cost", Kind::kMoney, "Direct cost of each attempted unit (default 0)."),
        object_key("incident", "incident", "Its incident chance and loss."),
        number("volatility", Range::kNonNegative, "Sigma of the mean-1 lognormal market multiplier on value (at most 5)."),
        of_kind("unmet_cost", Kind::kMoney, "Cost of one unit of demand that nobody could take (default 0).")}},
      {"challenge", "The skill an activity requires, each in [0, 1].",
       {number("online", Range::kUnit, "The craft of online communication it takes.", true),
        number("domain", Range::kUnit, "The business and regulatory experience it takes.", true)}},
      {"incident", "An activity's incidents.",
       {number("probability", Range::kUnit, "Incident chance of a unit when its worker is exactly balanced (p0)."),
        of_kind("severity", Kind::kMoney, "Loss from one incident; required when the probability is above 0.")}},
      {"correlation", "The correlation of two activities' market noise.",
       {{.name = "between", .kind = Kind::kNames, .required = true, .description = "The two activities.", .count = 2,
         .refers = "activity"},
        number("rho", Range::kOpenUnitSymmetric, "Their correlation, strictly between -1 and 1.", true)}},
      {"profile", "A kind of person.",
       {name_key("name", "Its identifier.", true),
        name_key("label", "What the report calls it."),
        text("description", "For reports."),
        skill("online", Range::kUnit, "Initial online skill, a number in [0, 1] or a distribution (draws clipped).", true),
        skill("domain", Range::kUnit, "Initial domain skill, a number in [0, 1] or a distribution (draws clipped).", true),
        number("salary_per_period", Range::kNonNegative, "Cost of one active person a period.", true),
        number("hours_per_period", Range::kPositive, "Hours available for communication work.", true),
        skill("learning_rate", Range::kNonNegative, "Practice learning per hour (eta), a number >= 0 or a distribution."),
        skill("resistance", Range::kUnit, "Damps all learning by (1 - rho), a number in [0, 1] or a distribution."),
        number("attrition_hazard", Range::kUnit, "Chance of leaving a period with no burnout."),
        number("hire_cost", Range::kNonNegative, "One-off cost of each strategy hire and each replacement."),
        of_kind("replace", Kind::kBoolean, "Whether a leaver is replaced (default true).")}},
      {"staff", "People of one profile in the organisation.",
       {reference("profile", "profile", "Their profile.", true),
        whole("count", 0, 100'000, "How many.", true),
        whole("at", 0, kMostInt, "The period they join (default 0).")}},
      {"hire", "People a strategy hires.",
       {reference("profile", "profile", "Their profile.", true),
        whole("count", 0, 100'000, "How many.", true),
        whole("at", 0, kMostInt, "The period they join (default 0).")}},
      {"strategy", "A strategy: whom it hires, trains and mentors, and how it hands out work.",
       {name_key("name", "Its identifier.", true),
        name_key("label", "What the report calls it."),
        text("description", "For reports."),
        list("hire", "hire", "Extra people."),
        list("train", "training", "Training programmes."),
        object_key("mentor", "mentoring", "One mentoring scheme."),
        object_key("assign", "assignment", "How units are handed out (default static)."),
        of_kind("demand", Kind::kDemand, "Per-activity overrides of units_per_period."),
        names("release", "profile", "Profiles whose organisation staff take no part in the work.")}},
      {"training", "A programme for every active person of a profile in periods [from, to).",
       {reference("who", "profile", "Who trains.", true),
        whole("from", 0, kMostInt, "First period (default 0)."),
        whole("to", 0, kMostInt, "End period, exclusive (default: the horizon)."),
        number("hours_per_period", Range::kNonNegative, "Training hours a period.", true),
        number("cost_per_person_per_period", Range::kNonNegative, "Training cost a person a period."),
        object_key("gain", "gain", "Skill gained per training hour.")}},
      {"gain", "Skill gained per training hour.",
       {number("online", Range::kNonNegative, "Online skill per hour."),
        number("domain", Range::kNonNegative, "Domain skill per hour.")}},
      {"mentoring", "Each active mentee paired with a mentor every period.",
       {reference("mentee", "profile", "Who is mentored.", true),
        reference("mentor", "profile", "Who mentors; another profile.", true),
        number("hours_per_period", Range::kNonNegative, "Hours each mentee spends with its mentor.", true),
        number("rate", Range::kNonNegative, "Share of the skill gap closed per mentoring hour.", true)}},
      {"assignment", "How units are handed out.",
       {choice("policy", {"static", "flow"}, "static: most remaining hours wins; flow: the best-balanced person wins."),
        of_kind("roles", Kind::kRoles, "Static only: who may take each activity (an activity not listed is open to all)."),
        number("stretch", Range::kAny, "Flow only: the most imbalance a flow assignment accepts (default 0.15).")}},
      {"sensitivity", "The inputs of flowfolio sensitivity (docs/sensitivity.md).",
       {list("inputs", "sensitivity_input", "The uncertain inputs.", true),
        {.name = "outputs", .kind = Kind::kChoices, .description = "What is explained (default: all three).",
         .choices = {"mean_npv", "cvar95", "p_loss"}},
        names("strategies", "strategy", "Whose outputs are explained (default: every strategy)."),
        {.name = "differences", .kind = Kind::kPairs, .description = "Pairs [a, b]: the paired mean npv difference a - b.",
         .refers = "strategy"},
        whole("trials", 2, kMostTrials, "Trials per evaluation (default 1000)."),
        whole("samples", 2, 1'000'000, "The Sobol design's base sample (default 64)."),
        whole("bootstrap", 2, 100'000, "Resamples for the indices' intervals (default 200).")}},
      {"sensitivity_input", "One uncertain input.",
       {name_key("name", "A label (default: the path)."),
        of_kind("path", Kind::kPaths, "A key path as --set takes it, or a list of them set together.", true),
        numbers("range", Range::kAny, 2, "[low, high]: the tornado's ends, low < high."),
        of_kind("distribution", Kind::kDistribution, "What the Sobol design draws (default: uniform over the range).")}},
      {"optimize", "The decisions of flowfolio frontier (docs/frontier.md).",
       {list("decisions", "decision", "The decisions searched.", true),
        names("strategies", "strategy", "Searched for (default: every strategy)."),
        choice("objective", {"mean_npv"}, "What is maximised."),
        choice("risk", {"cvar95", "p_loss"}, "The front's risk measure (default cvar95)."),
        object_key("constraints", "constraints", "Ceilings the best mix must respect."),
        whole("trials", 2, kMostTrials, "Trials per candidate (default 1000)."),
        whole("candidates", 1, 100'000, "Points of the space-filling design (default 64)."),
        whole("refine", 0, 20, "Rounds of local refinement (default 3)."),
        whole("screening_trials", 0, kMostTrials,
              "Extra trials shared among the points the search cannot tell apart (default: a quarter of the "
              "search's trials; 0: none)."),
        whole("confirm_trials", 0, kMostTrials,
              "Trials of the confirmation run on a fresh seed (default 20000; 0: no confirmation)."),
        whole("confirm_max_trials", 1, kMostTrials,
              "Most trials of the confirmation run while its ceiling verdict is unsure (default 100000)."),
        whole("confirm_seed", 0, 0, "The confirmation run's seed (default: drawn from the search's)."),
        whole("confirm_candidates", 1, 100,
              "Most candidates confirmed, by bisection along the ranking by mean npv (default 5).")}},
      {"decision", "One decision of the frontier search.",
       {name_key("name", "A label (default: the path)."),
        of_kind("path", Kind::kPaths, "A key path as --set takes it, or a list of them set together.", true),
        numbers("range", Range::kAny, 2, "[low, high], low < high.", true),
        number("step", Range::kPositive, "Values on low + k step (default: any value).")}},
      {"constraints", "Ceilings of the frontier search.",
       {number("cvar95", Range::kAny, "Ceiling on CVaR95."),
        number("p_loss", Range::kUnit, "Ceiling on P(loss)."),
        number("cost", Range::kNonNegative, "Ceiling on the mean undiscounted cost.")}},
      {"calibration", "What flowfolio calibrate fitted to the organisation's history (docs/calibration.md).",
       {name_key("source", "How and from what it was made.", true),
        list("values", "calibrated_value", "The fitted values.", true)}},
      {"calibrated_value", "One fitted value.",
       {name_key("name", "In the reader's words.", true),
        name_key("path", "The key path it sets.", true),
        number("value", Range::kAny, "The estimate.", true),
        number("low", Range::kAny, "Its interval's low end (90%)."),
        number("high", Range::kAny, "Its interval's high end (90%)."),
        text("basis", "What in the history it rests on."),
        of_kind("money", Kind::kBoolean, "Whether it is an amount of money.")}},
  };
}

// The sweep file (docs/sweeps.md).
std::vector<Object> sweep_objects() {
  return {
      {"sweep", "A flowfolio sweep: variants of one scenario, run on the same seed into one store.",
       {name_key("base", "The scenario to vary, relative to this file.", true),
        text("description", "Free text."),
        whole("trials", 1, kMostTrials, "Trials per variant (default: the scenario's)."),
        whole("seed", 0, 0, "The seed (default: the scenario's)."),
        of_kind("grid", Kind::kGrid,
                "The axes: a map of key path to its values (a list, or values: or scale: with a list or a range), or a "
                "list of axes, each moving one or more key paths together; every combination of their points is a "
                "variant."),
        list("variants", "variant", "Named variants, each setting key paths."),
        reference("baseline", "strategy", "The strategy every other is measured against (default: the scenario's first)."),
        {.name = "pairs", .kind = Kind::kPairs, .description = "Also record these pairs [strategy, baseline].",
         .refers = "strategy"},
        object_key("break_even", "break_even", "Find where along an axis the choice between two strategies flips."),
        of_kind("robustness", Kind::kBoolean,
                "With break_even: summarise how sure the choice is on the base scenario (default true).")}},
      {"axis", "One axis of a grid: key paths moved together through the same points.",
       {name_key("name", "Its column in the results (default: its one path; required when it has several)."),
        {.name = "path", .kind = Kind::kPaths, .required = true, .description = "A key path, or a list of them set together."},
        of_kind("values", Kind::kPoints, "The values every path takes: a list, or a range."),
        of_kind("scale", Kind::kPoints, "Multipliers of each path's base value: a list, or a range.")}},
      {"axis_points", "An axis's points by a rule rather than a list.",
       {of_kind("values", Kind::kPoints, "The values the path takes: a list, or a range."),
        of_kind("scale", Kind::kPoints, "Multipliers of the path's base value: a list, or a range.")}},
      {"range", "Evenly spaced points from one end to the other, both included.",
       {number("from", Range::kAny, "The first point.", true), number("to", Range::kAny, "The last point.", true),
        whole("steps", 2, 1000, "How many points, the ends included.", true),
        of_kind("log", Kind::kBoolean, "Evenly spaced on a log scale (both ends above 0).")}},
      {"break_even", "Where the paired mean npv difference of two strategies crosses zero along an axis.",
       {{.name = "pair", .kind = Kind::kNames, .required = true,
         .description = "[strategy, baseline]: the difference strategy - baseline.", .count = 2, .refers = "strategy"},
        name_key("axis", "The axis searched (default: the grid's only axis)."),
        number("tolerance", Range::kOpenUnit, "The search stops within this share of the axis's span (default 0.001).")}},
      {"variant", "One named variant.",
       {name_key("name", "Its name.", true),
        of_kind("set", Kind::kSettings, "Key paths and the values they take.")}},
  };
}

std::vector<Object> all_objects() {
  std::vector<Object> all = scenario_objects();
  for (Object& o : sweep_objects()) all.push_back(std::move(o));
  return all;
}
}  // namespace

const std::vector<Object>& objects() {
  static const std::vector<Object> table = all_objects();
  return table;
}

const Object& object(std::string_view name) {
  for (const Object& o : objects())
    if (o.name == name) return o;
  throw std::logic_error("the format table has no object " + std::string(name));
}

Keys allowed(const Object& object) {
  Keys keys;
  for (const Key& k : object.keys) keys.emplace_back(k.name);
  return keys;
}

Keys required(const Object& object) {
  Keys keys;
  for (const Key& k : object.keys)
    if (k.required) keys.emplace_back(k.name);
  return keys;
}

}  // namespace flowfolio::format
