#include "output/csv.hpp"

#include "core/encoding.hpp"
#include "flowfolio/core/error.hpp"

namespace flowfolio {

std::string csv_text(const std::string& text) {
  const bool formula = !text.empty() && std::string("=+-@'\t\r").find(text.front()) != std::string::npos;
  if (!formula && text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = formula ? "\"'" : "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

namespace {
// Reads the records of one CSV text field by field.
class CsvParser {
 public:
  CsvParser(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  std::vector<CsvRecord> records() {
    std::vector<CsvRecord> out;
    while (at_ < text_.size()) {
      CsvRecord record{.line = line_};
      for (bool more = true; more;) {
        record.columns.push_back(at_ - line_start_ + 1);
        record.fields.push_back(field(more));
      }
      out.push_back(std::move(record));
    }
    return out;
  }

 private:
  // The next field; `more` tells whether another follows on this record.
  std::string field(bool& more) {
    std::string value;
    if (at_ < text_.size() && text_[at_] == '"') {
      quoted(value);
      if (!value.empty() && value.front() == '\'') value.erase(0, 1);
    } else {
      while (at_ < text_.size() && text_[at_] != ',' && text_[at_] != '\n') value += text_[at_++];
      if (!value.empty() && value.back() == '\r') value.pop_back();
    }
    more = at_ < text_.size() && text_[at_] == ',';
    if (at_ < text_.size() && text_[at_] == '\n') new_line(at_);
    ++at_;
    return value;
  }

  void new_line(std::size_t newline) {
    ++line_;
    line_start_ = newline + 1;
  }

  void quoted(std::string& value) {
    const std::size_t opened = line_;
    for (++at_;; ++at_) {
      if (at_ >= text_.size())
        throw InputError(file_ + ":" + std::to_string(opened) + ": a quoted field is never closed");
      const char c = text_[at_];
      if (c == '"' && at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
        value += '"';
        ++at_;
      } else if (c == '"') {
        ++at_;
        break;
      } else {
        if (c == '\n') new_line(at_);
        value += c;
      }
    }
    if (at_ < text_.size() && text_[at_] == '\r') ++at_;
    if (at_ < text_.size() && text_[at_] != ',' && text_[at_] != '\n')
      throw InputError(file_ + ":" + std::to_string(line_) + ": text after a quoted field's closing quote");
  }

  const std::string& text_;
  const std::string& file_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;  // where line_ begins in text_
};
}  // namespace

std::vector<CsvRecord> read_csv(const std::string& text, const std::string& file) {
  require_text(text, file, "CSV");
  return CsvParser(text, file).records();
}

}  // namespace flowfolio
