"""flowfolio.Scenario: a scenario read and checked, from a file, YAML text or a dict."""
import json
import os
import re
from typing import Any, Dict, Iterable, List, Mapping, Optional

from ._errors import Problem
from ._native import core


def _plain(value: Any) -> Any:
    """What json cannot write by itself: numpy's numbers and arrays, mappings, ranges."""
    if type(value).__module__ == "numpy" and hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, range):
        return list(value)
    raise TypeError(f"a setting's value cannot be a {type(value).__name__}")


def _yaml_value(value: Any) -> str:
    """A Python value as YAML text for an override: JSON, which YAML reads as written."""
    return json.dumps(value, allow_nan=False, default=_plain)


_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def _yaml_lines(value: Any, indent: str) -> List[str]:
    """`value` as block YAML, one line per scalar, so a problem's line number points at it."""
    if isinstance(value, Mapping):
        if not value:
            return [indent + "{}"]
        lines = []
        for key, item in value.items():
            name = key if isinstance(key, str) and _PLAIN_KEY.match(key) else json.dumps(str(key))
            if isinstance(item, (Mapping, list, tuple)) and item:
                lines.append(f"{indent}{name}:")
                lines += _yaml_lines(item, indent + "  ")
            else:
                lines.append(f"{indent}{name}: {_yaml_value(item)}")
        return lines
    if isinstance(value, (list, tuple)):
        if not value:
            return [indent + "[]"]
        lines = []
        for item in value:
            inner = _yaml_lines(item, indent + "  ") if isinstance(item, (Mapping, list, tuple)) and item else None
            if inner is None:
                lines.append(f"{indent}- {_yaml_value(item)}")
            else:
                lines.append(f"{indent}- {inner[0].lstrip()}")
                lines += inner[1:]
        return lines
    return [indent + _yaml_value(value)]


def _overrides(settings: Optional[Mapping[str, Any]]) -> List[str]:
    return [f"{path}={_yaml_value(value)}" for path, value in (settings or {}).items()]


class Scenario:
    """A scenario, read and checked: every rule of the model holds, or reading it raised
    :class:`flowfolio.InputError` with every problem at once.

    Make one with :meth:`load` (a file), :meth:`from_yaml` (text) or :meth:`from_dict`;
    change one with :meth:`set`, which returns a new scenario and leaves this one as it is.
    A scenario is immutable and can be run any number of times.
    """

    __slots__ = ("_source",)

    def __init__(self, source):
        """Internal: use :meth:`load`, :meth:`from_yaml` or :meth:`from_dict`."""
        self._source = source

    @classmethod
    def load(cls, path: "os.PathLike | str", set: Optional[Mapping[str, Any]] = None) -> "Scenario":
        """Reads the scenario file ``path`` (its ``extends:`` chain followed) with the settings
        ``set`` applied, as ``flowfolio run FILE --set key.path=value`` applies them::

            Scenario.load("scenarios/seed-default.yaml",
                          set={"activities.pharma_campaign.incident.probability": 0.002})

        A key path walks maps by key and lists of named items by name; a value may be any
        number, string, list or dict (a whole distribution: ``{"pert": [1, 2, 4]}``).
        Raises InputError (every problem, with file, line, column and key path).
        """
        return cls(core.load_source(os.fspath(path), True, "", _overrides(set)))

    @classmethod
    def from_yaml(cls, text: str, set: Optional[Mapping[str, Any]] = None, name: str = "<yaml>") -> "Scenario":
        """Reads a scenario from YAML text; ``name`` stands for the file in messages, and an
        ``extends:`` in it is relative to the working folder. Raises InputError."""
        return cls(core.load_source(name, False, text, _overrides(set)))

    @classmethod
    def from_dict(cls, document: Mapping[str, Any], set: Optional[Mapping[str, Any]] = None) -> "Scenario":
        """Reads a scenario from a dict shaped as the YAML file is (json.load or yaml.safe_load
        of a scenario gives one). Problems name ``<dict>`` and the key path. Raises InputError."""
        return cls.from_yaml("\n".join(_yaml_lines(document, "")) + "\n", set=set, name="<dict>")

    def set(self, path_or_settings: "str | Mapping[str, Any]", value: Any = None) -> "Scenario":
        """A new scenario with ``path`` set to ``value`` (or every ``{path: value}`` of a dict
        set), after the settings this one already has. Raises InputError."""
        settings = (dict(path_or_settings) if isinstance(path_or_settings, Mapping)
                    else {path_or_settings: value})
        s = self._source
        overrides = list(s.overrides) + _overrides(settings)
        return Scenario(core.load_source(s.file, s.from_file, s.text, overrides))

    def to_yaml(self) -> str:
        """The scenario as YAML text that :meth:`from_yaml` reads back to the same scenario:
        the file's own text when nothing was set and it extends nothing, else one document
        with its ``extends:`` chain resolved and the settings applied."""
        return self._source.resolved_text(True)

    @property
    def path(self) -> Optional[str]:
        """The file it was read from, or None for text and dicts."""
        return self._source.file if self._source.from_file else None

    @property
    def name(self) -> str:
        """The file's name without folder and extension (``seed-default``), or ``<yaml>``."""
        return os.path.splitext(os.path.basename(self._source.file))[0] if self.path else self._source.file

    @property
    def settings(self) -> List[str]:
        """The settings applied, as ``key.path=value`` texts, in order."""
        return list(self._source.overrides)

    @property
    def strategies(self) -> List[str]:
        """The strategies' names, in the scenario's order (the first is the baseline)."""
        return list(self._source.facts["strategies"])

    @property
    def facts(self) -> Dict[str, Any]:
        """Title, strategies and their labels, activities, profiles, horizon,
        periods_per_year, currency, seed and trials."""
        return dict(self._source.facts)

    @property
    def warnings(self) -> List[Problem]:
        """What the reader warned about (the scenario is valid all the same)."""
        return [Problem(**p) for p in self._source.warnings]

    def __repr__(self) -> str:
        f = self._source.facts
        where = self.path or self._source.file
        changed = f", {len(self._source.overrides)} settings" if self._source.overrides else ""
        return (f"<flowfolio.Scenario {where}{changed}: {len(f['activities'])} activities, "
                f"{len(f['strategies'])} strategies, horizon {f['horizon']}>")

    def _cli_settings(self) -> List[str]:
        """The --set arguments that make this scenario from its file on the command line."""
        arguments = []
        for o in self._source.overrides:
            arguments += ["--set", o]
        return arguments


def _strategy_pairs(pairs: Optional[Iterable]) -> List[tuple]:
    """Pairs as (strategy, baseline) tuples, from tuples or "a:b" texts."""
    out = []
    for p in pairs or []:
        out.append(tuple(p.split(":", 1)) if isinstance(p, str) else tuple(p))
    return out
