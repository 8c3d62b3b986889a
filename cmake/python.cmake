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
set(sources ${CMAKE_CURRENT_SOURCE_DIR}/python/flowfolio)
file(GLOB package_files CONFIGURE_DEPENDS ${sources}/*.py ${sources}/*.pyi ${sources}/py.typed)
file(MAKE_DIRECTORY ${package})
foreach(file ${package_files})
  get_filename_component(name ${file} NAME)
  file(CREATE_LINK ${file} ${package}/${name} SYMBOLIC)
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

# Installed into the interpreter's own site folder under the prefix, so Debian's python3
# imports it with no PYTHONPATH: lib/python3.X/dist-packages under /usr/local (a source
# install), lib/python3/dist-packages under /usr (the Debian package, cmake/packaging.cmake).
# The prefix is known only when installing (cpack installs under /usr), so the folder is
# chosen then, unless FLOWFOLIO_PYTHON_SITE_DIR names one.
set(FLOWFOLIO_PYTHON_SITE_DIR "" CACHE STRING
    "Where the flowfolio package is installed, relative to the prefix (default: the prefix's site folder)")
set(destination ${default_python_dir}/flowfolio)  # under /usr/local, for the link below
install(CODE "
  set(dir \"${FLOWFOLIO_PYTHON_SITE_DIR}\")
  if(dir STREQUAL \"\" AND CMAKE_INSTALL_PREFIX MATCHES \"(^|/)usr/?$\")  # /usr, or cpack's staging copy of it
    set(dir lib/python3/dist-packages)
  elseif(dir STREQUAL \"\")
    set(dir ${default_python_dir})
  endif()
  set(to \"\${CMAKE_INSTALL_PREFIX}/\${dir}/flowfolio\")
  file(INSTALL DESTINATION \"\${to}\" TYPE MODULE FILES \"$<TARGET_FILE:flowfolio_python>\")
  file(INSTALL DESTINATION \"\${to}\" TYPE FILE FILES ${package_files} \"${package}/_build_info.py\")
  file(INSTALL DESTINATION \"\${to}/report-assets\" TYPE DIRECTORY FILES \"${FLOWFOLIO_REPORT_ASSETS}/\")
  " COMPONENT runtime)

# When `python3` on PATH is another interpreter of the same version and ABI (a pyenv one,
# say), a system install (prefix /usr/local, no DESTDIR) also links the package into that
# interpreter's site folder, so that `python3 -c "import flowfolio"` works there too; the
# package then finds Debian's numpy and pandas itself (_native.py). Only a link of ours is
# ever replaced.
find_program(FLOWFOLIO_PATH_PYTHON python3 NO_CACHE)
if(FLOWFOLIO_PATH_PYTHON)
  execute_process(COMMAND ${FLOWFOLIO_PATH_PYTHON} -c
    "import sys, sysconfig; print(sys.executable); print(sysconfig.get_config_var('SOABI')); print(sysconfig.get_path('platlib'))"
    OUTPUT_VARIABLE path_python ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  string(REPLACE "\n" ";" path_python "${path_python}")
  list(LENGTH path_python facts)
  if(facts EQUAL 3)
    list(GET path_python 0 path_python_executable)
    list(GET path_python 1 path_python_suffix)
    list(GET path_python 2 path_python_site)
    get_filename_component(ours ${Python_EXECUTABLE} REALPATH)
    get_filename_component(theirs ${path_python_executable} REALPATH)
    if(NOT ours STREQUAL theirs AND path_python_suffix STREQUAL Python_SOABI)
      install(CODE "
        if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr/local\" AND \"\$ENV{DESTDIR}\" STREQUAL \"\")
          set(link \"${path_python_site}/flowfolio\")
          set(target \"\${CMAKE_INSTALL_PREFIX}/${destination}\")
          set(existing \"\")
          if(IS_SYMLINK \"\${link}\")
            file(READ_SYMLINK \"\${link}\" existing)
          endif()
          if(existing STREQUAL target OR (NOT EXISTS \"\${link}\" AND NOT IS_SYMLINK \"\${link}\"))
            file(CREATE_LINK \"\${target}\" \"\${link}\" SYMBOLIC)
            message(STATUS \"Linked: \${link} -> \${target} (for ${path_python_executable})\")
          else()
            message(STATUS \"Not linked: \${link} exists and is not flowfolio's\")
          endif()
        endif()")
    endif()
  endif()
endif()
