// A strategy (docs/scenario-format.md): its hires, training, mentoring, assignment
// policy, demand overrides and released profiles.
#include <algorithm>
#include <optional>

#include "yaml/scenario_schema.hpp"

namespace flowfolio {

Strategy ScenarioSchema::strategy(const YAML::Node& node, const std::string& path, int horizon) {
  Strategy s;
  const MapView m = map(node, path, "strategy");
  if (!m.ok_) return s;
  if (const auto* n = m.get("name")) s.name = name(*n, child(path, "name")).value_or("");
  if (const auto* l = m.get("label")) s.label = name(*l, child(path, "label")).value_or("");
  read_text(m, "description", path, s.description);
  s.hire = headcounts(m.get("hire"), child(path, "hire"), true);

  if (const auto* train = m.get("train")) read_training(train, path, horizon, s);
  if (const auto* mentor = m.get("mentor")) read_mentoring(mentor, path, s);
  if (const auto* assign = m.get("assign")) read_assignment(assign, path, s);
  if (const auto* demand = m.get("demand")) read_demand(demand, path, s);
  if (const auto* release = m.get("release")) read_release(release, path, s);
  return s;
}

void ScenarioSchema::read_training(const YAML::Node* train, const std::string& path, int horizon,
                                   Strategy& s) {
  const std::string tpath = child(path, "train");
  if (!train->IsSequence()) {
    error(*train, tpath, "expected a list of training programmes, got " + describe_kind(*train));
  } else {
    for (std::size_t i = 0; i < train->size(); ++i) {
      const std::string ipath = item(tpath, i);
      const MapView tm = map((*train)[i], ipath, "training");
      Training t;
      t.to = horizon;
      if (const auto* w = tm.get("who"))
        t.who = lookup(*w, child(ipath, "who"), profile_names_, "profile");
      read_whole(tm, "from", ipath, 0, t.from);
      read_whole(tm, "to", ipath, 0, t.to);
      if (t.from > t.to && tm.has("from"))
        error(*tm.get("from"), child(ipath, "from"),
              "'from' (" + std::to_string(t.from) + ") must not be after 'to' (" +
                  std::to_string(t.to) +
                  (tm.has("to") ? ")" : ", the horizon, as 'to' is not given)"));
      read_number(tm, "hours_per_period", ipath, Range::kNonNegative, t.hours_per_period);
      read_number(tm, "cost_per_person_per_period", ipath, Range::kNonNegative,
                  t.cost_per_person_per_period);
      if (const auto* g = tm.get("gain")) {
        const std::string gpath = child(ipath, "gain");
        const MapView gm = map(*g, gpath, "gain");
        read_number(gm, "online", gpath, Range::kNonNegative, t.gain.online);
        read_number(gm, "domain", gpath, Range::kNonNegative, t.gain.domain);
      }
      if (tm.ok_ && t.who >= 0) s.train.push_back(t);
    }
  }
}

void ScenarioSchema::read_mentoring(const YAML::Node* mentor, const std::string& path,
                                    Strategy& s) {
  const std::string mpath = child(path, "mentor");
  const MapView mm = map(*mentor, mpath, "mentoring");
  Mentoring mt;
  int mentee = -1, mentor_profile = -1;
  if (const auto* v = mm.get("mentee"))
    mentee = lookup(*v, child(mpath, "mentee"), profile_names_, "profile");
  if (const auto* v = mm.get("mentor"))
    mentor_profile = lookup(*v, child(mpath, "mentor"), profile_names_, "profile");
  read_number(mm, "hours_per_period", mpath, Range::kNonNegative, mt.hours_per_period);
  read_number(mm, "rate", mpath, Range::kNonNegative, mt.rate);
  if (mentee >= 0 && mentee == mentor_profile) {
    error(*mm.get("mentor"), child(mpath, "mentor"),
          "a profile cannot mentor itself: mentee and mentor must differ");
  } else if (mentee >= 0 && mentor_profile >= 0) {
    mt.mentee = mentee;
    mt.mentor = mentor_profile;
    s.mentor = mt;
  }
}

void ScenarioSchema::read_assignment(const YAML::Node* assign, const std::string& path,
                                     Strategy& s) {
  const std::string apath = child(path, "assign");
  const MapView am = map(*assign, apath, "assignment");
  if (const auto* p = am.get("policy")) {
    const auto policy = text(*p, child(apath, "policy"));
    if (policy == "static") {
      s.policy = AssignPolicy::kStatic;
    } else if (policy == "flow") {
      s.policy = AssignPolicy::kFlow;
    } else if (policy) {
      error(*p, child(apath, "policy"),
            "unknown policy '" + *policy + "'" + suggestion(*policy, {"static", "flow"}) +
                "; expected static or flow");
    }
  }
  if (const auto* st = am.get("stretch")) {
    if (s.policy != AssignPolicy::kFlow)
      error(*st, child(apath, "stretch"), "'stretch' belongs to the flow policy only");
    if (auto v = number(*st, child(apath, "stretch"))) s.stretch = *v;
  }
  if (const auto* roles = am.get("roles")) read_roles(roles, apath, s);
}

void ScenarioSchema::read_roles(const YAML::Node* roles, const std::string& apath, Strategy& s) {
  const std::string rpath = child(apath, "roles");
  if (s.policy != AssignPolicy::kStatic) {
    error(*roles, rpath, "'roles' belongs to the static policy only");
  } else if (!roles->IsMap()) {
    error(*roles, rpath, "expected a map of activity: [profiles], got " + describe_kind(*roles));
  } else {
    s.roles.assign(activity_names_.size(), std::nullopt);
    for (const auto& entry : *roles) {
      const YAML::Node key = entry.first, value = entry.second;
      const int a = lookup(key, rpath, activity_names_, "activity");
      if (a < 0) continue;
      const std::string ppath = child(rpath, key.Scalar());
      if (s.roles[a]) {
        error(key, ppath, "duplicate key '" + key.Scalar() + "'; each key may appear once");
        continue;
      }
      std::vector<int> allowed;
      if (!value.IsSequence()) {
        error(value, ppath, "expected a list of profiles, got " + describe_kind(value));
        continue;
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        const int p = lookup(value[i], item(ppath, i), profile_names_, "profile");
        if (p >= 0) allowed.push_back(p);
      }
      s.roles[a] = std::move(allowed);
    }
  }
}

void ScenarioSchema::read_demand(const YAML::Node* demand, const std::string& path, Strategy& s) {
  const std::string dpath = child(path, "demand");
  if (!demand->IsMap()) {
    error(*demand, dpath,
          "expected a map of activity: units_per_period, got " + describe_kind(*demand));
  } else {
    s.demand.assign(activity_names_.size(), std::nullopt);
    for (const auto& entry : *demand) {
      const YAML::Node key = entry.first, value = entry.second;
      const int a = lookup(key, dpath, activity_names_, "activity");
      if (a < 0) continue;
      const std::string key_path = child(dpath, key.Scalar());
      if (s.demand[a]) {
        error(key, key_path, "duplicate key '" + key.Scalar() + "'; each key may appear once");
        continue;
      }
      if (auto v = number(value, key_path, Range::kNonNegative)) {
        if (*v > kMostUnits) {
          error(value, key_path,
                "is absurdly large (" + value.Scalar() + "); at most 1000000 units a period");
        } else {
          s.demand[a] = *v;
        }
      }
    }
  }
}

void ScenarioSchema::read_release(const YAML::Node* release, const std::string& path, Strategy& s) {
  const std::string rpath = child(path, "release");
  if (!release->IsSequence()) {
    error(*release, rpath, "expected a list of profiles, got " + describe_kind(*release));
  } else {
    for (std::size_t i = 0; i < release->size(); ++i) {
      const int p = lookup((*release)[i], item(rpath, i), profile_names_, "profile");
      if (p >= 0) s.release.push_back(p);
    }
  }
}

}  // namespace flowfolio
