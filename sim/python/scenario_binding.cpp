// Scenarios from Python: read from a file or text with overrides, their YAML, their
// facts; and InputError raised as flowfolio.InputError with every problem.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "core/digest.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/output/result_folder.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "python/handles.hpp"
#include "yaml/yaml_document.hpp"

namespace py = pybind11;

namespace flowfolio::python {

namespace {

// One problem as the Python side's Problem takes it.
py::dict problem_dict(const Diagnostic& d) {
  py::dict problem;
  problem["file"] = d.file;
  problem["line"] = d.line;
  problem["column"] = d.column;
  problem["path"] = d.path;
  problem["message"] = d.message;
  problem["severity"] = d.severity == Diagnostic::Severity::kError ? "error" : "warning";
  return problem;
}

py::list problem_list(const std::vector<Diagnostic>& diagnostics) {
  py::list problems;
  for (const Diagnostic& d : diagnostics) problems.append(problem_dict(d));
  return problems;
}

// The Python class flowfolio.InputError, given by the package when it is imported.
py::object& input_error_type() {
  static py::object* type = new py::object();  // never destroyed: it outlives the interpreter's
  return *type;                                // finalisation order
}

void translate_input_error(std::exception_ptr failure) {
  try {
    if (failure) std::rethrow_exception(failure);
  } catch (const InputError& e) {
    py::object& type = input_error_type();
    if (!type) throw;  // the package is not imported: pybind11 reports it as RuntimeError
    const py::object error = type(e.what(), problem_list(e.diagnostics()));
    PyErr_SetObject(type.ptr(), error.ptr());
  }
}

py::dict scenario_facts(const ScenarioSource& source) {
  const Scenario& s = *source.scenario;
  py::list strategies, labels, activities, profiles;
  for (const Strategy& x : s.strategies) {
    strategies.append(x.name);
    labels.append(shown_name(x));
  }
  for (const Activity& a : s.activities) activities.append(a.name);
  for (const Profile& p : s.profiles) profiles.append(p.name);
  py::dict facts;
  facts["title"] = s.title;
  facts["strategies"] = strategies;
  facts["labels"] = labels;
  facts["activities"] = activities;
  facts["profiles"] = profiles;
  facts["horizon"] = s.horizon;
  facts["periods_per_year"] = s.periods_per_year;
  facts["currency"] = s.currency;
  facts["seed"] = s.seed;
  facts["trials"] = s.trials;
  return facts;
}

}  // namespace

std::shared_ptr<const ScenarioSource> load_source(const std::string& file, bool from_file,
                                                  const std::string& text,
                                                  const std::vector<std::string>& overrides) {
  auto source = std::make_shared<ScenarioSource>();
  source->file = file;
  source->from_file = from_file;
  source->text = from_file ? read_yaml_text(file) : text;
  source->overrides = overrides;
  source->sha256 = from_file ? file_sha256(file) : sha256_hex(source->text);
  source->scenario =
      std::make_shared<const Scenario>(read_scenario_text(source->text, file, overrides));
  return source;
}

void bind_scenario(py::module_& m) {
  m.def("_set_input_error", [](py::object type) { input_error_type() = std::move(type); });
  py::register_exception_translator(translate_input_error);
  py::class_<ScenarioSource, std::shared_ptr<ScenarioSource>>(m, "ScenarioSource")
      .def_readonly("file", &ScenarioSource::file)
      .def_readonly("from_file", &ScenarioSource::from_file)
      .def_readonly("text", &ScenarioSource::text)
      .def_readonly("overrides", &ScenarioSource::overrides)
      .def_property_readonly("facts", [](const ScenarioSource& s) { return scenario_facts(s); })
      .def_property_readonly("warnings",
                             [](const ScenarioSource& s) { return problem_list(s.scenario->warnings); })
      .def("resolved_text", [](const ScenarioSource& s, bool with_overrides) {
        return resolved_scenario_text(s.text, s.file,
                                      with_overrides ? s.overrides : std::vector<std::string>{});
      });
  m.def(
      "load_source",
      [](const std::string& file, bool from_file, const std::string& text,
         const std::vector<std::string>& overrides) {
        return std::const_pointer_cast<ScenarioSource>(load_source(file, from_file, text, overrides));
      },
      py::arg("file"), py::arg("from_file"), py::arg("text"), py::arg("overrides"));
}

}  // namespace flowfolio::python
