// The recommendation in one sentence (docs/report.md, "The recommendation sentence"):
// what recommend() decided, said in the scenario's own words, with how much better than
// the baseline, how sure, how bad the tail is and, when others are as good on average,
// why this one. The report's headline, and the what-if page's and the Python module's.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/stats/recommendation.hpp"

namespace flowfolio {

// How a strategy's name appears in the sentence: plain text by default (its label, else
// its name); the report passes one that escapes and emboldens it.
using StrategyNamer = std::function<std::string(std::size_t strategy)>;

// One period in words: "week" for 52 periods a year, "month" for 12, "quarter", "year",
// else "period".
std::string period_word(int periods_per_year);

// The horizon in words: "two years", "18 months", "30 weeks".
std::string horizon_words(const Scenario& scenario);

// The sentence, for example "Recommended: train the veterans. +4.06M USD over two years
// against keep things as they are (95% interval 3.95M to 4.16M); in 95% of futures its
// npv is at least +1.10M; train, and mentor one intern is as good on average but loses
// 5.1 times as much in its worst 5% of futures."
std::string recommendation_sentence(const Scenario& scenario, const RunResults& results,
                                    const Recommendation& recommendation, std::size_t baseline,
                                    const StrategyNamer& name = {});

}  // namespace flowfolio
