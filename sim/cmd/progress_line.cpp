#include "cmd/progress_line.hpp"

#include <cstdio>

#include "cmd/terminal.hpp"

namespace flowfolio {

ProgressLine::ProgressLine(double every_seconds)
    : terminal_(cmd::cursor_on_stderr()), every_seconds_(every_seconds) {}

void ProgressLine::show(const std::string& line, double seconds, bool last) {
  if (terminal_) {
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    if (last) std::fputc('\n', stderr);
  } else if (seconds - last_written_ >= every_seconds_ || last) {
    std::fprintf(stderr, "%s\n", line.c_str());
    last_written_ = seconds;
  }
}

}  // namespace flowfolio
