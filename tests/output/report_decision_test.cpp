// The "what would change the answer" sentence (output/report_decision.hpp) from
// decision.json as the study writes it: a flip, no flip, and a quick study whose own pick
// at the scenario's values is not the main run's, where naming a flip would mislead.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "flowfolio/core/error.hpp"
#include "output/report_decision.hpp"

using namespace flowfolio;
using nlohmann::json;

namespace {
Scenario labelled() {
  Scenario s;
  s.currency = "USD";
  for (const auto& [name, label] : {std::pair{"a", "train the veterans"}, {"b", "hire interns"}, {"c", ""}}) {
    Strategy st;
    st.name = name;
    st.label = label;
    s.strategies.push_back(st);
  }
  return s;
}

// decision.json with R = a, U = b, B = c, no inputs, and the given headline.
json document(const json& headline, bool base_pick_differs) {
  const json difference = {{"mean", 0.0}, {"se", 0.0}};
  return {{"recommended", "a"},
          {"runner_up", "b"},
          {"baseline", "c"},
          {"trials_per_evaluation", 430},
          {"base", {{"versus_runner_up", difference}, {"versus_baseline", difference}, {"pick", base_pick_differs ? "b" : "a"}}},
          {"base_pick_differs", base_pick_differs},
          {"inputs", json::array()},
          {"headline", headline}};
}
}  // namespace

TEST_CASE("The flip sentence names the input, the value and the strategy by its label", "[decision][report]") {
  const json flip = {{"input", "pharma incident probability"}, {"unit", "share"}, {"base", 0.001}, {"value", 0.0031}, {"to", "b"}};
  CHECK(decision_headline(document(flip, false).dump(), labelled()) ==
        "The answer changes if pharma incident probability rises above 0.31% (the scenario has 0.10%): then hire "
        "interns is recommended.");
  CHECK(decision_headline(document(nullptr, false).dump(), labelled()) ==
        "No assumption within its tested range changes the answer.");
}

TEST_CASE("When the quick study picks another strategy at the scenario's values, no flip is named", "[decision][report]") {
  const json flip = {{"input", "training gain"}, {"unit", "number"}, {"base", 0.007}, {"value", 0.0099}, {"to", "a"}};
  CHECK(decision_headline(document(flip, true).dump(), labelled()) ==
        "A quick check on 430 futures per evaluation cannot tell train the veterans from hire interns, so no "
        "single assumption can be named as the one that changes the answer: the two are close, and the "
        "recommendation rests on the main run's larger number of futures.");
}

TEST_CASE("A hand-edited decision.json is refused with its name", "[decision][report]") {
  json bad = document(nullptr, false);
  bad["trials_per_evaluation"] = "many";
  bad["base_pick_differs"] = true;
  CHECK_THROWS_WITH(decision_headline(bad.dump(), labelled()), Catch::Contains("decision.json: not as flowfolio writes it"));
}
