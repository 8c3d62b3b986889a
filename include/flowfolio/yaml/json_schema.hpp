// JSON Schemas of flowfolio's files, for editors (a YAML language server completes and
// checks a scenario as it is typed) and other tools: written from the same table of keys
// the readers use, so the schema and the reader agree on every key, its kind, its range
// and its choices (docs/editors.md). The reader checks more than a schema can say (names
// that refer to other items, a correlation matrix that is positive definite, ...).
#pragma once

#include <string>

namespace flowfolio {

// JSON Schema (draft 2020-12) of a scenario file; a file with `extends:` needs none of the
// required keys. `flowfolio schema` prints it.
std::string scenario_json_schema();

// JSON Schema of a sweep file. `flowfolio schema --sweep` prints it.
std::string sweep_json_schema();

}  // namespace flowfolio
