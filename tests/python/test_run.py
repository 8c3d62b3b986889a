"""flowfolio.run and Results: frames, zero copy, the result folder byte for byte as the
command line writes it, thread identity, the report, and what is refused."""
import json
import subprocess

import numpy as np
import pandas as pd
import pytest

import flowfolio
from conftest import CLI, DEFAULT, TRIALS


def test_trials_frame_has_one_row_per_strategy_and_trial(results, scenario):
    frame = results.trials
    assert frame.shape == (len(scenario.strategies) * TRIALS, 2 + len(flowfolio.METRICS))
    assert list(frame.columns) == ["strategy", "trial", *flowfolio.METRICS]
    assert isinstance(frame.strategy.dtype, pd.CategoricalDtype)
    assert list(frame.strategy.cat.categories) == scenario.strategies
    assert frame.trial.dtype == np.int64
    assert all(frame[m].dtype == np.float64 for m in flowfolio.METRICS)
    first = frame[frame.strategy == "status_quo"]
    assert first.trial.tolist() == list(range(TRIALS))


def test_trials_frame_views_the_results_memory(results):
    table = results.trial_array()
    # The array's memory is the results' own: numpy keeps the results object as its base.
    assert table.base is results._handle and not table.flags.owndata
    for metric in ("npv", "incident_loss", "worst_year"):
        column = results.trials[metric].to_numpy()
        assert np.shares_memory(column, table)


def test_trials_agree_with_the_summary(results):
    npv = results.trials.groupby("strategy", observed=True).npv
    for s in results.summary["strategies"]:
        stats = s["metrics"]["npv"]
        assert npv.mean()[s["name"]] == pytest.approx(stats["mean"], rel=1e-12)
        assert npv.max()[s["name"]] == stats["max"]


def test_paired_series_manifest_and_statistics(results, scenario):
    strategies = len(scenario.strategies)
    assert len(results.paired) == (strategies - 1) * 3
    assert set(results.paired.metric) == {"npv", "incident_loss", "catastrophes"}
    assert (results.paired.baseline == "status_quo").all()
    assert len(results.series) == strategies * scenario.facts["horizon"]
    assert results.series.cumulative_discounted_p5.le(results.series.cumulative_discounted_p95).all()
    assert results.manifest["seed"] == 11 and results.manifest["trials"] == TRIALS
    assert results.manifest["scenario_file"] == str(DEFAULT)
    stats = results.statistics.set_index(["strategy", "metric"])
    assert stats.loc[("train_staff", "npv"), "mean"] == results.summary["strategies"][2]["metrics"]["npv"]["mean"]


def test_compare_against_another_baseline(results):
    paired = flowfolio.compare(results, baseline="train_staff", pairs=["mentored_mix:hire_interns"])
    assert set(paired.baseline) == {"train_staff", "hire_interns"}
    npv = paired[(paired.metric == "npv") & (paired.baseline == "train_staff")].set_index("strategy")
    by_trial = results.trials.pivot(index="trial", columns="strategy", values="npv")
    assert npv.loc["mentored_mix", "mean"] == pytest.approx(
        (by_trial.mentored_mix - by_trial.train_staff).mean(), rel=1e-9)


def read_folder(folder):
    """The folder's files; its marker (.flowfolio.json, which records when it was written)
    is checked to be there and left out."""
    assert (folder / ".flowfolio.json").is_file()
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != ".flowfolio.json"}


def test_a_saved_folder_is_the_command_lines_byte_for_byte(results, tmp_path):
    results.save(tmp_path / "py")
    subprocess.run([CLI, "run", str(DEFAULT), "--trials", str(TRIALS), "--seed", "11", "--out",
                    str(tmp_path / "cli"), "--quiet"], check=True)
    ours, theirs = read_folder(tmp_path / "py"), read_folder(tmp_path / "cli")
    assert sorted(ours) == sorted(theirs)
    for name in ours:
        if name != "manifest.json":
            assert ours[name] == theirs[name], name
    # The manifest differs only in how and when the run was made.
    mine, cli = json.loads(ours["manifest.json"]), json.loads(theirs["manifest.json"])
    for key in ("command_line", "start_time", "end_time", "threads"):
        mine.pop(key), cli.pop(key)
    assert mine == cli


