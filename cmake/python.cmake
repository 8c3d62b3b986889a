# The Python module, `import flowfolio` (docs/python.md): the package python/flowfolio/
# around the extension built here from sim/python/. Included by CMakeLists.txt when
# FLOWFOLIO_PYTHON is not OFF; built when pybind11 and Python's headers are found.
#
# Debian's python3 is the one Debian's pybind11, numpy and pandas are built for, so it is
# preferred over another python3 earlier on PATH; -DPython_EXECUTABLE=... chooses another.
if(NOT DEFINED Python_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python 3.9 COMPONENTS Interpreter Development.Module)
if(Python_FOUND)
  find_package(pybind11 2.6 CONFIG)
endif()
if(NOT Python_FOUND OR NOT pybind11_FOUND)
  if(FLOWFOLIO_PYTHON STREQUAL "ON")
    message(FATAL_ERROR "FLOWFOLIO_PYTHON=ON needs Python's headers and pybind11 (Debian: python3-dev pybind11-dev)")
  endif()
  message(STATUS "flowfolio: no Python module (install python3-dev and pybind11-dev for `import flowfolio`)")
  return()
endif()

# The build's package: build/python/flowfolio, holding the extension, links to the
# package's Python files (an edit shows at once) and to the report's chart libraries.
set(FLOWFOLIO_PYTHON_PATH ${CMAKE_CURRENT_BINARY_DIR}/python)
set(package ${FLOWFOLIO_PYTHON_PATH}/flowfolio)
pybind11_add_module(flowfolio_python MODULE
  sim/python/module.cpp sim/python/interruptible.cpp sim/python/scenario_binding.cpp
  sim/python/run_binding.cpp sim/python/study_binding.cpp)
set_target_properties(flowfolio_python PROPERTIES OUTPUT_NAME _flowfolio LIBRARY_OUTPUT_DIRECTORY ${package})
target_include_directories(flowfolio_python PRIVATE sim)
target_link_libraries(flowfolio_python PRIVATE flowfolio flowfolio_warnings)
target_compile_definitions(flowfolio_python PRIVATE FLOWFOLIO_VERSION="${PROJECT_VERSION}")
file(GLOB package_files CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/python/flowfolio/*)
file(MAKE_DIRECTORY ${package})
foreach(file ${package_files})
  get_filename_component(name ${file} NAME)
  if(NOT name STREQUAL "__pycache__")
    file(CREATE_LINK ${file} ${package}/${name} SYMBOLIC)
  endif()
endforeach()
file(CREATE_LINK ${FLOWFOLIO_REPORT_ASSETS} ${package}/report-assets SYMBOLIC)
# The interpreter the module was built for, so the package can find Debian's numpy and
# pandas when another python3 of the same version imports it (docs/python.md).
execute_process(COMMAND ${Python_EXECUTABLE} -c
  "import sysconfig; print(sysconfig.get_path('platlib', vars={'platbase': '.', 'base': '.'}).removeprefix('local/'))"
  OUTPUT_VARIABLE default_python_dir OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${Python_EXECUTABLE} -c
  "import site; print(repr([p for p in site.getsitepackages() if '/usr/lib/' in p or '/dist-packages' in p]))"
  OUTPUT_VARIABLE FLOWFOLIO_PYTHON_SITE OUTPUT_STRIP_TRAILING_WHITESPACE)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/python/build_info.py.in ${package}/_build_info.py @ONLY)
message(STATUS "flowfolio: Python module for ${Python_EXECUTABLE}: PYTHONPATH=${FLOWFOLIO_PYTHON_PATH}")

# Installed into the interpreter's own site folder under the prefix: with the default
# prefix /usr/local, Debian's python3 imports it with no PYTHONPATH.
set(FLOWFOLIO_PYTHON_INSTALL_DIR ${default_python_dir} CACHE STRING
    "Where the flowfolio package is installed, relative to the prefix")
set(destination ${FLOWFOLIO_PYTHON_INSTALL_DIR}/flowfolio)
install(TARGETS flowfolio_python LIBRARY DESTINATION ${destination})
install(FILES ${package_files} ${package}/_build_info.py DESTINATION ${destination})
install(DIRECTORY ${FLOWFOLIO_REPORT_ASSETS}/ DESTINATION ${destination}/report-assets)
