// A JSON document as text, for every file and answer flowfolio writes. Internal to the
// library.
//
// A file name or a command line on Linux is bytes, not necessarily UTF-8, and JSON is
// UTF-8: such bytes are written as U+FFFD rather than failing the run at its last step.
// Everything read from a scenario, a history or a request is checked to be UTF-8 before
// it gets here.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace flowfolio {

// `doc` dumped with `indent` (-1: one line), invalid UTF-8 replaced.
template <class Json>
std::string json_text(const Json& doc, int indent = -1) {
  return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace flowfolio
