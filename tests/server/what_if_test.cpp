// The what-if page's API without HTTP (server/what_if.hpp): its inputs, a setting moving the
// answer the right way on the same futures, clear messages for bad requests, the memory and
// trial limits, and a newer request stopping an older one.
#include <catch2/catch.hpp>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "flowfolio/core/error.hpp"
#include "core/file_text.hpp"
#include "server/what_if.hpp"
#include "test_support.hpp"

using namespace flowfolio;
using flowfolio::server::RequestError;
using flowfolio::server::Superseded;
using flowfolio::server::WhatIf;
using nlohmann::json;

namespace {
const std::string kDefault = "scenarios/seed-default.yaml";
const std::string kPharma = "activities.pharma_campaign.incident.probability";

WhatIf default_session() {
  return WhatIf(read_input_file(testing::source_path(kDefault), 1 << 20, "scenario file"),
                testing::source_path(kDefault));
}

std::string request_error(WhatIf& session, const std::string& body) {
  try {
    session.parse_request(body);
  } catch (const RequestError& e) {
    return e.what();
  }
  return "no error";
}

const json& strategy(const json& answer, const std::string& name) {
  for (const json& s : answer["strategies"])
    if (s["name"] == name) return s;
  FAIL("no strategy " << name);
  return answer;
}
}  // namespace

TEST_CASE("what-if inputs: the sensitivity block's, then the optimize block's, one per key path") {
  const WhatIf session = default_session();
  const auto& inputs = session.inputs();
  // 8 sensitivity inputs; of the 5 decisions, pharma demand is already among them.
  REQUIRE(inputs.size() == 12);
  CHECK(inputs[0].key == kPharma);
  CHECK(inputs[0].input.unit == InputUnit::kShare);
  CHECK(inputs[0].input.base == 0.001);
  CHECK(inputs[0].input.low == 0.0005);
  CHECK(inputs[0].input.high == 0.004);
  // Pharma demand: the sensitivity range [0.25, 1] widened by the decision's [0, 1].
  CHECK(inputs[3].key == "activities.pharma_campaign.units_per_period");
  CHECK(inputs[3].input.low == 0);
  CHECK(inputs[3].input.high == 1);
  CHECK(inputs[11].key == "strategies.hire_interns.hire.0.count");
  CHECK(inputs[11].step == 1);
  const json page = json::parse(session.inputs_json());
  CHECK(page["baseline"] == "status_quo");
  CHECK(page["seed"] == 20261125);
  CHECK(page["inputs"][4]["paths"].size() == 3);  // the training gain, in three strategies
}

TEST_CASE("what-if inputs: without a sensitivity block, demand, incidents, training and hires at key paths") {
  const WhatIf tiny(testing::tiny_scenario(), "tiny.yaml");
  REQUIRE(tiny.inputs().size() == 1);  // no incident, no training, no hire
  CHECK(tiny.inputs()[0].key == "activities.work.units_per_period");
  CHECK(tiny.inputs()[0].input.low == 1.5);
  CHECK(tiny.inputs()[0].input.high == 6);

  const std::string file = testing::source_path("scenarios/hospital-system.yaml");
  WhatIf session(read_input_file(file, 1 << 20, "scenario file"), file);
  const auto find = [&](const std::string& key) {
    for (const auto& in : session.inputs())
      if (in.key == key) return in;
    FAIL("no input " << key);
    return session.inputs().front();
  };
  // The four courses of train_for_safety are four courses: hours and gain for each.
  CHECK(find("strategies.train_for_safety.train.3.hours_per_period").input.base == 1);
  CHECK(find("strategies.train_for_safety.train.2.gain.online").input.base == 0.006);
  CHECK(find("strategies.mentored_growth.hire.2.count").step == 1);
  // A severity given by p5 and p95 moves as its median: both percentiles by one factor.
  for (const auto& in : session.inputs()) {
    CHECK(in.input.unit != InputUnit::kMultiplier);
    CHECK(in.input.low < in.input.high);
    if (in.factors.empty()) continue;
    REQUIRE(in.input.paths.size() == 2);
    CHECK(in.input.paths[1].ends_with(".lognormal.p95"));
    CHECK(in.factors[0] * in.factors[1] == Approx(1));  // p5 * p95 = median squared
  }
  // Every input's ends give a valid scenario that runs.
  for (std::size_t i = 0; i < session.inputs().size(); ++i)
    for (const double x : {session.inputs()[i].input.low, session.inputs()[i].input.high}) {
      server::WhatIfRequest request{.trials = 5, .seed = 1};
      request.settings = {{i, x}};
      CHECK_NOTHROW(session.scenario_with(request));
    }
}

