"""The cross-workstream link registry: oversight names no other workstream; each app's `rectification` module
registers its own records, discovered by oversight's ready()."""

from __future__ import annotations

import ast
from pathlib import Path

import fazhi.oversight
from fazhi.oversight import links

OTHER_WORKSTREAMS = (
    "fazhi.enforcement",
    "fazhi.disputes",
    "fazhi.litigation",
    "fazhi.review",
    "fazhi.decisions",
)


def test_oversight_imports_no_other_workstream():
    # given every module of the oversight app (duties excepted: it is moving out)
    root = Path(fazhi.oversight.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if "duties" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            offenders += [f"{path.relative_to(root)}: {n}" for n in names if n.startswith(OTHER_WORKSTREAMS)]
    # then none imports another workstream
    assert offenders == []


def test_each_workstream_registers_its_own_sources():
    # given the registry after start-up; then every source was registered by its own app's module
    assert {
        "oversight.inspectionfinding",
        "enforcement.supervisionclue",
        "enforcement.casefileproblem",
        "disputes.reconsiderationcase",
        "litigation.lawsuit",
    } <= set(links.SOURCES)
