"""Records of 督察整改与任务台账: inspections with their findings, the rectification ledger (one item per finding, from
any registered source) and the task ledger (plans, tasks, milestones, progress reports)."""

from .inspections import InspectedUnit, Inspection, InspectionFinding
from .rectification import LedgerSummary, RectificationEvidence, RectificationItem, SourceKind
from .task_plans import ProgressReport, Task, TaskMilestone, TaskPlan

__all__ = [
    "InspectedUnit",
    "Inspection",
    "InspectionFinding",
    "LedgerSummary",
    "ProgressReport",
    "RectificationEvidence",
    "RectificationItem",
    "SourceKind",
    "Task",
    "TaskMilestone",
    "TaskPlan",
]
