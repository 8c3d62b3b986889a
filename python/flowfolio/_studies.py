"""flowfolio.sensitivity, frontier, sweep and trace: the command line's studies, each as
DataFrames and plain dicts, and a sweep store read back into frames."""
import json
import os
import shlex
import sqlite3
import tempfile
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence

from ._native import core
from ._progress import Progress
from ._scenario import Scenario, _yaml_lines


def _study_command(kind: str, scenario: Scenario, seed: int, extra: Sequence[str]) -> str:
    arguments = ["flowfolio", kind, scenario._source.file, "--seed", str(seed), *extra, *scenario._cli_settings()]
    return " ".join(shlex.quote(a) for a in arguments)


def _seed(scenario: Scenario, seed: Optional[int]) -> int:
    return int(seed if seed is not None else scenario._source.facts["seed"])


@dataclass
class Sensitivity:
    """What :func:`sensitivity` returns: ``tornado`` (one row per output and input, ranked by
    swing), ``indices`` (Sobol first and total indices per output and input, with standard
    errors and 95% intervals), ``inputs``, the whole ``document`` (sensitivity.json) and the
    ``table`` the command line prints."""

    tornado: Any
    indices: Any
    inputs: Any
    document: Dict[str, Any]
    table: str

    def __repr__(self) -> str:
        return self.table


@dataclass
class Frontier:
    """What :func:`frontier` returns: ``points`` (every strategy at every candidate mix, its
    decisions as columns), ``best`` and ``current`` (dicts of the search's estimates; None
    when nothing is feasible), the ``recommendation`` sentence, the whole ``document``
    (frontier.json), ``table``, and ``confirmations`` (one row per confirmation run: its
    verdict, the search's and the confirmation's mean npv and risk, P(ceilings hold), the
    paired gain over the mix as written; docs/frontier.md)."""

    points: Any
    best: Optional[Dict[str, Any]]
    current: Optional[Dict[str, Any]]
    recommendation: str
    document: Dict[str, Any]
    table: str
    confirmations: Any = None

    def __repr__(self) -> str:
        return self.table


def sensitivity(scenario: Scenario, seed: Optional[int] = None, threads: Optional[int] = None,
                method: str = "both", strategy: Optional[str] = None, store: Optional[str] = None,
                progress: Optional[bool] = None) -> Sensitivity:
    """The tornado and Sobol indices of ``flowfolio sensitivity`` (docs/sensitivity.md): how
    much each uncertain input of the scenario's ``sensitivity:`` block (or the default set)
    moves npv and the paired differences. ``method`` is ``"tornado"``, ``"sobol"`` or
    ``"both"``; ``strategy`` limits it to one strategy; ``store`` also records its rows in a
    SQLite results store. Returns a :class:`Sensitivity`. Interrupt with Ctrl-C."""
    import pandas as pd
    seed = _seed(scenario, seed)
    extra = [] if method == "both" else ["--method", method]
    with Progress(progress, "flowfolio sensitivity", "evaluations") as bar:
        out = core.study(scenario._source, "sensitivity", seed, threads or 0, strategy, method,
                         os.fspath(store) if store else "", _study_command("sensitivity", scenario, seed, extra), bar)
    doc = json.loads(out["json"])
    tornado, indices = [], []
    for o in doc["outputs"]:
        key = {"output": o["label"], "kind": o["kind"], "strategy": o["strategy"], "versus": o.get("versus"),
               "base": o["base"], "base_se": o["base_se"]}
        tornado += [{**key, "rank": r + 1, **entry} for r, entry in enumerate(o.get("tornado", []))]
        for i in (o.get("sobol") or {}).get("indices", []):
            row = {**key, **{k: v for k, v in i.items() if not k.endswith("_ci95")}}
            row["first_lo"], row["first_hi"] = i["first_ci95"]
            row["total_lo"], row["total_hi"] = i["total_ci95"]
            indices.append(row)
    inputs = pd.DataFrame([{**i, "paths": ";".join(i["paths"])} for i in doc["inputs"]])
    return Sensitivity(pd.DataFrame(tornado), pd.DataFrame(indices), inputs, doc, out["table"])


