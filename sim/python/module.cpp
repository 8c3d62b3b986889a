// The Python module flowfolio._flowfolio: the C++ side of `import flowfolio`
// (docs/python.md). The package python/flowfolio/ wraps it in Python's conventions.
#include <pybind11/pybind11.h>

#include "python/handles.hpp"

PYBIND11_MODULE(_flowfolio, m) {
  m.doc() = "The C++ core of flowfolio; use the flowfolio package, not this module.";
  m.attr("version") = FLOWFOLIO_VERSION;
  flowfolio::python::bind_scenario(m);
  flowfolio::python::bind_run(m);
  flowfolio::python::bind_studies(m);
}
