"""The C++ core, imported once: numpy and pandas first, from the interpreter the module
was built for when this one has none of its own (docs/python.md)."""
import sys


def _numerics_from_build_interpreter() -> None:
    """Makes Debian's numpy and pandas importable in another python3 of the same version
    (a pyenv python3 earlier on PATH, say) by appending the build interpreter's site
    folders to sys.path: last, so that packages of this interpreter's own come first."""
    try:
        import numpy  # noqa: F401
        import pandas  # noqa: F401
        return
    except ImportError:
        pass
    from . import _build_info
    for folder in _build_info.SITE:
        if folder not in sys.path:
            sys.path.append(folder)


_numerics_from_build_interpreter()

from . import _flowfolio as core  # noqa: E402  (after the path above)

__all__ = ["core"]
