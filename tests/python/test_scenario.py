"""Scenarios from Python: loading, settings, text and dicts, and InputError's problems."""
import subprocess

import numpy as np
import pytest
import yaml

import flowfolio
from conftest import CLI, DEFAULT, TRIALS

PROBABILITY = "activities.pharma_campaign.incident.probability"


def npv_means(scenario, **kwargs):
    r = flowfolio.run(scenario, trials=256, seed=5, progress=False, **kwargs)
    return r.trials.groupby("strategy", observed=True).npv.mean().to_numpy()


def test_load_reads_the_file_and_names_its_strategies(scenario):
    assert scenario.path == str(DEFAULT)
    assert scenario.strategies == ["status_quo", "hire_interns", "train_staff", "jump_in", "mentored_mix"]
    assert scenario.facts["horizon"] == 104 and scenario.facts["currency"] == "USD"
    assert scenario.settings == []


def test_set_returns_a_new_scenario_and_leaves_the_old_one(scenario):
    changed = scenario.set(PROBABILITY, 0.002)
    assert changed.settings == [f"{PROBABILITY}=0.002"] and scenario.settings == []
    assert f"probability: 0.002" in changed.to_yaml()
    # Twice the campaign's incident chance costs every strategy that runs campaigns.
    assert np.all(npv_means(changed) <= npv_means(scenario))
    assert np.any(npv_means(changed) < npv_means(scenario))


def test_load_with_set_equals_set_after_load(scenario):
    loaded = flowfolio.Scenario.load(DEFAULT, set={PROBABILITY: 0.002})
    assert loaded.to_yaml() == scenario.set(PROBABILITY, 0.002).to_yaml()


def test_a_whole_distribution_can_be_set(scenario):
    changed = scenario.set("activities.tweet.value", {"uniform": [1, 9]})
    assert "uniform" in changed.to_yaml()
    # numpy's numbers and arrays are values too, as a sweep over np.linspace gives them.
    with_numpy = scenario.set({PROBABILITY: np.float64(0.002), "activities.tweet.value": {"uniform": np.array([1, 9])}})
    assert with_numpy.settings == [f"{PROBABILITY}=0.002", 'activities.tweet.value={"uniform": [1, 9]}']


def test_to_yaml_without_settings_is_the_file_itself(scenario):
    assert scenario.to_yaml() == DEFAULT.read_text()


def test_from_yaml_of_to_yaml_gives_the_same_results(scenario):
    changed = scenario.set(PROBABILITY, 0.003)
    again = flowfolio.Scenario.from_yaml(changed.to_yaml())
    assert again.path is None
    assert np.array_equal(npv_means(again), npv_means(changed))


def test_from_dict_gives_the_same_results_as_the_file(scenario):
    document = yaml.safe_load(DEFAULT.read_text())
    assert np.array_equal(npv_means(flowfolio.Scenario.from_dict(document)), npv_means(scenario))


def test_every_problem_at_once_with_file_line_column_and_key_path(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = DEFAULT.read_text().replace("probability: 0.001", "probability: 1.5", 1)
    text = text.replace("model:\n", "model:\n  flow_widht: 0.2\n", 1)
    bad.write_text(text)
    with pytest.raises(flowfolio.InputError) as caught:
        flowfolio.Scenario.load(bad)
    problems = caught.value.problems
    assert len(problems) == 2
    assert {p.path for p in problems} == {PROBABILITY, "model.flow_widht"}
    for p in problems:
        # Each points at what is wrong: the value 1.5, the misspelt key.
        assert p.file == str(bad) and p.severity == "error"
        assert text.splitlines()[p.line - 1][p.column - 1:].startswith(("1.5", "flow_widht"))
    # str() is the command line's text: its stderr, less the count line it adds.
    cli = subprocess.run([CLI, "validate", str(bad)], capture_output=True, text=True)
    assert cli.returncode == 2
    assert cli.stderr.splitlines()[: len(problems)] == str(caught.value).splitlines()


def test_a_bad_setting_names_the_setting(scenario):
    with pytest.raises(flowfolio.InputError) as caught:
        scenario.set(PROBABILITY, 2)
    (problem,) = caught.value.problems
    assert problem.path == PROBABILITY and "must be in [0, 1]" in problem.message
    assert f"{PROBABILITY}=2" in problem.file


def test_a_dict_problem_names_the_dict_and_the_key_path():
    document = yaml.safe_load(DEFAULT.read_text())
    document["horizon"] = "long"
    with pytest.raises(flowfolio.InputError) as caught:
        flowfolio.Scenario.from_dict(document)
    (problem,) = caught.value.problems
    assert problem.file == "<dict>" and problem.path == "horizon" and problem.line > 0


def test_input_error_is_a_value_error():
    with pytest.raises(ValueError):
        flowfolio.Scenario.from_yaml("activities: 3\n")


def test_bad_run_arguments_are_input_errors(scenario):
    with pytest.raises(flowfolio.InputError, match="unknown strategy 'nobody'"):
        flowfolio.run(scenario, trials=64, baseline="nobody", progress=False)
    with pytest.raises(flowfolio.InputError, match="compared with itself"):
        flowfolio.run(scenario, trials=64, pairs=["train_staff:train_staff"], progress=False)
    for bad in (dict(trials=0), dict(trials=-5), dict(seed=-1), dict(threads=-2)):
        with pytest.raises(flowfolio.InputError) as caught:
            flowfolio.run(scenario, progress=False, **bad)
        assert caught.value.problems[0].path == next(iter(bad))
