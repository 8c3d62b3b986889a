#!/usr/bin/env python3
"""The JSON Schemas of scenario and sweep files (docs/editors.md), checked with a real
validator (Debian's python3-jsonschema): the shipped copies are what `flowfolio schema`
writes; they are valid draft 2020-12 schemas; every shipped scenario and sweep points an
editor at them and passes them; typical mistakes the reader refuses are refused by the
schema too, and a file that extends another needs only what differs.

Usage: schema_test.py FLOWFOLIO SOURCE_DIR
"""
import copy
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1, where 1e6 is text; flowfolio reads YAML 1.2, where it is a number."""


Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"),
    list("-+0123456789."))


def load(path):
    return yaml.load(pathlib.Path(path).read_text(), Loader=Yaml12Loader)


def main():
    flowfolio, source = sys.argv[1], pathlib.Path(sys.argv[2])
    problems = []
    schemas = {}
    for kind, args in (("scenario", []), ("sweep", ["--sweep"])):
        written = subprocess.run([flowfolio, "schema", *args], check=True, capture_output=True, text=True).stdout
        shipped = (source / "schemas" / f"{kind}.schema.json").read_text()
        if written != shipped:
            problems.append(f"schemas/{kind}.schema.json is not what `flowfolio schema {' '.join(args)}` writes")
        schema = json.loads(written)
        jsonschema.Draft202012Validator.check_schema(schema)
        schemas[kind] = jsonschema.Draft202012Validator(schema)

    def errors(kind, document):
        return sorted(e.message for e in schemas[kind].iter_errors(document))

    # Every shipped file names its schema on its first line, and passes it.
    shipped = [(p, "scenario") for p in sorted((source / "scenarios").glob("*.yaml"))]
    shipped += [(p, "sweep") for p in sorted((source / "scenarios" / "sweeps").glob("*.yaml"))]
    for path, kind in shipped:
        first = path.read_text().splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        if not match or (path.parent / match.group(1)).resolve() != (source / "schemas" / f"{kind}.schema.json"):
            problems.append(f"{path.name}: its first line does not point at schemas/{kind}.schema.json: {first}")
        for e in errors(kind, load(path)):
            problems.append(f"{path.name}: {e}")

    # Mistakes: each refused by the schema and by the reader.
    base = load(source / "scenarios" / "seed-default.yaml")
    pharma = base["activities"][0]

    def mistake(change):
        document = copy.deepcopy(base)
        change(document)
        return document

    mistakes = {
        "a typo in a key": mistake(lambda d: d["activities"][0].update({"hours_per_unt": 6})),
        "a probability above 1": mistake(lambda d: d["activities"][0]["incident"].update({"probability": 1.5})),
        "text where a whole number goes": mistake(lambda d: d.update({"horizon": "ten"})),
        "a fractional horizon": mistake(lambda d: d.update({"horizon": 10.5})),
        "a required key missing": mistake(lambda d: d.pop("profiles")),
        "a negative value of a unit": mistake(lambda d: d["activities"][1].update({"value": -5})),
        "two families in one distribution": mistake(
            lambda d: d["activities"][0].update({"cost": {"pert": [1, 2, 3], "uniform": [1, 2]}})),
        "an unknown assignment policy": mistake(lambda d: d["strategies"][0].update({"assign": {"policy": "fluid"}})),
        "a normal loss with no clip": mistake(
            lambda d: d["activities"][0]["incident"].update({"severity": {"normal": {"mean": 5, "sd": 1}}})),
        "a skill above 1": mistake(lambda d: d["profiles"][0].update({"online": 1.2})),
    }
    assert pharma["name"] == "pharma_campaign"
    with tempfile.TemporaryDirectory() as work:
        for what, document in mistakes.items():
            if not errors("scenario", document):
                problems.append(f"the schema takes {what}")
            path = pathlib.Path(work) / "mistake.yaml"
            path.write_text(json.dumps(document))  # JSON is YAML
            reader = subprocess.run([flowfolio, "validate", str(path)], capture_output=True, text=True)
            if reader.returncode != 2:
                problems.append(f"the reader takes {what} (status {reader.returncode})")

    # Sweep mistakes, each refused by the sweep schema and by the sweep command before it runs.
    sweep = load(source / "scenarios" / "sweeps" / "interns-or-training.yaml")

    def sweep_mistake(change):
        document = copy.deepcopy(sweep)
        document["base"] = str(source / "scenarios" / "seed-default.yaml")
        change(document)
        return document

    sweep_mistakes = {
        "an axis with both values and scale": sweep_mistake(lambda d: d["grid"][1].update({"values": [1]})),
        "a range of one step": sweep_mistake(lambda d: d["grid"][0]["scale"].update({"steps": 1})),
        "a break-even pair of one name": sweep_mistake(lambda d: d["break_even"].update({"pair": ["train_staff"]})),
        "a typo in the break-even": sweep_mistake(lambda d: d["break_even"].update({"axes": "x"})),
    }
    with tempfile.TemporaryDirectory() as work:
        for what, document in sweep_mistakes.items():
            if not errors("sweep", document):
                problems.append(f"the sweep schema takes {what}")
            path = pathlib.Path(work) / "mistake.yaml"
            path.write_text(json.dumps(document))
            reader = subprocess.run([flowfolio, "sweep", str(path), "--out", str(pathlib.Path(work) / "out")],
                                    capture_output=True, text=True)
            if reader.returncode != 2:
                problems.append(f"the sweep command takes {what} (status {reader.returncode})")
    mistakes.update(sweep_mistakes)

    # A file that extends another gives only what differs.
    extending = {"extends": "seed-default.yaml", "name": "riskier",
                 "activities": [{"name": "pharma_campaign", "incident": {"probability": 0.004}}]}
    for e in errors("scenario", extending):
        problems.append(f"an extending file: {e}")
    if not errors("scenario", {**extending, "activities": [{"name": "pharma_campaign", "incident": {"probability": 2}}]}):
        problems.append("an extending file's values are not checked")

    for p in problems:
        print("schema test:", p, file=sys.stderr)
    print(f"schema test: {len(shipped)} shipped files and {len(mistakes)} mistakes checked against both schemas")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
