// The one door YAML text comes in by: scenario files, the files they extend, sweep files
// and --set values all pass the same checks before they become YAML nodes. Internal to
// flowfolio, not part of the public API.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>

namespace flowfolio {

inline constexpr std::size_t kLargestYamlFile = 16 << 20;  // bytes
// YAML values in one document once its aliases are expanded: a few lines of anchors
// and aliases can stand for billions of values.
inline constexpr std::size_t kMostYamlValues = 200'000;

// Parses `text` as one YAML document. Throws InputError, located at file:line:col, when
// the text is over kLargestYamlFile, not UTF-8, holds a control character, is empty
// (`empty_message` then says what the file needs), is not valid YAML, holds a second
// document (after `---` or `...`), nests more than 2000 levels, or expands past
// kMostYamlValues values (at the alias that crosses it; an alias inside its own anchor
// is refused there too).
// `kind` names the file in messages ("scenario file", "sweep file").
YAML::Node load_document(const std::string& text, const std::string& file,
                         const std::string& empty_message,
                         const std::string& kind = "scenario file");

// A value given on the command line: the same checks, with messages that begin
// "`argument`: " and give the column within `text`. Empty text is a null value.
YAML::Node load_value(const std::string& text, const std::string& argument);

// The message for an empty scenario file (or a file it extends).
inline constexpr const char* kEmptyScenario =
    "the file is empty; a scenario needs name, horizon, activities, profiles, staff and strategies";

// The text of the file at `path`, at most kLargestYamlFile bytes; throws InputError
// naming the file (missing, a directory, a FIFO, too large) with `kind` in the message.
std::string read_yaml_text(const std::string& path, const std::string& kind = "scenario file");

// read_yaml_text, then load_document.
YAML::Node load_yaml_file(const std::string& path, const std::string& empty_message,
                          const std::string& kind);

// The values of a document, aliases followed, counted up to just past `limit`: a few
// lines of anchors and aliases can stand for billions of values, and an alias inside its
// own anchor (`a: &a [*a]`) for infinitely many. Iterative, so depth cannot exhaust the
// stack.
std::size_t count_values(const YAML::Node& root, std::size_t limit);

}  // namespace flowfolio
