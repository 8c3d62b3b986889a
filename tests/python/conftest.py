"""Shared by the Python module's tests (run by ctest as `python`): where the sources and
the command-line program are, and small runs of the default scenario."""
import os
import pathlib

import pytest

import flowfolio

SOURCE = pathlib.Path(os.environ.get("FLOWFOLIO_SOURCE", pathlib.Path(__file__).resolve().parents[2]))
DEFAULT = SOURCE / "scenarios" / "seed-default.yaml"
# The command-line program of the same build, for the byte-identity tests.
CLI = os.environ.get("FLOWFOLIO_CLI", str(SOURCE / "build" / "flowfolio"))
# Small enough to be quick, large enough that every strategy has incidents; a multiple
# of 64 trials plus a remainder, so the last block is a partial one.
TRIALS = 1000


@pytest.fixture(scope="session")
def scenario():
    # The report's quick study is left out where a test writes a report: it is tested on
    # its own in C++ (decision_test) and costs seconds.
    return flowfolio.Scenario.load(DEFAULT)


@pytest.fixture(scope="session")
def results(scenario):
    return flowfolio.run(scenario, trials=TRIALS, seed=11, progress=False)