def frontier(scenario: Scenario, seed: Optional[int] = None, threads: Optional[int] = None,
             strategy: Optional[str] = None, store: Optional[str] = None,
             progress: Optional[bool] = None) -> Frontier:
    """The risk/return frontier of ``flowfolio frontier`` (docs/frontier.md): the activity
    mix of the scenario's ``optimize:`` block searched for the best mean npv under its risk
    ceiling. Returns a :class:`Frontier`. Interrupt with Ctrl-C."""
    import pandas as pd
    seed = _seed(scenario, seed)
    with Progress(progress, "flowfolio frontier", "candidates") as bar:
        out = core.study(scenario._source, "frontier", seed, threads or 0, strategy, "both",
                         os.fspath(store) if store else "", _study_command("frontier", scenario, seed, []), bar)
    doc = json.loads(out["json"])
    names = [d["name"] for d in doc["decisions"]]
    rows = []
    for p in doc["points"]:
        decision = p["decision"] or [None] * len(names)
        rows.append({**{k: v for k, v in p.items() if k != "decision"}, **dict(zip(names, decision))})
    runs = (doc.get("confirmation") or {}).get("runs", [])
    confirmed = (doc.get("confirmation") or {}).get("confirmed")
    tried = pd.DataFrame([{
        "strategy": r["confirmation_estimate"]["strategy"], "candidate": r["confirmation_estimate"]["candidate"],
        "verdict": r["verdict"], "recommended": k == confirmed, "seed": r["seed"], "trials": r["trials"],
        "search_mean_npv": r["search_estimate"]["mean_npv"], "search_risk": r["search_estimate"]["risk"],
        "mean_npv": r["confirmation_estimate"]["mean_npv"], "mean_npv_se": r["confirmation_estimate"]["mean_npv_se"],
        "risk": r["confirmation_estimate"]["risk"], "cvar95_lo95": r["confirmation_estimate"]["cvar95_lo95"],
        "cvar95_hi95": r["confirmation_estimate"]["cvar95_hi95"], "p_meets": r["confirmation_estimate"]["p_meets"],
        "gain_mean": r["gain_over_current"]["mean"], "gain_lo95": r["gain_over_current"]["lo95"],
        "gain_hi95": r["gain_over_current"]["hi95"]} for k, r in enumerate(runs)])
    return Frontier(pd.DataFrame(rows), doc.get("best"), doc.get("current_of_best_strategy"),
                    doc["recommendation"], doc, out["table"], tried)


def trace(scenario: Scenario, trial: int = 0, strategy: Optional[str] = None, seed: Optional[int] = None):
    """Trial ``trial`` of every strategy (or of ``strategy``), period by period, exactly as
    that trial runs inside a full run with the same seed (``flowfolio run --trial N
    --trace``). Returns ``(periods, people)``: two DataFrames, one row per strategy and
    period, and one per strategy, period and active person. The trial's metrics are in
    ``periods.attrs["metrics"]``."""
    import pandas as pd
    out = core.trace(scenario._source, int(trial), _seed(scenario, seed), strategy)
    periods, people = pd.DataFrame(out["periods"]), pd.DataFrame(out["people"])
    for frame in (periods, people):
        frame["strategy"] = frame["strategy"].astype("category")
    periods.attrs["metrics"] = out["metrics"]
    return periods, people


