"""flowfolio.run and its Results: the summary, every trial as a DataFrame (no copy of
the per-trial columns), the paired comparisons, the series, the result folder and the
report, as the command line writes them."""
import io
import json
import os
import shlex
from functools import cached_property
from typing import Any, Dict, Iterable, List, Optional

from ._errors import InputError, Problem
from ._native import core
from ._progress import Progress
from ._scenario import Scenario, _strategy_pairs


def _command_line(scenario: Scenario, trials: int, seed: int, statistics: str,
                  baseline: Optional[str], pairs: List[tuple]) -> str:
    """The command that makes the same run, recorded in manifest.json."""
    arguments = ["flowfolio", "run", scenario._source.file, "--trials", str(trials), "--seed", str(seed)]
    if statistics != "exact":
        arguments += ["--statistics", statistics]
    if baseline:
        arguments += ["--baseline", baseline]
    for a, b in pairs:
        arguments += ["--pair", f"{a}:{b}"]
    arguments += scenario._cli_settings()
    return " ".join(shlex.quote(a) for a in arguments)


def _at_least(name: str, value: int, lowest: int) -> None:
    if value < lowest:
        message = f"must be at least {lowest}, got {value}"
        raise InputError(f"{name}: {message}", [Problem("", 0, 0, name, message)])


def run(scenario: Scenario, trials: Optional[int] = None, seed: Optional[int] = None,
        threads: Optional[int] = None, statistics: str = "exact", baseline: Optional[str] = None,
        pairs: Optional[Iterable] = None, progress: Optional[bool] = None) -> "Results":
    """Simulates ``trials`` futures of every strategy of ``scenario`` on common random numbers.

    Parameters:
        scenario: a :class:`Scenario`.
        trials: futures per strategy; None: the scenario's ``trials:``.
        seed: the random seed; None: the scenario's ``seed:``. The same scenario, seed and
            trials give the same results, byte for byte, on any number of threads.
        threads: None or 0: every core.
        statistics: ``"exact"`` keeps every trial (``Results.trials``); ``"sketch"`` keeps
            mergeable summaries of bounded memory; ``"auto"`` is exact when it fits.
        baseline: the strategy the others are compared with; None: the first.
        pairs: more comparisons, as ``("strategy", "baseline")`` tuples or ``"a:b"`` texts.
        progress: a progress bar (tqdm, shown once the run has taken a second); None: on a
            terminal or in a notebook, when tqdm is installed; False: never.

    Returns a :class:`Results`. Raises InputError for a bad argument or a run that would
    not fit in memory; KeyboardInterrupt (Ctrl-C, the notebook's stop button) within a
    trial, keeping nothing. The GIL is released while the trials are simulated.
    """
    facts = scenario._source.facts
    trials = int(trials if trials is not None else facts["trials"])
    seed = int(seed if seed is not None else facts["seed"])
    _at_least("trials", trials, 1)
    _at_least("seed", seed, 0)
    _at_least("threads", threads or 0, 0)
    pairs = _strategy_pairs(pairs)
    command = _command_line(scenario, trials, seed, statistics, baseline, pairs)
    with Progress(progress, "flowfolio run", "trials") as bar:
        handle = core.run(scenario._source, trials, seed, threads or 0, statistics, baseline, pairs, command, bar)
    return Results(scenario, handle)