TEST_CASE("what-if: the downloaded scenario extends the original and reruns to the same answer") {
  WhatIf session = default_session();
  const std::string hours = "strategies.train_staff.train.0.hours_per_period";
  const std::string settings = R"({"settings": {")" + kPharma + R"(": 0.004, ")" + hours + R"(": 6}, "trials": 300})";
  const std::string yaml = session.download_yaml(session.parse_request(settings));
  CHECK(yaml.find("extends: " + testing::source_path(kDefault)) != std::string::npos);
  CHECK(yaml.find("probability: 0.004") != std::string::npos);
  // The train list is replaced whole by extends, so it comes whole: the course's cost too.
  CHECK(yaml.find("cost_per_person_per_period: 25") != std::string::npos);
  CHECK(yaml.find("hours_per_period: 6") != std::string::npos);
  CHECK(yaml.find("status_quo") == std::string::npos);  // only what changed
  // The download, read as a scenario of its own, answers as the session with the settings.
  WhatIf downloaded(yaml, "/tmp/downloaded.yaml");
  json a = json::parse(session.answer(settings));
  json b = json::parse(downloaded.answer(std::string(R"({"trials": 300})")));
  CHECK(a["strategies"] == b["strategies"]);
  CHECK(a["differences"] == b["differences"]);
}

TEST_CASE("what-if: a fourfold pharma incident probability widens training's lead over interns") {
  WhatIf session = default_session();
  const json base = json::parse(session.answer(std::string(R"({"trials": 2000})")));
  const json risky = json::parse(
      session.answer(std::string(R"({"trials": 2000, "settings": {")" + kPharma + R"(": 0.004}})")));
  CHECK(base["seed"] == 20261125);  // the base scenario's seed: the same futures
  CHECK(risky["settings"][kPharma] == 0.004);
  const auto gap = [](const json& a) {
    return strategy(a, "train_staff")["mean_npv"].get<double>() - strategy(a, "hire_interns")["mean_npv"].get<double>();
  };
  // The standard error of a difference is at most the sum of the parts' (whatever their
  // correlation), so 4 times the sum of all four bounds the noise of the change in the gap.
  double se = 0;
  for (const json* a : {&base, &risky})
    se += strategy(*a, "train_staff")["se"].get<double>() + strategy(*a, "hire_interns")["se"].get<double>();
  CHECK(gap(risky) - gap(base) > 4 * se);
  // Every difference is against the baseline, with its 95% interval around its mean.
  REQUIRE(risky["differences"].size() == 4);
  for (const json& d : risky["differences"]) {
    CHECK(d["baseline"] == "status_quo");
    CHECK(d["lo95"].get<double>() < d["mean"].get<double>());
    CHECK(d["hi95"].get<double>() > d["mean"].get<double>());
  }
  CHECK(risky["recommended"] == "train_staff");
  CHECK(risky["sentence"].get<std::string>().rfind("Recommended: train the veterans.", 0) == 0);
}

TEST_CASE("what-if: a named baseline measures every strategy against it, on the same futures") {
  WhatIf session = default_session();
  const std::string settings = R"("settings": {")" + kPharma + R"(": 0.004}, "trials": 1000)";
  const json first = json::parse(session.answer("{" + settings + "}"));
  const json interns = json::parse(session.answer("{" + settings + R"(, "baseline": "hire_interns"})"));
  CHECK(first["baseline"] == "status_quo");
  CHECK(interns["baseline"] == "hire_interns");
  CHECK(interns["strategies"] == first["strategies"]);  // the same run; only the pairing differs
  REQUIRE(interns["differences"].size() == 4);
  const auto against = [&](const std::string& name) {
    for (const json& d : interns["differences"])
      if (d["strategy"] == name) return d;
    FAIL("no difference for " << name);
    return json();
  };
  for (const json& d : interns["differences"]) CHECK(d["baseline"] == "hire_interns");
  CHECK(against("status_quo")["mean"].get<double>() > 0);  // the scenario's baseline is one of the others now
  // Training against interns, paired: the difference of the means, exactly (one sum each).
  const json train = against("train_staff");
  const double means = strategy(first, "train_staff")["mean_npv"].get<double>() -
                       strategy(first, "hire_interns")["mean_npv"].get<double>();
  CHECK(train["mean"].get<double>() == Approx(means).epsilon(1e-12));
  CHECK(train["lo95"].get<double>() > 0);  // at 0.004, training is ahead of interns beyond the noise
  CHECK(interns["sentence"].get<std::string>().find("against hire two interns") != std::string::npos);
}

TEST_CASE("what-if: the same request gives the same bytes") {
  WhatIf session = default_session();
  const std::string body = R"({"trials": 200, "settings": {")" + kPharma + R"(": 0.002}})";
  CHECK(session.answer(body) == session.answer(body));
}

