"""Progress bars for long runs: tqdm when it is installed (in Jupyter its notebook bar),
shown once a run has taken a second; by default only in a notebook or on a terminal,
always with progress=True, never with progress=False or without tqdm."""
import sys
import warnings


def _in_notebook() -> bool:
    return "ipykernel" in sys.modules


def _tqdm_class():
    """tqdm's notebook bar in Jupyter when ipywidgets is there, else its text bar."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tqdm.auto warns when a notebook has no ipywidgets
        try:
            from tqdm.auto import tqdm
        except ImportError:
            return None
    return tqdm


class Progress:
    """A callable ``(done, total)`` for the C++ side, drawing a bar when asked to."""

    def __init__(self, enabled, description: str, unit: str):
        self._cls = _tqdm_class() if enabled is not False else None
        # By default a bar is for people: on a terminal or in a notebook, not in a log file.
        self._disable = enabled is None and not (_in_notebook() or sys.stderr.isatty())
        self._description, self._unit, self._bar = description, unit, None

    def __call__(self, done: int, total: int) -> None:
        if self._cls is None:
            return
        if self._bar is None:
            self._bar = self._open(total)
        self._bar.total = total
        self._bar.update(done - self._bar.n)

    def _open(self, total: int):
        kwargs = dict(total=total, desc=self._description, unit=self._unit, delay=1.0, leave=False,
                      disable=self._disable)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return self._cls(**kwargs)
            except ImportError:  # a notebook without ipywidgets: the text bar
                from tqdm.std import tqdm
                return tqdm(**kwargs)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()
