"""flowfolio: a Monte Carlo risk/cost simulator for staffing communication work, from Python.

The same C++ engine as the ``flowfolio`` program, without files in between::

    import flowfolio
    scenario = flowfolio.Scenario.load("scenarios/seed-default.yaml",
                                       set={"activities.pharma_campaign.incident.probability": 0.002})
    results = flowfolio.run(scenario, trials=20000)
    results.trials.groupby("strategy").npv.describe()

Scenarios: :class:`Scenario` (``load``, ``from_yaml``, ``from_dict``, ``set``, ``to_yaml``);
problems raise :class:`InputError` with every :class:`Problem` at once.
Runs: :func:`run` returns :class:`Results` (``summary``, ``statistics``, ``trials``,
``paired``, ``series``, ``manifest``, ``save``, ``report``); :func:`compare`.
Studies: :func:`sensitivity`, :func:`frontier`, :func:`sweep` (and :func:`read_store`),
:func:`trace`. Long calls release the GIL, stop on Ctrl-C and show a progress bar when
tqdm is installed. The guide is docs/python.md.
"""
from ._errors import InputError, Problem
from ._native import core as _core
from ._results import Results, compare, run
from ._scenario import Scenario
from ._studies import Frontier, Sensitivity, frontier, read_store, sensitivity, sweep, trace

_core._set_input_error(InputError)

__version__ = _core.version
#: The model the engine implements (docs/model.md).
MODEL_VERSION = "1.1"
#: The per-trial metrics, in the order of the trials frame's columns.
METRICS = list(_core.metric_names)

__all__ = ["Scenario", "InputError", "Problem", "run", "Results", "compare", "sensitivity",
           "Sensitivity", "frontier", "Frontier", "sweep", "read_store", "trace", "METRICS",
           "MODEL_VERSION", "__version__"]
