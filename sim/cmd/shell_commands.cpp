// flowfolio manual and flowfolio complete (docs/shell.md): the manual page and the shell's
// completions, both read off the program's own command line (command_line.hpp), so
// neither drifts from what the program takes.
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cmd/command_line.hpp"
#include "cmd/commands.hpp"
#include "flowfolio/core/format.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

namespace flowfolio::cmd {

namespace {

// Text for roff: backslashes and hyphens escaped, no line starting as a request.
std::string roff(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out;
}

std::vector<const CLI::App*> visible_commands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* c) { return !c->get_group().empty(); });
}

bool takes_value(const CLI::Option* o) { return o->get_type_size_max() > 0 && !o->get_type_name().empty(); }

// "--trials N", "-q, --quiet", or a positional's name.
std::string option_words(const CLI::Option* o) {
  if (o->get_positional()) return o->get_name();
  std::string words;
  for (const std::string& s : o->get_snames()) words += (words.empty() ? "-" : ", -") + s;
  for (const std::string& l : o->get_lnames()) words += (words.empty() ? "--" : ", --") + l;
  return words;
}

// What an option's value is, in the manual's words: CLI11's "UINT:WHOLE:UINT in [1 - 100]"
// as N, a FLOAT as X, a set of choices as they are ("text|json").
std::string metavariable(const std::string& type) {
  const auto open = type.find('{'), close = type.find('}');
  if (open != std::string::npos && close != std::string::npos) {
    std::string choices = type.substr(open + 1, close - open - 1);
    for (char& c : choices)
      if (c == ',') c = '|';
    return choices;
  }
  const std::string kind = type.substr(0, type.find(':'));
  if (kind == "UINT" || kind == "INT") return "N";
  if (kind == "FLOAT") return "X";
  return kind.empty() ? "VALUE" : kind;
}

void option_item(std::ostringstream& page, const CLI::Option* o) {
  page << ".TP\n\\fB" << roff(option_words(o)) << "\\fR";
  if (!o->get_positional() && takes_value(o)) page << " \\fI" << roff(metavariable(o->get_type_name())) << "\\fR";
  page << "\n" << roff(o->get_description()) << (o->get_required() ? " (required)" : "") << "\n";
}

void command_section(std::ostringstream& page, const CLI::App* c) {
  std::string usage = "flowfolio " + c->get_name();
  for (const CLI::Option* o : c->get_options([](const CLI::Option* o) { return o->get_positional(); }))
    usage += " " + o->get_name();
  page << ".SS \"" << roff(usage) << " [options]\"\n" << roff(c->get_description()) << "\n";
  for (const CLI::Option* o : c->get_options())
    if (o != c->get_help_ptr()) option_item(page, o);
}

std::string manual_page(const CLI::App& app) {
  std::ostringstream page;
  page << ".TH FLOWFOLIO 1 \"\" \"flowfolio " << FLOWFOLIO_VERSION << "\" \"User Commands\"\n"
       << ".SH NAME\nflowfolio \\- Monte Carlo risk and cost simulation of staffing strategies for communication "
          "portfolios\n"
       << ".SH SYNOPSIS\n.B flowfolio\n[\\fB\\-\\-errors\\fR \\fItext\\fR|\\fIjson\\fR] \\fICOMMAND\\fR "
          "[\\fIOPTIONS\\fR]\n.br\n.B flowfolio\n\\fB\\-\\-version\\fR | \\fB\\-\\-help\\fR\n"
       << ".SH DESCRIPTION\n" << roff(app.get_description())
       << ". A scenario (YAML) describes activities, people, strategies and uncertainty; flowfolio simulates "
          "thousands of futures of every strategy on the same luck and reports what each costs, earns and risks, "
          "and how they compare. Every command below takes \\fB\\-\\-help\\fR.\n"
       << ".SH COMMANDS\n";
  for (const CLI::App* c : visible_commands(app)) command_section(page, c);
  page << ".SH GLOBAL OPTIONS\n";
  for (const CLI::Option* o : app.get_options([](const CLI::Option* o) { return !o->get_positional(); }))
    option_item(page, o);
  page << ".SH EXIT STATUS\n.TP\n0\ndone\n.TP\n1\na failure while running, with its reason\n.TP\n2\nthe "
          "scenario, a file or the arguments are invalid; every problem is printed as file:line:col: key.path: "
          "message, and nothing is written\n.TP\n130, 143\ninterrupted by SIGINT or SIGTERM; the message says what "
          "was written\n"
       << ".SH ENVIRONMENT\n.TP\nNO_COLOR\nwhen set and not empty, problems are printed without colour (as they "
          "are whenever standard error is not a terminal, or TERM is dumb)\n.TP\nFLOWFOLIO_REPORT_ASSETS\nthe "
          "folder of the report's chart libraries, instead of the installed share/flowfolio/report\n"
       << ".SH FILES\n.TP\nshare/flowfolio/scenarios\nthe example scenarios, and scenarios/history, a synthetic "
          "history for \\fBflowfolio calibrate\\fR\n.TP\nshare/flowfolio/schemas\nthe JSON Schemas of scenario and "
          "sweep files\n.TP\nshare/flowfolio/notebooks\nthe analysts' notebooks\n"
       << ".SH SEE ALSO\nThe documentation in the source's docs/ folder: scenario-format.md, output-format.md, "
          "report.md, calibration.md and the rest.\n";
  return page.str();
}

