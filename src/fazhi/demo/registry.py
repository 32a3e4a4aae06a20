"""The demo district's registry of steps: each workstream adds a function that creates its demo records
idempotently; `fazhi demo` runs them in order after the units, people and users exist."""

from __future__ import annotations

from collections.abc import Callable

STEPS: list[Callable] = []


def step(fn: Callable) -> Callable:
    """Register `fn(admin, stdout) -> int` (records created)."""
    STEPS.append(fn)
    return fn
