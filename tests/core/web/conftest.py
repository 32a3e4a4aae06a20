"""Fixtures of other workstreams' tests that the list pages' tests reuse."""

from tests.oversight.conftest import clue, finding, inspection, item  # noqa: F401
