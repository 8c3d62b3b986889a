"""Sensitivity, frontier, sweep and trace from Python, on small designs of the default
scenario, checked against the run they describe."""
import sqlite3

import numpy as np
import pandas as pd
import pytest

import flowfolio

PROBABILITY = "activities.pharma_campaign.incident.probability"


@pytest.fixture(scope="module")
def small(scenario):
    return scenario.set({"sensitivity.trials": 64, "sensitivity.samples": 16,
                         "optimize.trials": 64, "optimize.candidates": 4,
                         "optimize.confirm_trials": 512, "optimize.confirm_max_trials": 1024})


def test_a_traced_trial_is_that_trial_of_a_full_run(scenario):
    periods, people = flowfolio.trace(scenario, trial=3, strategy="mentored_mix", seed=11)
    assert len(periods) == scenario.facts["horizon"] and set(periods.strategy) == {"mentored_mix"}
    assert set(people.profile) <= set(scenario.facts["profiles"])
    full = flowfolio.run(scenario, trials=64, seed=11, progress=False).trials
    row = full[(full.strategy == "mentored_mix") & (full.trial == 3)].iloc[0]
    metrics = periods.attrs["metrics"]["mentored_mix"]
    assert metrics["npv"] == row.npv and metrics["incidents"] == row.incidents
    assert periods.incidents.sum() == row.incidents
    assert periods.cumulative_discounted.iloc[-1] == pytest.approx(row.npv, rel=1e-9)


def test_trace_of_every_strategy(scenario):
    periods, _ = flowfolio.trace(scenario, trial=0)
    assert list(periods.strategy.unique()) == scenario.strategies


def test_sensitivity_tornado_and_indices(small):
    tornado = flowfolio.sensitivity(small, method="tornado", progress=False)
    assert len(tornado.inputs) == len(tornado.document["inputs"]) > 0
    assert tornado.indices.empty and not tornado.tornado.empty
    for _, bars in tornado.tornado.groupby("output"):  # ranked by |swing| within an output
        assert bars["rank"].tolist() == list(range(1, len(bars) + 1))
        assert (bars.swing.abs().diff().dropna() <= 0).all()
    both = flowfolio.sensitivity(small, progress=False)
    assert {"first", "total", "first_lo", "total_hi"} <= set(both.indices.columns)
    # The frames leave the document whole: it is sensitivity.json as the program writes it.
    first = both.document["outputs"][0]["sobol"]["indices"][0]
    assert "first_ci95" in first and "total_ci95" in first
    assert both.table.strip()


def test_frontier_points_and_best(small):
    result = flowfolio.frontier(small, progress=False)
    # The confirmation runs, one row each; at most one recommended, and it met the ceilings.
    tried = result.confirmations
    assert len(tried) == len(result.document["confirmation"]["runs"]) >= 1
    assert tried.recommended.sum() <= 1
    assert (tried[tried.recommended].verdict == "meets").all()
    assert (tried.trials >= 512).all() and {"p_meets", "gain_mean", "search_mean_npv"} <= set(tried.columns)
    decisions = [d["name"] for d in result.document["decisions"]]
    assert set(decisions) <= set(result.points.columns)
    assert result.points.feasible.dtype == bool
    if result.best is not None:
        best = result.points[(result.points.strategy == result.best["strategy"])
                             & (result.points.candidate == result.best["candidate"])].iloc[0]
        assert best.mean_npv == result.best["mean_npv"] and best.feasible
        assert result.points[result.points.feasible].mean_npv.max() == result.best["mean_npv"]
    assert result.recommendation
    assert all("decision" in p for p in result.document["points"])


def test_a_grid_sweep_gives_typed_parameters_in_the_grids_order(scenario, tmp_path):
    store = tmp_path / "store.sqlite"
    frame = flowfolio.sweep(scenario, grid={PROBABILITY: [0.002, 0.0005]}, trials=128, seed=4,
                            store=store, progress=False)
    assert frame[PROBABILITY].dtype == np.float64
    assert frame[PROBABILITY].drop_duplicates().tolist() == [0.002, 0.0005]
    npv = frame[frame.metric == "npv"].set_index([PROBABILITY, "strategy"])["mean"]
    # A variant is the run of the scenario with its setting, on the sweep's seed.
    alone = flowfolio.run(scenario.set(PROBABILITY, 0.0005), trials=128, seed=4, progress=False)
    assert npv[(0.0005, "train_staff")] == pytest.approx(
        alone.summary["strategies"][2]["metrics"]["npv"]["mean"], rel=1e-12)
    tables = flowfolio.read_store(store)
    assert len(tables["runs"]) == 1 and not tables["paired"].empty
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM variants").fetchone()[0] == 2


def test_parameters_keep_the_sweeps_order_and_their_types(scenario):
    hours = "strategies.train_staff.train.0.hours_per_period"
    frame = flowfolio.sweep(scenario, grid={PROBABILITY: [0.001], hours: [1, 3]}, trials=64, progress=False)
    assert frame.attrs["parameters"] == [PROBABILITY, hours]
    assert list(frame.columns[-2:]) == [PROBABILITY, hours]  # not the alphabet's order
    assert frame[hours].dtype == np.int64 and frame[PROBABILITY].dtype == np.float64


def test_named_variants_and_a_store_that_is_not_ours(scenario, tmp_path):
    frame = flowfolio.sweep(scenario, variants={"as_written": {}, "riskier": {PROBABILITY: 0.004}},
                            trials=64, progress=False)
    assert frame.variant.drop_duplicates().tolist() == ["as_written", "riskier"]
    mine = tmp_path / "mine.sqlite"
    mine.write_bytes(b"not a store")
    with pytest.raises(flowfolio.InputError):
        flowfolio.sweep(scenario, grid={PROBABILITY: [0.001]}, trials=64, store=mine, progress=False)
    assert mine.read_bytes() == b"not a store"
    with pytest.raises(ValueError):
        flowfolio.sweep(scenario, trials=64)


def test_a_scale_axis_and_a_baseline(scenario):
    frame = flowfolio.sweep(scenario, grid={PROBABILITY: {"scale": [2, 0.5]}}, trials=64, baseline="hire_interns",
                            progress=False, store=None)
    # The multiplier, as a number, in the file's order (2 before 0.5: the axes' order, not the alphabet's).
    assert frame[PROBABILITY].dtype == np.float64
    assert frame[PROBABILITY].drop_duplicates().tolist() == [2.0, 0.5]


def test_read_store_gives_the_pairs_against_the_baseline(scenario, tmp_path):
    store = tmp_path / "store.sqlite"
    flowfolio.sweep(scenario, grid={PROBABILITY: [0.001]}, trials=64, baseline="hire_interns",
                    pairs=[["train_staff", "status_quo"]], store=store, progress=False)
    paired = flowfolio.read_store(store)["paired"]
    npv = paired[paired.metric == "npv"]
    assert set(npv.baseline) == {"hire_interns", "status_quo"}
    assert len(npv[npv.baseline == "hire_interns"]) == 4  # every other strategy against the baseline
    assert npv[PROBABILITY].tolist() == [0.001] * 5