def _base_file(scenario: Scenario, folder: str) -> str:
    """A file the sweep can name as its base: the scenario's own when nothing is set, else
    its resolved document written into the sweep's own temporary folder."""
    if scenario.path and not scenario.settings:
        return os.path.abspath(scenario.path)
    path = os.path.join(folder, "base.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(scenario.to_yaml())
    return path


def sweep(scenario: Scenario, grid: Optional[Mapping[str, Any]] = None,
          variants: Optional[Mapping[str, Mapping[str, Any]]] = None, trials: Optional[int] = None,
          seed: Optional[int] = None, threads: Optional[int] = None, store: Optional[str] = None,
          progress: Optional[bool] = None, baseline: Optional[str] = None,
          pairs: Optional[Sequence[Sequence[str]]] = None):
    """Many variants of ``scenario`` on one seed (``flowfolio sweep``, docs/sweeps.md):
    ``grid`` maps key paths to value lists or to ``{"values" | "scale": list or range}``
    (every combination), or ``variants`` maps names to ``{key.path: value}`` settings;
    ``baseline`` and ``pairs`` name the pairs recorded, as in a sweep file. Every variant runs every strategy on common random
    numbers. ``store`` keeps the results in a SQLite store (created when missing; a variant
    already complete there is not run again); None: a temporary one.

    Returns the tidy results: one row per variant, strategy and metric (mean, sd, se,
    quantiles; npv's var95, cvar95 and p_loss), each parameter in its own typed column,
    in the variants' order. ``read_store(store)`` gives the paired table too."""
    if (grid is None) == (variants is None):
        raise ValueError("sweep: give a grid or variants, not both or neither")
    with tempfile.TemporaryDirectory(prefix="flowfolio-sweep-") as folder:
        document: Dict[str, Any] = {"base": _base_file(scenario, folder)}
        if trials is not None:
            document["trials"] = int(trials)
        if seed is not None:
            document["seed"] = int(seed)
        if baseline is not None:
            document["baseline"] = str(baseline)
        if pairs is not None:
            document["pairs"] = [[str(a), str(b)] for a, b in pairs]
        if grid is not None:
            document["grid"] = {k: dict(v) if isinstance(v, Mapping) else list(v) for k, v in grid.items()}
        else:
            document["variants"] = [{"name": n, "set": dict(s)} if s else {"name": n} for n, s in variants.items()]
        sweep_file = os.path.join(folder, "sweep.yaml")
        with open(sweep_file, "w", encoding="utf-8") as f:
            f.write("\n".join(_yaml_lines(document, "")) + "\n")
        target = os.fspath(store) if store else os.path.join(folder, "store.sqlite")
        command = " ".join(shlex.quote(a) for a in ["flowfolio", "sweep", sweep_file, "--store", target])
        with Progress(progress, "flowfolio sweep", "variants") as bar:
            run_id, _, _ = core.sweep(sweep_file, target, threads or 0, command, bar)
        return read_store(target, run_id)["results"]


def _typed(text: str) -> Any:
    """A parameter's value as the store keeps it (YAML text), as a number where it is one."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def read_store(store: str, run_id: Optional[str] = None) -> Dict[str, Any]:
    """A sweep store's tables as DataFrames: ``results`` and ``paired`` (each with the
    variant's point on every axis as a typed column, in the sweep's order, named in the
    frame's ``attrs["parameters"]``, and the variants in the order of the axes), ``runs``,
    and the decision: ``break_even``, ``break_even_curve`` and ``robustness`` (empty when
    the sweep asked for none). With ``run_id``, that sweep's rows only; else every
    sweep's (a ``run_id`` column tells them apart). A store written before axes were
    recorded gives each key path its column instead."""
    import pandas as pd
    tables = ("runs", "variants", "parameters", "axes", "axis_values", "results", "paired", "break_even",
              "break_even_curve", "robustness")
    with sqlite3.connect(f"file:{os.fspath(store)}?mode=ro", uri=True) as db:
        present = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        where, arguments = ("WHERE run_id = ?", (run_id,)) if run_id else ("", ())
        frames = {t: pd.read_sql_query(f"SELECT * FROM {t} {where}", db, params=arguments) if t in present
                  else pd.DataFrame() for t in tables}
        if "axis_values" in present:  # each value its own type: read_sql_query would make a column's ints floats
            cursor = db.execute(f"SELECT run_id, variant, axis, value FROM axis_values {where}", arguments)
            frames["axis_values"] = pd.DataFrame(cursor.fetchall(), columns=["run_id", "variant", "axis", "value"],
                                                 dtype=object)
    points, names = _axis_points(frames)
    wide = (points.pivot(index=["run_id", "variant"], columns="axis", values="value")
            .reindex(columns=names).infer_objects().reset_index()
            if len(points) else frames["variants"][["run_id", "variant"]])
    order = frames["variants"][["run_id", "variant", "position"]]
    out = {t: frames[t] for t in ("runs", "break_even", "break_even_curve", "robustness")}
    for table in ("results", "paired"):
        merged = frames[table].merge(order, on=["run_id", "variant"], how="left")
        merged = merged.merge(wide, on=["run_id", "variant"], how="left")
        merged = merged.sort_values(["run_id", "position"], kind="stable").drop(columns="position")
        out[table] = merged.reset_index(drop=True)
        out[table].attrs["parameters"] = names
    return out


def _axis_points(frames: Dict[str, Any]):
    """Every variant's point on each axis, long (run_id, variant, axis, value), and the
    axes' names in the sweep's order: the store's typed axis values, or for a sweep
    recorded before them, its parameters' text read as numbers where they are ones."""
    import pandas as pd
    axes, values, parameters = frames["axes"], frames["axis_values"], frames["parameters"]
    recorded = set(axes["run_id"]) if len(axes) else set()
    legacy = parameters[~parameters["run_id"].isin(recorded)] if len(parameters) else parameters
    long = []
    if len(values):
        long.append(values[["run_id", "variant", "axis", "value"]])
    if len(legacy):
        typed = pd.Series([_typed(v) for v in legacy["value"]], index=legacy.index, dtype=object)
        long.append(legacy.assign(value=typed).rename(columns={"key_path": "axis"})[["run_id", "variant", "axis", "value"]])
    names = list(dict.fromkeys((list(axes.sort_values(["run_id", "position"], kind="stable")["axis"]) if len(axes) else [])
                               + (list(legacy["key_path"]) if len(legacy) else [])))
    points = pd.concat(long, ignore_index=True).astype({"value": object}) if long else pd.DataFrame()
    return points, names
