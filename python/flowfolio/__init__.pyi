# Type stubs of the flowfolio package, for editors and type checkers (docs/python.md).
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

__version__: str
MODEL_VERSION: str
METRICS: List[str]

_Path = Union[str, os.PathLike]
_Pairs = Optional[Iterable[Union[str, Tuple[str, str]]]]

@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    path: str
    message: str
    severity: str = ...

class InputError(ValueError):
    problems: List[Problem]
    def __init__(self, message: str, problems: list) -> None: ...

class Scenario:
    @classmethod
    def load(cls, path: _Path, set: Optional[Mapping[str, Any]] = ...) -> Scenario: ...
    @classmethod
    def from_yaml(cls, text: str, set: Optional[Mapping[str, Any]] = ..., name: str = ...) -> Scenario: ...
    @classmethod
    def from_dict(cls, document: Mapping[str, Any], set: Optional[Mapping[str, Any]] = ...) -> Scenario: ...
    def set(self, path_or_settings: Union[str, Mapping[str, Any]], value: Any = ...) -> Scenario: ...
    def to_yaml(self) -> str: ...
    @property
    def path(self) -> Optional[str]: ...
    @property
    def name(self) -> str: ...
    @property
    def settings(self) -> List[str]: ...
    @property
    def strategies(self) -> List[str]: ...
    @property
    def facts(self) -> Dict[str, Any]: ...
    @property
    def warnings(self) -> List[Problem]: ...

class Results:
    scenario: Scenario
    @property
    def strategies(self) -> List[str]: ...
    @property
    def n_trials(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def baseline(self) -> str: ...
    @property
    def exact(self) -> bool: ...
    @property
    def summary(self) -> Dict[str, Any]: ...
    @property
    def statistics(self) -> pd.DataFrame: ...
    @property
    def trials(self) -> pd.DataFrame: ...
    def trial_array(self) -> np.ndarray: ...
    @property
    def paired(self) -> pd.DataFrame: ...
    @property
    def series(self) -> pd.DataFrame: ...
    @property
    def manifest(self) -> Dict[str, Any]: ...
    def save(self, path: _Path) -> str: ...
    def report(self, path: _Path, progress: Optional[bool] = ...) -> str: ...

def run(scenario: Scenario, trials: Optional[int] = ..., seed: Optional[int] = ...,
        threads: Optional[int] = ..., statistics: str = ..., baseline: Optional[str] = ...,
        pairs: _Pairs = ..., progress: Optional[bool] = ...) -> Results: ...
def compare(what: Union[Results, Scenario], baseline: Optional[str] = ..., pairs: _Pairs = ...,
            **run_arguments: Any) -> pd.DataFrame: ...

@dataclass
class Sensitivity:
    tornado: pd.DataFrame
    indices: pd.DataFrame
    inputs: pd.DataFrame
    document: Dict[str, Any]
    table: str

@dataclass
class Frontier:
    points: pd.DataFrame
    best: Optional[Dict[str, Any]]
    current: Optional[Dict[str, Any]]
    recommendation: str
    document: Dict[str, Any]
    table: str

def sensitivity(scenario: Scenario, seed: Optional[int] = ..., threads: Optional[int] = ...,
                method: str = ..., strategy: Optional[str] = ..., store: Optional[_Path] = ...,
                progress: Optional[bool] = ...) -> Sensitivity: ...
def frontier(scenario: Scenario, seed: Optional[int] = ..., threads: Optional[int] = ...,
             strategy: Optional[str] = ..., store: Optional[_Path] = ...,
             progress: Optional[bool] = ...) -> Frontier: ...
def sweep(scenario: Scenario, grid: Optional[Mapping[str, Any]] = ...,
          variants: Optional[Mapping[str, Mapping[str, Any]]] = ..., trials: Optional[int] = ...,
          seed: Optional[int] = ..., threads: Optional[int] = ..., store: Optional[_Path] = ...,
          progress: Optional[bool] = ..., baseline: Optional[str] = ...,
          pairs: Optional[Sequence[Sequence[str]]] = ...) -> pd.DataFrame: ...
def read_store(store: _Path, run_id: Optional[str] = ...) -> Dict[str, pd.DataFrame]: ...
def trace(scenario: Scenario, trial: int = ..., strategy: Optional[str] = ...,
          seed: Optional[int] = ...) -> Tuple[pd.DataFrame, pd.DataFrame]: ...