def test_results_are_the_same_bytes_on_any_number_of_threads(scenario, tmp_path):
    runs = {n: flowfolio.run(scenario, trials=700, seed=3, threads=n, progress=False) for n in (1, 2, 7)}
    for n, r in runs.items():
        r.save(tmp_path / f"t{n}")
    base = read_folder(tmp_path / "t1")
    for n in (2, 7):
        other = read_folder(tmp_path / f"t{n}")
        assert sorted(other) == sorted(base)
        assert all(base[k] == other[k] for k in base if k != "manifest.json")
        assert np.array_equal(runs[1].trial_array(), runs[n].trial_array())


def test_save_never_touches_a_folder_of_the_users(results, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes")
    with pytest.raises(flowfolio.InputError):
        results.save(folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text() == "my notes"


def test_the_report_is_written_and_replaced_only_when_ours(scenario, tmp_path):
    # Without the quick study of what would change the answer: seconds saved.
    quick = flowfolio.Scenario.from_yaml(scenario.to_yaml() + "report: {what_if_trials: 0}\n")
    r = flowfolio.run(quick, trials=256, seed=2, progress=False)
    page = tmp_path / "report.html"
    r.report(page, progress=False)
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "Recommended" in html
    r.report(page, progress=False)  # a report of ours is replaced
    other = tmp_path / "mine.html"
    other.write_text("<html>mine</html>")
    with pytest.raises(flowfolio.InputError):
        r.report(other, progress=False)
    assert other.read_text() == "<html>mine</html>"


def test_sketch_statistics_keep_summaries_not_trials(scenario, tmp_path):
    r = flowfolio.run(scenario, trials=512, seed=1, statistics="sketch", progress=False)
    exact = flowfolio.run(scenario, trials=512, seed=1, progress=False)
    assert not r.exact and exact.exact
    # Moments are exact up to rounding in the summaries (summaries.hpp).
    assert r.summary["strategies"][0]["metrics"]["npv"]["mean"] == pytest.approx(
        exact.summary["strategies"][0]["metrics"]["npv"]["mean"], rel=1e-9)
    with pytest.raises(flowfolio.InputError, match="summaries"):
        r.trials
    with pytest.raises(flowfolio.InputError, match="every trial"):
        r.report(tmp_path / "never.html")
    assert not (tmp_path / "never.html").exists()
    with pytest.raises(flowfolio.InputError):
        flowfolio.run(scenario, trials=64, statistics="approximate", progress=False)


def test_the_progress_callback_sees_the_run_through(scenario, monkeypatch):
    seen = []
    from flowfolio import _results

    class Recorder:
        def __init__(self, *args):
            pass

        def __call__(self, done, total):
            seen.append((done, total))

        def __enter__(self):
            return self

        def __exit__(self, *args):
            pass

    monkeypatch.setattr(_results, "Progress", Recorder)
    flowfolio.run(scenario, trials=9000, seed=1)
    assert seen and seen[-1] == (9000, 9000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_series_names_strategies_as_the_scenario_does(scenario):
    # A name the CSV guards against spreadsheets ('=...' is written "'=...") comes back as
    # the scenario has it, and the strategies keep the scenario's order.
    text = (scenario.to_yaml().replace("- name: hire_interns", '- name: "=hire"')
            .replace("[train_staff, hire_interns]", '[train_staff, "=hire"]')
            .replace("strategies.hire_interns.", "strategies.=hire."))
    r = flowfolio.run(flowfolio.Scenario.from_yaml(text), trials=64, progress=False)
    assert "=hire" in r.strategies
    assert list(r.series.strategy.cat.categories) == r.strategies
    assert list(r.series.strategy.unique()) == r.strategies
    assert r.baseline == "status_quo" and set(r.paired.strategy) == set(r.strategies) - {"status_quo"}
