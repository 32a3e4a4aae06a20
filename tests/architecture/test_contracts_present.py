"""Contract tests exist for every app and every workflow: a bypass cannot go unnoticed because nobody wrote the test."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django_fsm import FSMFieldMixin

TESTS = Path(__file__).resolve().parents[1]
WORKSTREAMS = [
    "decisions",
    "review",
    "enforcement",
    "disputes",
    "litigation",
    "oversight",
    "duties",
    "catalogs",
    "reports",
]


def test_every_workstream_has_ways_in_and_transition_contract_tests():
    missing = [
        f"{app}/contracts/{name}"
        for app in WORKSTREAMS
        for name in ("test_ways_in.py", "test_transitions.py")
        if not (TESTS / app / "contracts" / name).exists()
    ]
    assert missing == []


def test_every_workflow_has_a_role_by_transition_matrix():
    """Each model with a django-fsm-2 state is named in its app's contracts/test_transitions.py."""
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("fazhi."):
            continue
        if not any(isinstance(f, FSMFieldMixin) for f in model._meta.concrete_fields):
            continue
        matrix = TESTS / model._meta.app_label / "contracts" / "test_transitions.py"
        if not matrix.exists() or model.__name__ not in matrix.read_text():
            missing.append(model._meta.label)
    assert missing == []
