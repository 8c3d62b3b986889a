// The scenario schema: every key of a scenario file (docs/scenario-format.md) read through
// the typed field reader into the structs of flowfolio/engine/scenario.hpp, and every rule
// of MODEL.md section 2 checked. Internal to the YAML layer.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "flowfolio/engine/scenario.hpp"
#include "yaml/fields.hpp"

namespace flowfolio {

class ScenarioSchema : public Fields {
 public:
  using Fields::Fields;

  // The scenario of the document `root` (extends: resolved, overrides applied). Problems
  // are in diagnostics(), warnings in warnings(); the scenario is valid when there are no
  // problems.
  Scenario read(const YAML::Node& root);

 private:
  // scenario_items.cpp: the named lists and the correlations.
  Activity activity(const YAML::Node& node, const std::string& path);
  Profile profile(const YAML::Node& node, const std::string& path);
  std::vector<Headcount> headcounts(const YAML::Node* node, const std::string& path, bool allow_at);
  std::vector<Correlation> correlations(const YAML::Node* node);
  void check_positive_definite(const YAML::Node& at, const std::vector<Correlation>& pairs);

  // strategy_schema.cpp: a strategy and its parts.
  Strategy strategy(const YAML::Node& node, const std::string& path, int horizon);
  void read_training(const YAML::Node* train, const std::string& path, int horizon, Strategy& s);
  void read_mentoring(const YAML::Node* mentor, const std::string& path, Strategy& s);
  void read_assignment(const YAML::Node* assign, const std::string& path, Strategy& s);
  void read_roles(const YAML::Node* roles, const std::string& apath, Strategy& s);
  void read_demand(const YAML::Node* demand, const std::string& path, Strategy& s);
  void read_release(const YAML::Node* release, const std::string& path, Strategy& s);

  // scenario_schema.cpp: the top level.
  void top_level(const MapView& m, Scenario& s);
  void model_constants(const YAML::Node& node, ModelConstants& model);
  void risk_report(const YAML::Node& node, RiskReport& risk);
  void report_spec(const YAML::Node& node, ReportSpec& report);
  void calibration_record(const YAML::Node& node, CalibrationRecord& record);
  void check_discount(const MapView& m, const Scenario& s);
  void warn_unstaffable(const YAML::Node& root, const Scenario& s);
  void check_sizes(const MapView& m, const Scenario& s);

  Keys activity_names_;
  Keys profile_names_;
};

// Limits that keep a run's memory and the reader's time in proportion to what a scenario
// can mean.
inline constexpr int kMostPeople = 100'000;  // in one organisation, staff and hires together
inline constexpr double kMostUnits = 1e6;    // demand of one activity in one period

}  // namespace flowfolio
