#include "yaml/yaml_document.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <cstdio>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "core/encoding.hpp"
#include "core/file_text.hpp"
#include "flowfolio/core/error.hpp"

namespace flowfolio {

namespace {

// Where a document breaks a rule of the budget, in the parser's 0-based mark.
struct BudgetBreach : std::runtime_error {
  YAML::Mark mark;
  BudgetBreach(const YAML::Mark& at, const std::string& message)
      : std::runtime_error(message), mark(at) {}
};

// Counts a document's values as the parser reads them, an alias counting as every value
// of its anchor, and stops at the first event that takes the total past the budget. The
// count is kept per open collection, so an anchor's size is known when it closes.
class ValueBudget : public YAML::EventHandler {
 public:
  explicit ValueBudget(std::size_t limit) : limit_(limit) {}
  int documents = 0;
  YAML::Mark second_document;

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents == 2) second_document = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { value(mark, anchor, 1); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    value(mark, anchor, 1);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto size = sizes_.find(anchor);
    if (size == sizes_.end())
      throw BudgetBreach(
          mark,
          "this alias refers to the collection it is inside, which makes the document "
          "infinite; write the value out instead");
    value(mark, YAML::NullAnchor, size->second);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    std::size_t count;
    YAML::anchor_t anchor;
  };
  std::size_t limit_;
  std::size_t total_ = 0;
  std::vector<Open> open_;
  std::unordered_map<YAML::anchor_t, std::size_t> sizes_;

  void add(const YAML::Mark& mark, std::size_t n) {
    total_ = n > limit_ - std::min(limit_, total_) ? limit_ + 1 : total_ + n;
    if (total_ > limit_) {
      throw BudgetBreach(mark, "the document holds more than " + std::to_string(limit_) +
                                   " values once its aliases are expanded (this is where it "
                                   "crosses that); a scenario needs far fewer");
    }
    if (!open_.empty()) open_.back().count = std::min(open_.back().count + n, limit_ + 1);
  }
  void value(const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t n) {
    add(mark, n);
    if (anchor != YAML::NullAnchor) sizes_[anchor] = n;
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    add(mark, 1);
    open_.push_back({0, anchor});
  }
  void close() {
    const Open done = open_.back();
    open_.pop_back();
    // The collection itself was counted when it opened; its content as it closes.
    if (!open_.empty()) open_.back().count = std::min(open_.back().count + done.count, limit_ + 1);
    if (done.anchor != YAML::NullAnchor) sizes_[done.anchor] = std::min(done.count + 1, limit_ + 1);
  }
};

Diagnostic at(const std::string& file, const YAML::Mark& mark, const std::string& message) {
  return Diagnostic{.file = file,
                    .line = mark.line >= 0 ? mark.line + 1 : 0,
                    .column = mark.column >= 0 ? mark.column + 1 : 0,
                    .message = message};
}

// Every check but size, encoding and emptiness; returns the document, or the diagnostic
// (with `file` as given) of the first problem.
YAML::Node parse_one_document(const std::string& text, const std::string& file) {
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    ValueBudget budget(kMostYamlValues);
    while (parser.HandleNextDocument(budget)) {
    }
    if (budget.documents > 1)
      throw BudgetBreach(budget.second_document,
                         "a second YAML document starts here; the file must hold one document "
                         "(remove the `---` or `...` line and what follows, or split the file)");
    return YAML::Load(text);
  } catch (const BudgetBreach& e) {
    throw InputError({at(file, e.mark, e.what())});
  } catch (const YAML::DeepRecursion& e) {
    throw InputError({at(file, e.mark, "the YAML is nested too deeply (more than 2000 levels)")});
  } catch (const YAML::Exception& e) {
    throw InputError({at(file, e.mark, "YAML syntax error: " + e.msg)});
  }
}

}  // namespace

YAML::Node load_document(const std::string& text, const std::string& file,
                         const std::string& empty_message, const std::string& kind) {
  if (text.size() > kLargestYamlFile) {
    throw InputError({Diagnostic{.file = file,
                                 .message = "is " + mebibytes(text.size()) + "; a " + kind +
                                            " may be at most " + mebibytes(kLargestYamlFile)}});
  }
  require_text(text, file, "YAML");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError({Diagnostic{.file = file, .message = empty_message}});
  return parse_one_document(text, file);
}

YAML::Node load_value(const std::string& text, const std::string& argument) {
  if (const EncodingProblem bad = check_encoding(text); bad.line > 0)
    throw InputError(argument + ": at column " + std::to_string(bad.column) +
                     " of the value: " + bad.message);
  try {
    return parse_one_document(text, "");
  } catch (const InputError& e) {
    const Diagnostic& d = e.diagnostics().front();
    const std::string where = " (column " + std::to_string(d.column) + " of the value)";
    const std::string syntax = "YAML syntax error: ";
    if (d.message.rfind(syntax, 0) == 0)
      throw InputError(argument + ": the value is not valid YAML" + where + ": " +
                       d.message.substr(syntax.size()));
    throw InputError(argument + ": at column " + std::to_string(d.column) +
                     " of the value: " + d.message);
  }
}

std::string read_yaml_text(const std::string& path, const std::string& kind) {
  return read_input_file(path, kLargestYamlFile, kind);
}

YAML::Node load_yaml_file(const std::string& path, const std::string& empty_message,
                          const std::string& kind) {
  return load_document(read_yaml_text(path, kind), path, empty_message, kind);
}

std::size_t count_values(const YAML::Node& root, std::size_t limit) {
  std::size_t count = 0;
  std::vector<YAML::Node> pending = {root};
  while (!pending.empty() && count <= limit) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    ++count;
    if (node.IsMap()) {
      for (const auto& entry : node) {
        pending.push_back(entry.first);
        pending.push_back(entry.second);
      }
    } else if (node.IsSequence()) {
      for (const auto& entry : node) pending.push_back(entry);
    }
  }
  return count;
}

}  // namespace flowfolio
