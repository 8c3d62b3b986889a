// Words for messages: the known word closest to a typo, and lists of names. Internal to
// the library; every reader's messages use them (the scenario's, the history's).
#pragma once

#include <string>
#include <vector>

namespace flowfolio {

// " (did you mean 'x'?)" when a known word is close to the unknown one; "" otherwise.
std::string suggestion(const std::string& word, const std::vector<std::string>& known);
// "a, b, c".
std::string join(const std::vector<std::string>& words);

}  // namespace flowfolio
