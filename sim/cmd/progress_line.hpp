// The progress line of a long command (a study, a sweep) on stderr: rewritten in place on
// a terminal; on a log or a pipe, a new line now and then, so the log stays short.
#pragma once

#include <string>

namespace flowfolio {

class ProgressLine {
 public:
  // `every_seconds`: how often a line is written when stderr is not a terminal.
  explicit ProgressLine(double every_seconds);

  // Shows `line`, `seconds` into the work; `last` ends the line on a terminal and is always
  // written elsewhere.
  void show(const std::string& line, double seconds, bool last);

 private:
  bool terminal_;
  double every_seconds_;
  double last_written_ = -1e9;
};

}  // namespace flowfolio
