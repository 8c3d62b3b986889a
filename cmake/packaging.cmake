# What an install holds beyond the program, the library and the Python module (docs/install.md),
# and the Debian package CPack makes of it: `cpack -G DEB` in the build folder writes
# flowfolio_VERSION-1_ARCH.deb, installing under /usr:
#   bin/flowfolio
#   share/flowfolio/report       the report's chart libraries
#   share/flowfolio/scenarios    the examples, their sweeps and the synthetic history
#   share/flowfolio/notebooks    the analysts' notebooks
#   share/flowfolio/schemas      the JSON Schemas of scenario and sweep files
#   share/man/man1/flowfolio.1   the manual page, made from the program's own help
#   share/bash-completion/completions/flowfolio
#   lib/python3/dist-packages/flowfolio   import flowfolio, when the module is built

install(DIRECTORY scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/flowfolio/scenarios COMPONENT runtime
        FILES_MATCHING PATTERN "*.yaml" PATTERN "*.csv" PATTERN "*.md" PATTERN "*.sh")
install(DIRECTORY notebooks/ DESTINATION ${CMAKE_INSTALL_DATADIR}/flowfolio/notebooks COMPONENT runtime
        FILES_MATCHING PATTERN "*.ipynb" PATTERN "*.md")
install(DIRECTORY schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/flowfolio/schemas COMPONENT runtime
        FILES_MATCHING PATTERN "*.json")
install(FILES packaging/flowfolio.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME flowfolio COMPONENT runtime)

# The Debian package. Its dependencies are what dpkg-shlibdeps finds the program and the
# module linked against; the module's imports are recommended (the program needs none).
set(CPACK_PACKAGE_NAME flowfolio)
set(CPACK_PACKAGE_VENDOR "flowfolio")
set(CPACK_PACKAGE_CONTACT "flowfolio maintainers <flowfolio@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Monte Carlo risk/cost simulator of staffing strategies for communication portfolios")
set(CPACK_PACKAGE_DESCRIPTION
    "flowfolio simulates thousands of futures of every staffing strategy of a communication portfolio,\n\
on the same luck, and reports what each costs, earns and risks and how they compare: a one-page\n\
report, a what-if page, sweeps, sensitivity, a frontier search and calibration from an\n\
organisation's own history. It includes the Python module, the examples and the notebooks.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3, python3-numpy, python3-pandas, bash-completion, xdg-utils")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-matplotlib, jupyter-nbconvert, python3-tqdm")
# Only what a user runs, in one package: not the static library, its headers and CMake files.
set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
include(CPack)
