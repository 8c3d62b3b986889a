"""The package's surface: every public name documented, and the type stubs (__init__.pyi)
saying what the code does, so that editors complete what really exists."""
import ast
import functools
import inspect
import pathlib

import flowfolio

STUBS = pathlib.Path(flowfolio.__file__).with_name("__init__.pyi")


def stub_signatures():
    """Top-level functions and class methods of the stubs: name -> parameter names."""
    tree = ast.parse(STUBS.read_text())
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found[node.name] = [a.arg for a in node.args.args + node.args.kwonlyargs]
        elif isinstance(node, ast.ClassDef):
            found[node.name] = None
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found[f"{node.name}.{item.name}"] = [a.arg for a in item.args.args + item.args.kwonlyargs]
    return found


def test_every_public_name_has_a_docstring_and_a_stub():
    stubs = stub_signatures()
    for name in flowfolio.__all__:
        if name in ("METRICS", "MODEL_VERSION", "__version__"):
            continue
        assert name in stubs, f"{name} has no stub"
        assert inspect.getdoc(getattr(flowfolio, name)), f"{name} has no docstring"


def test_the_stubs_parameters_are_the_codes():
    for name, parameters in stub_signatures().items():
        if parameters is None or name.endswith(".__init__"):
            continue
        owner, _, member = name.partition(".")
        owner = getattr(flowfolio, owner)
        target = inspect.getattr_static(owner, member) if member else owner
        if isinstance(target, classmethod):
            target = getattr(owner, member)
        if isinstance(target, (property, functools.cached_property)):
            continue
        actual = [p.name for p in inspect.signature(target).parameters.values()
                  if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL) and p.name != "self"]
        expected = [p for p in parameters if p not in ("self", "cls")]
        assert actual[: len(expected)] == expected and len(actual) == len(expected), name


def test_help_of_run_says_what_it_needs_and_returns():
    text = inspect.getdoc(flowfolio.run)
    for word in ("scenario", "trials", "seed", "threads", "statistics", "Returns", "KeyboardInterrupt"):
        assert word in text