// The names of the strategies of the scenario on the line (the command's first positional
// word), or none when there is none or it does not read.
std::vector<std::string> strategy_names(const std::vector<std::string>& words, std::size_t command) {
  for (std::size_t i = command + 1; i < words.size(); ++i) {
    if (words[i].empty() || words[i][0] == '-') continue;
    try {
      std::vector<std::string> names;
      for (const Strategy& s : read_scenario_file(words[i]).strategies) names.push_back(s.name);
      return names;
    } catch (const std::exception&) {
      return {};
    }
  }
  return {};
}

// The values an option takes, where they are few and known.
std::vector<std::string> option_values(const std::string& option, const std::vector<std::string>& words,
                                       std::size_t command) {
  if (option == "--method") return {"tornado", "sobol", "both"};
  if (option == "--statistics") return {"auto", "exact", "sketch"};
  if (option == "--errors") return {"text", "json"};
  if (option == "--example") return example_names();
  // --pair A:B: A (bash splits words at ":", so B is a word of its own).
  if (option == "--baseline" || option == "--strategy" || option == "--as" || option == "--pair")
    return strategy_names(words, command);
  return {};  // a file, a folder or a number: the shell's own completion
}

std::vector<std::string> completions(const CLI::App& app, const std::vector<std::string>& words, std::size_t index) {
  const std::string prefix = index < words.size() ? words[index] : "";
  // The command: the first word after the program's name that names one.
  const CLI::App* command = nullptr;
  std::size_t at = 0;
  for (std::size_t i = 1; i < index && i < words.size() && command == nullptr; ++i)
    for (const CLI::App* c : visible_commands(app))
      if (c->get_name() == words[i]) {
        command = c;
        at = i;
      }
  std::vector<std::string> out;
  const auto options_of = [&](const CLI::App& a) {
    for (const CLI::Option* o : a.get_options([](const CLI::Option* o) { return !o->get_positional(); }))
      for (const std::string& l : o->get_lnames()) out.push_back("--" + l);
  };
  if (command == nullptr) {
    if (!prefix.empty() && prefix[0] == '-') options_of(app);
    else
      for (const CLI::App* c : visible_commands(app)) out.push_back(c->get_name());
  } else {
    const std::string previous = index > 0 && index - 1 < words.size() ? words[index - 1] : "";
    const CLI::Option* wanting = nullptr;
    for (const CLI::App* a : {command, &app})
      for (const CLI::Option* o : a->get_options())
        if (!o->get_positional() && takes_value(o) && o->check_name(previous)) wanting = o;
    if (wanting != nullptr && index - 1 > at) {
      out = option_values(previous.rfind("--", 0) == 0 ? previous : "--" + wanting->get_lnames().front(), words, at);
    } else if (!prefix.empty() && prefix[0] == '-') {
      options_of(*command);
      options_of(app);
    }
  }
  std::vector<std::string> matching;
  std::set<std::string> seen;
  for (const std::string& w : out)
    if (w.rfind(prefix, 0) == 0 && seen.insert(w).second) matching.push_back(w);
  return matching;
}
}  // namespace

int command_manual(const ManualArguments& args) {
  const CommandLine line;
  if (args.output.empty()) {
    std::cout << manual_page(line.app);
  } else {
    std::ofstream out(args.output, std::ios::binary);
    out << manual_page(line.app);
    if (!out) throw std::runtime_error("cannot write " + args.output);
  }
  return 0;
}

int command_complete(const CompleteArguments& args) {
  const CommandLine line;
  for (const std::string& w : completions(line.app, args.words, args.index)) std::cout << w << "\n";
  return 0;
}

}  // namespace flowfolio::cmd
