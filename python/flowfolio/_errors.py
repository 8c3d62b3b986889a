"""flowfolio.InputError and the problems it carries."""
from dataclasses import dataclass
from typing import List


@dataclass(frozen=True)
class Problem:
    """One problem of a scenario or an argument: where it is and what is wrong.

    ``file`` is the scenario file (or ``<yaml>``/``<dict>`` for text, empty for an
    argument), ``line`` and ``column`` are 1-based (0 when unknown), ``path`` is the key
    path (``activities.pharma_campaign.incident.probability``), ``message`` says what is
    wrong and what would be right, and ``severity`` is ``"error"`` or ``"warning"``.
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        parts = [p for p in (where, self.path, self.message) if p]
        return ": ".join(parts)


class InputError(ValueError):
    """A scenario or an argument the user must fix. ``problems`` lists every problem found
    (a :class:`Problem` each), all at once; ``str()`` is the text the command line prints.
    """

    def __init__(self, message: str, problems: list):
        super().__init__(message)
        self.problems: List[Problem] = [p if isinstance(p, Problem) else Problem(**p) for p in problems]
