"""The tree has one shape (docs/architecture.md): packages per layer split by area, no threads in the application,
no project imports hidden inside functions, and the layering contracts of .importlinter hold."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "fazhi"
LAYERS = "models|rules|services|selectors|views|forms|ledgers|admin|api|indicators|documents"
SPRAWL = re.compile(rf"^([a-z]+_({LAYERS})|({LAYERS})_[a-z]+)\.py$")


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path


def test_no_module_is_named_area_layer_or_layer_area():
    sprawl = [
        str(p.relative_to(SRC)) for p in _modules() if "management" not in p.parts and SPRAWL.match(p.name)
    ]
    assert sprawl == []


def test_the_application_starts_no_threads():
    """Long work runs on the task engine; the load generator (tools/loadtest.py) is a client outside the package."""
    found = [str(p.relative_to(SRC)) for p in _modules() if "threading.Thread" in p.read_text()]
    assert found == []


def _hidden_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if path.name == "apps.py" and node.name == "ready":
                continue  # registries are filled by importing their modules when the app is ready
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (
                    inner.level > 0 or (inner.module or "").startswith("fazhi")
                ):
                    found.append(f"{path.relative_to(SRC)}:{inner.lineno}")
                elif isinstance(inner, ast.Import) and any(a.name.startswith("fazhi") for a in inner.names):
                    found.append(f"{path.relative_to(SRC)}:{inner.lineno}")
    return found


def test_no_project_import_is_hidden_inside_a_function():
    hidden = [place for p in _modules() for place in _hidden_imports(p)]
    assert hidden == []


@pytest.mark.slow_architecture
def test_the_layering_contracts_hold():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(SRC.parents[1] / ".importlinter"), no_cache=True) == 0