TEST_CASE("what-if: bad requests get a message naming the input or field") {
  WhatIf session = default_session();
  CHECK(request_error(session, "{") == "the request is not valid JSON");
  CHECK(request_error(session, "[1]") == "the request must be a JSON object");
  CHECK(request_error(session, R"({"trails": 10})") ==
        "unknown field 'trails'; a request has settings, trials, seed and baseline");
  CHECK(request_error(session, R"({"baseline": "hire_intern"})") ==
        "baseline: \"hire_intern\" is not a strategy of the scenario; the strategies are status_quo, hire_interns, "
        "train_staff, jump_in, mentored_mix");
  CHECK_THAT(request_error(session, R"({"baseline": 1})"), Catch::StartsWith("baseline: 1 is not a strategy"));
  CHECK_THAT(request_error(session, R"({"settings": {"activities.pharma_campaign.incident.probabilty": 0.002}})"),
             Catch::StartsWith("settings: unknown input 'activities.pharma_campaign.incident.probabilty'; "
                               "the inputs are activities.pharma_campaign.incident.probability, "));
  CHECK(request_error(session, R"({"settings": {")" + kPharma + R"(": 0.5}})") ==
        "settings." + kPharma + " (pharma incident probability): 0.5 is outside its range 0.0005 to 0.004");
  CHECK(request_error(session, R"({"settings": {")" + kPharma + R"(": "0.002"}})") ==
        "settings." + kPharma + R"( (pharma incident probability): "0.002" is not a number)");
  CHECK(request_error(session, R"({"settings": [1]})") == "settings must be an object of input keys and numbers");
  CHECK(request_error(session, R"({"trials": 0})") == "trials: 0 is less than 1");
  CHECK(request_error(session, R"({"trials": -5})") == "trials: -5 is not a whole number");
  CHECK(request_error(session, R"({"trials": 2.5})") == "trials: 2.5 is not a whole number");
  CHECK(request_error(session, R"({"trials": 100001})") ==
        "trials: 100001 is more than a what-if rerun runs (at most 100000; the command line runs any number)");
  CHECK(request_error(session, R"({"seed": true})") == "seed: true is not a whole number");
}

TEST_CASE("what-if: a setting that makes the scenario invalid gets the command line's message") {
  WhatIf session = default_session();
  try {
    session.answer(std::string(R"({"trials": 10, "settings": {"strategies.hire_interns.hire.0.count": 2.5}})"));
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "--set strategies.hire_interns.hire.0.count=2.5: strategies.hire_interns.hire[0].count: "
          "must be a whole number of 0 or more, got 2.5");
  }
}

TEST_CASE("what-if: a run that would not fit in memory is refused before it starts") {
  // A horizon of 100,000 periods keeps 20,000 trials' cash paths per strategy, 8 GB each:
  // with ten strategies, past any machine's memory.
  std::string text = testing::tiny_scenario();
  text.replace(text.find("horizon: 4"), 10, "horizon: 100000");
  for (int s = 0; s < 9; ++s) text += "  - name: other" + std::to_string(s) + "\n";
  WhatIf session(text, "tiny.yaml");
  CHECK_THROWS_WITH(session.answer(std::string(R"({"trials": 100000})")), Catch::Contains("would need about"));
}

TEST_CASE("what-if: a newer request stops the simulation of an older one") {
  WhatIf session = default_session();
  // The older run would take many seconds; newer ones come until it has stopped. Each newer
  // request either stops it while it runs or finds it waiting, so it ends either way; a
  // newer one that the older overtook before either ran is superseded in turn.
  auto older = std::async(std::launch::async,
                          [&] { return session.answer(std::string(R"({"trials": 100000})")); });
  while (older.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) {
    try {
      session.answer(std::string(R"({"trials": 64})"));
    } catch (const Superseded&) {
    }
  }
  CHECK_THROWS_AS(older.get(), Superseded);
  // With nothing else asking, a request is answered.
  CHECK(json::parse(session.answer(std::string(R"({"trials": 64})")))["trials"] == 64);
}

TEST_CASE("what-if: cancel() stops the simulation under way") {
  WhatIf session = default_session();
  auto older = std::async(std::launch::async,
                          [&] { return session.answer(std::string(R"({"trials": 100000})")); });
  while (older.wait_for(std::chrono::milliseconds(1)) != std::future_status::ready) session.cancel();
  CHECK_THROWS_AS(older.get(), Superseded);
  // The session answers again afterwards.
  CHECK(json::parse(session.answer(std::string(R"({"trials": 64})")))["trials"] == 64);
}
