// What reaches the user's terminal besides a command's own output: the problems and
// warnings, as text (coloured only on a terminal that wants it) or as JSON for tools.
#pragma once

#include <string>
#include <vector>

#include "flowfolio/core/error.hpp"

namespace flowfolio::cmd {

// How problems are printed: `--errors text` (the default) or `--errors json`.
enum class ErrorFormat { kText, kJson };
void set_error_format(ErrorFormat format);
ErrorFormat error_format();

// Whether standard error may carry cursor movements (the progress line's rewrites): it is a
// terminal and TERM is not "dumb". Elsewhere (a file, a pipe, a CI log) lines are plain.
bool cursor_on_stderr();
// Whether it may also carry colour: cursor_on_stderr() and NO_COLOR unset or empty
// (no-color.org).
bool colour_on_stderr();

// Problems or warnings on standard error: one line each, the location in bold (red for a
// problem, yellow for a warning) where colour is allowed; or, with --errors json, one
// JSON list of them (diagnostics_json, core/error.hpp). `summary` follows the text only.
void print_diagnostics(const std::vector<Diagnostic>& diagnostics, const std::string& summary = "");

}  // namespace flowfolio::cmd