class Results:
    """What :func:`run` returns: every statistic of summary.json, every trial, the paired
    comparisons and the per-period series, ready for pandas, and the result folder and
    the report written exactly as ``flowfolio run`` writes them."""

    def __init__(self, scenario: Scenario, handle):
        """Internal: made by :func:`run`."""
        self.scenario = scenario
        self._handle = handle

    @property
    def strategies(self) -> List[str]:
        """The strategies' names, in the scenario's order."""
        return list(self._handle.strategies)

    @property
    def n_trials(self) -> int:
        """Trials per strategy."""
        return self._handle.trials

    @property
    def seed(self) -> int:
        """The seed the trials were drawn with."""
        return self._handle.seed

    @property
    def baseline(self) -> str:
        """The strategy the others are compared with in ``paired`` and ``summary``."""
        return self.summary["comparisons"][0]["baseline"] if self.summary.get("comparisons") else self.strategies[0]

    @property
    def exact(self) -> bool:
        """True when every trial was kept (statistics "exact", or "auto" when they fit);
        False for mergeable summaries, which have no ``trials`` frame and no report."""
        return not self._handle.summarized

    @cached_property
    def summary(self) -> Dict[str, Any]:
        """summary.json as dicts: every strategy's metrics (mean, sd, se, quantiles with
        their 95% intervals; npv's VaR, CVaR and P(loss)) and the comparisons."""
        return json.loads(self._handle.summary_json())

    @cached_property
    def statistics(self):
        """The summary as a tidy DataFrame: one row per strategy and metric, with mean, sd,
        se, min, max, p5, p25, p50, p75 and p95."""
        import pandas as pd
        rows = []
        for s in self.summary["strategies"]:
            for metric, stats in s["metrics"].items():
                rows.append({"strategy": s["name"], "metric": metric,
                             **{k: v for k, v in stats.items() if isinstance(v, (int, float))}})
        return pd.DataFrame(rows)

    @cached_property
    def trials(self):
        """Every trial as a DataFrame: one row per strategy and trial (the strategies one
        after another), columns ``strategy`` (categorical), ``trial`` and one float column
        per metric. The metric columns are views of the results' own memory, not copies:
        ``frame.npv.to_numpy().base`` leads to this object's table. Needs statistics="exact"."""
        import numpy as np
        import pandas as pd
        table = self._handle.trial_table()  # [metric, row], owned by the results
        frame = pd.DataFrame(table.T, columns=list(core.metric_names), copy=False)
        n = self.n_trials
        names = pd.Categorical.from_codes(np.repeat(np.arange(len(self.strategies)), n), categories=self.strategies)
        frame.insert(0, "trial", np.tile(np.arange(n, dtype=np.int64), len(self.strategies)))
        frame.insert(0, "strategy", names)
        return frame

    def trial_array(self):
        """The trials' metrics as one numpy array of shape (metrics, strategies * trials): the
        memory the ``trials`` frame's metric columns view. Writing into it changes the frame,
        not the results: the summary, ``save`` and ``report`` come from the engine's own."""
        return self._handle.trial_table()

    @cached_property
    def paired(self):
        """The paired comparisons (paired.json) as a DataFrame: one row per comparison and
        metric (npv, incident_loss, catastrophes), with mean difference, se, 95% interval,
        P(higher), P(tie), P(lower), P(beats) and the comparison's sentence."""
        return _paired_frame(json.loads(self._handle.paired_json(None, [])))

    @cached_property
    def series(self):
        """series.csv as a DataFrame: per strategy and period, the cumulative discounted
        cash flow's mean and 5-95 percentiles, the zone shares and the mean money."""
        import numpy as np
        import pandas as pd
        frame = pd.read_csv(io.StringIO(self._handle.series_csv()), dtype={"strategy": str})
        # The names as the scenario has them (the file guards some against spreadsheets),
        # in the scenario's order: the rows run strategy by strategy, period by period.
        periods = len(frame) // len(self.strategies)
        frame["strategy"] = pd.Categorical.from_codes(
            np.repeat(np.arange(len(self.strategies)), periods), categories=self.strategies)
        return frame

    @cached_property
    def manifest(self) -> Dict[str, Any]:
        """How the run was made (manifest.json without its file list): the equivalent
        command line, the scenario's SHA-256, times, seed, trials, threads and settings."""
        return json.loads(self._handle.manifest_json())

    def save(self, path: "os.PathLike | str") -> str:
        """Writes the result folder ``path`` as ``flowfolio run --out PATH`` writes it, byte for
        byte but for manifest.json's times and command line. A folder holding files that
        flowfolio did not write is refused (InputError), never touched. Returns the path."""
        self._handle.save(os.fspath(path))
        return os.fspath(path)

    def report(self, path: "os.PathLike | str", progress: Optional[bool] = None) -> str:
        """Writes the one-page HTML report to the file ``path`` (with its quick study of what
        would change the answer, a few seconds). An existing file is replaced only if it is
        a report flowfolio wrote. Returns the path."""
        with Progress(progress, "what would change the answer", "evaluations") as bar:
            self._handle.report(os.fspath(path), bar)
        return os.fspath(path)

    def __repr__(self) -> str:
        return (f"<flowfolio.Results {self.scenario.name}: {len(self.strategies)} strategies x "
                f"{self.n_trials} trials, seed {self.seed}>")


def _paired_frame(document: Dict[str, Any]):
    import pandas as pd
    rows = []
    for c in document["comparisons"]:
        for metric, stats in c["metrics"].items():
            rows.append({"strategy": c["strategy"], "baseline": c["baseline"], "metric": metric,
                         **stats, "sentence": c["sentence"]})
    return pd.DataFrame(rows)


def compare(what: "Results | Scenario", baseline: Optional[str] = None, pairs: Optional[Iterable] = None,
            **run_arguments):
    """The paired comparisons of ``flowfolio compare``: every strategy against ``baseline``
    (None: the first) and the named ``pairs``, on the same futures, as a DataFrame (one row
    per comparison and metric, with its sentence). ``what`` is a :class:`Results`, or a
    :class:`Scenario` to run first (``run_arguments`` go to :func:`run`)."""
    pairs = _strategy_pairs(pairs)
    if isinstance(what, Scenario):
        what = run(what, baseline=baseline, pairs=pairs, **run_arguments)
    return _paired_frame(json.loads(what._handle.paired_json(baseline, pairs)))
