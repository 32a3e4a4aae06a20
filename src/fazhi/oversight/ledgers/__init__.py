"""The ledgers of 督察整改与任务台账 (registered with fazhi.core.io.ledgers on import), by area."""

from . import inspections, rectification, task_plans  # noqa: F401  (registers the ledgers)
