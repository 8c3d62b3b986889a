// What scenario.hpp declares beyond its structs: finding a strategy by name.
#include "flowfolio/engine/scenario.hpp"

#include "core/words.hpp"
#include "flowfolio/core/error.hpp"

namespace flowfolio {

std::size_t strategy_index(const Scenario& scenario, const std::string& name, const std::string& what) {
  std::vector<std::string> known;
  for (std::size_t s = 0; s < scenario.strategies.size(); ++s) {
    if (scenario.strategies[s].name == name) return s;
    known.push_back(scenario.strategies[s].name);
  }
  throw InputError(what + ": unknown strategy '" + printable(name) + "'" + suggestion(name, known) + "; known: " + join(known));
}

}  // namespace flowfolio
