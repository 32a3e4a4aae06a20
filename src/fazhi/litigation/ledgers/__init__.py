"""The ledgers of 行政应诉 (registered with core.io.ledgers on import)."""

from . import lawsuits, meetings  # noqa: F401
