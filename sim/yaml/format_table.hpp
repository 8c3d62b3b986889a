// The file formats as one table: every map of a scenario file and of a sweep file, each key
// with its kind, whether it is required, its range or choices and its description
// (docs/scenario-format.md in the table's words). The readers take each map's allowed and
// required keys from here, and `flowfolio schema` writes the JSON Schema from here, so
// the two cannot disagree on a key; tests/yaml/format_table_test.cpp holds the reader to
// the table's ranges and choices. Internal to the library.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/fields.hpp"

namespace flowfolio::format {

enum class Kind {
  kNumber,        // a plain number in `range`
  kWhole,         // a whole number >= `minimum` (and <= `most` when set)
  kText,          // any text
  kName,          // one line of text, not empty
  kBoolean,
  kChoice,        // one of `choices`
  kDistribution,  // a number in `range` or a distribution (money: never below 0)
  kMoney,         // a distribution of money or losses: never below 0
  kObject,        // a map: the object named `object`
  kList,          // a list of `object` maps (named items when the object has a name)
  kNumbers,       // a list of numbers in `range`; `count` of them when set
  kNames,         // a list of names of `refers` (activities, profiles, strategies)
  kReference,     // one name of `refers`
  kDemand,        // a map of activity name to a number in `range`
  kRoles,         // a map of activity name to a list of profile names
  kPairs,         // a list of pairs [a, b] of `refers`
  kPaths,         // a key path, or a list of them set together
  kChoices,       // a list of some of `choices`
  kSettings,      // a map of key path to any value (a variant's set)
  kGrid,          // a sweep's grid: a map of key path to points (a list, or the object
                  // axis_points), or a list of the object axis
  kPoints,        // an axis's points: a list, or the object range
};

struct Key {
  std::string_view name;
  Kind kind;
  bool required = false;
  std::string_view description;
  Range range = Range::kAny;
  std::uint64_t minimum = 0, most = 0;   // kWhole (most 0: no ceiling but the reader's)
  std::size_t count = 0;                 // kNumbers, kNames: exactly this many (0: any, at least one)
  bool may_be_empty = false;             // kNumbers: [] allowed
  std::string_view object;               // kObject, kList
  std::string_view refers;               // kReference, kNames, kPairs: "activity", "profile", "strategy"
  std::vector<std::string_view> choices;  // kChoice, kChoices
};

struct Object {
  std::string_view name;
  std::string_view description;
  std::vector<Key> keys;
};

// The object of that name ("scenario", "activity", "sweep", ...). Requires: it exists.
const Object& object(std::string_view name);
// Every object, the scenario's first and the sweep file's last.
const std::vector<Object>& objects();

// Its keys, and its required keys, as the readers' map() takes them.
Keys allowed(const Object& object);
Keys required(const Object& object);

}  // namespace flowfolio::format
