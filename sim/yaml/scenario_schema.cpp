// The top level of a scenario file: its scalars, the model constants, the risk report,
// the size limits and the warnings; the lists and study blocks are read by their own files.
#include "yaml/scenario_schema.hpp"

#include <algorithm>
#include <numeric>

#include "flowfolio/core/portable_math.hpp"
#include "yaml/study_blocks.hpp"

namespace flowfolio {

namespace {
constexpr std::size_t kMostItems = 1'000;  // activities, profiles or strategies
constexpr int kMostPeriods = 100'000;
}  // namespace

Scenario ScenarioSchema::read(const YAML::Node& root) {
  Scenario s;
  s.file = file();
  const MapView m = map(root, "", "scenario");
  if (!m.ok_) return s;
  top_level(m, s);
  if (const auto* k = m.get("model")) model_constants(*k, s.model);
  if (const auto* r = m.get("risk")) risk_report(*r, s.risk);
  if (const auto* r = m.get("report")) report_spec(*r, s.report);
  if (const auto* c = m.get("calibration")) calibration_record(*c, s.calibration);

  s.activities = named_list<Activity>(
      m.get("activities"), "activities",
      [this](const YAML::Node& n, const std::string& p) { return activity(n, p); },
      activity_names_);
  s.profiles = named_list<Profile>(
      m.get("profiles"), "profiles",
      [this](const YAML::Node& n, const std::string& p) { return profile(n, p); }, profile_names_);
  s.staff = headcounts(m.get("staff"), "staff", true);
  s.correlations = correlations(m.get("correlation"));
  Keys strategy_names;
  const int horizon = s.horizon;
  s.strategies = named_list<Strategy>(
      m.get("strategies"), "strategies",
      [this, horizon](const YAML::Node& n, const std::string& p) {
        return strategy(n, p, horizon);
      },
      strategy_names);
  check_sizes(m, s);
  check_discount(m, s);
  if (const auto* block = m.get("sensitivity"))
    StudyBlocks(*this).sensitivity(*block, root, strategy_names, s.sensitivity);
  if (const auto* block = m.get("optimize"))
    StudyBlocks(*this).optimize(*block, root, strategy_names, s.optimize);
  if (diagnostics().empty()) warn_unstaffable(root, s);
  return s;
}

void ScenarioSchema::top_level(const MapView& m, Scenario& s) {
  if (const auto* n = m.get("name")) s.name = name(*n, "name").value_or("");
  if (const auto* t = m.get("title")) s.title = name(*t, "title").value_or("");
  read_text(m, "description", "", s.description);
  read_text(m, "currency", "", s.currency);
  read_whole(m, "horizon", "", 1, s.horizon);
  read_whole(m, "periods_per_year", "", 1, s.periods_per_year);
  read_number(m, "discount_rate", "", Range::kAboveMinusOne, s.discount_rate);
  if (const auto* t = m.get("trials")) {
    if (const auto v = whole(*t, "trials", 1)) {
      if (*v > kMaxTrials) {
        error(*t, "trials",
              "at most " + std::to_string(kMaxTrials) + " trials, got " + t->Scalar());
      } else {
        s.trials = *v;
      }
    }
  }
  if (const auto* t = m.get("seed")) s.seed = whole(*t, "seed", 0).value_or(s.seed);
}

// A discount rate that would multiply the last cash flow by more than 1e12 is a typo.
void ScenarioSchema::check_discount(const MapView& m, const Scenario& s) {
  if (const auto* r = m.get("discount_rate"); r && s.discount_rate > -1) {
    const double last_factor =
        portable_pow(1 + s.discount_rate, -static_cast<double>(s.horizon) / s.periods_per_year);
    if (!(last_factor <= 1e12)) {
      error(*r, "discount_rate",
            "a rate of " + r->Scalar() + " over " + std::to_string(s.horizon) +
                " periods multiplies the last cash flow by more than 1e12; check the rate");
    }
  }
}

void ScenarioSchema::model_constants(const YAML::Node& node, ModelConstants& k) {
  const std::string path = "model";
  const MapView m = map(node, path, "model");
  read_number(m, "flow_width", path, Range::kNonNegative, k.flow_width);
  read_number(m, "success_max", path, Range::kUnit, k.success_max);
  read_number(m, "success_slope", path, Range::kNonNegative, k.success_slope);
  read_number(m, "success_offset", path, Range::kAny, k.success_offset);
  read_number(m, "flow_bonus", path, Range::kNonNegative, k.flow_bonus);
  read_number(m, "boredom_slope", path, Range::kNonNegative, k.boredom_slope);
  read_number(m, "quality_floor", path, Range::kNonNegative, k.quality_floor);
  read_number(m, "incident_slope", path, Range::kNonNegative, k.incident_slope);
  read_number(m, "learning_peak", path, Range::kAny, k.learning_peak);
  read_number(m, "learning_width", path, Range::kPositive, k.learning_width);
  read_number(m, "burnout_anxiety", path, Range::kNonNegative, k.burnout_anxiety);
  read_number(m, "burnout_boredom", path, Range::kNonNegative, k.burnout_boredom);
  read_number(m, "burnout_recovery", path, Range::kUnit, k.burnout_recovery);
  read_number(m, "attrition_per_burnout", path, Range::kNonNegative, k.attrition_per_burnout);
  read_number(m, "supervision", path, Range::kUnit, k.supervision);
  read_whole(m, "replacement_lag", path, 0, k.replacement_lag);
  read_number(m, "catastrophe", path, Range::kPositive, k.catastrophe);
}

void ScenarioSchema::risk_report(const YAML::Node& node, RiskReport& risk) {
  const MapView m = map(node, "risk", "risk");
  if (const auto* levels = m.get("levels")) {
    risk.levels = number_list(*levels, "risk.levels", Range::kOpenUnit);
    if (levels->IsSequence() && levels->size() == 0)
      error(*levels, "risk.levels", "give at least one level, such as [0.95]");
  }
  if (const auto* thresholds = m.get("loss_thresholds"))
    risk.loss_thresholds = number_list(*thresholds, "risk.loss_thresholds", Range::kNonNegative);
}

void ScenarioSchema::report_spec(const YAML::Node& node, ReportSpec& report) {
  const MapView m = map(node, "report", "report");
  if (const auto* p = m.get("prefer")) {
    const int k = lookup(*p, "report.prefer", {"tail_risk", "mean_npv"}, "preference");
    if (k >= 0) report.prefer = k == 0 ? Preference::kTailRisk : Preference::kMeanNpv;
  }
  if (const auto* t = m.get("what_if_trials")) {
    if (const auto v = whole(*t, "report.what_if_trials", 0)) {
      if (*v > kMaxTrials)
        error(*t, "report.what_if_trials", "at most " + std::to_string(kMaxTrials) + " trials, got " + t->Scalar());
      else
        report.what_if_trials = *v;
    }
  }
}

void ScenarioSchema::calibration_record(const YAML::Node& node, CalibrationRecord& record) {
  const MapView m = map(node, "calibration", "calibration");
  if (!m.ok_) return;
  if (const auto source = name(*m.get("source"), "calibration.source")) record.source = *source;
  const YAML::Node* values = list_of(m, "calibration", "values");
  if (values == nullptr) return;
  for (std::size_t i = 0; i < values->size(); ++i) {
    const std::string path = item("calibration.values", i);
    const MapView v = map((*values)[i], path, "calibrated_value");
    if (!v.ok_) continue;
    CalibratedValue value;
    if (const auto n = name(*v.get("name"), child(path, "name"))) value.name = *n;
    if (const auto p = name(*v.get("path"), child(path, "path"))) value.path = *p;
    if (const auto x = number(*v.get("value"), child(path, "value"))) value.value = value.low = value.high = *x;
    read_number(v, "low", child(path, "low"), Range::kAny, value.low);
    read_number(v, "high", child(path, "high"), Range::kAny, value.high);
    read_text(v, "basis", child(path, "basis"), value.basis);
    if (const auto* m = v.get("money"))
      if (const auto money = boolean(*m, child(path, "money"))) value.money = *money;
    record.values.push_back(std::move(value));
  }
}

// A warning, not an error: a strategy under which some activity with demand can never
// be worked, because no one it may ever have is allowed to (roles) or has the hours.
void ScenarioSchema::warn_unstaffable(const YAML::Node& root, const Scenario& s) {
  const YAML::Node strategies = root["strategies"];
  for (std::size_t k = 0; k < s.strategies.size(); ++k) {
    const Strategy& st = s.strategies[k];
    std::vector<char> present(s.profiles.size(), 0);
    for (const Headcount& h : s.staff) {
      const bool released =
          std::find(st.release.begin(), st.release.end(), h.profile) != st.release.end();
      if (h.count > 0 && !released && h.at < s.horizon) present[h.profile] = 1;
    }
    for (const Headcount& h : st.hire)
      if (h.count > 0 && h.at < s.horizon) present[h.profile] = 1;
    for (std::size_t a = 0; a < s.activities.size(); ++a) {
      if (st.rate(s.activities, a) <= 0) continue;
      const Activity& act = s.activities[a];
      bool someone = false;
      for (std::size_t p = 0; p < s.profiles.size() && !someone; ++p) {
        if (!present[p] || s.profiles[p].hours_per_period < act.hours_per_unit - 1e-9) continue;
        const bool allowed = st.policy != AssignPolicy::kStatic || a >= st.roles.size() ||
                             !st.roles[a] ||
                             std::find(st.roles[a]->begin(), st.roles[a]->end(),
                                       static_cast<int>(p)) != st.roles[a]->end();
        someone = allowed;
      }
      if (someone) continue;
      Diagnostic d{
          .file = file(),
          .path = "strategies." + st.name,
          .message = "nobody can ever take a unit of '" + act.name +
                     "' (no one this strategy has is both allowed to by its roles and given the " +
                     format_ratio(act.hours_per_unit) +
                     " hours a unit needs): every unit will be skipped and pay its unmet cost",
          .severity = Diagnostic::Severity::kWarning};
      const YAML::Mark mark = strategies && strategies.IsSequence() && k < strategies.size()
                                  ? strategies[k].Mark()
                                  : YAML::Mark::null_mark();
      d.line = mark.line + 1;
      d.column = mark.column + 1;
      warnings().push_back(std::move(d));
    }
  }
}

// Limits that keep a run's memory in proportion to what a scenario can mean: lists
// neither empty nor past kMostItems (the market's correlation factor grows with the square
// of the activities), a horizon of at most kMostPeriods, and at most kMostPeople people in
// any strategy's organisation, staff and hires together.
void ScenarioSchema::check_sizes(const MapView& m, const Scenario& s) {
  for (const char* key : {"activities", "profiles", "strategies"}) {
    const auto* list = m.get(key);
    if (list && list->IsSequence() && list->size() == 0)
      error(*list, key, "the list is empty; at least one entry is needed");
    if (list && list->IsSequence() && list->size() > kMostItems)
      error(*list, key,
            "holds " + std::to_string(list->size()) + " entries; at most " +
                std::to_string(kMostItems));
  }
  if (s.horizon > kMostPeriods)
    error(
        *m.get("horizon"), "horizon",
        "at most " + std::to_string(kMostPeriods) + " periods, got " + m.get("horizon")->Scalar());
  const auto people = [](const std::vector<Headcount>& list) {
    return std::accumulate(list.begin(), list.end(), std::int64_t{0},
                           [](std::int64_t sum, const Headcount& h) { return sum + h.count; });
  };
  const std::int64_t staff = people(s.staff);
  if (staff > kMostPeople)
    error(*m.get("staff"), "staff",
          std::to_string(staff) + " people in all; at most " + std::to_string(kMostPeople));
  const YAML::Node* list = m.get("strategies");
  for (std::size_t k = 0; list && k < s.strategies.size() && k < list->size(); ++k) {
    const std::int64_t total = staff + people(s.strategies[k].hire);
    if (staff <= kMostPeople && total > kMostPeople) {
      error((*list)[k], "strategies." + s.strategies[k].name + ".hire",
            std::to_string(total) + " people in all with the staff; at most " +
                std::to_string(kMostPeople));
    }
  }
}

}  // namespace flowfolio
