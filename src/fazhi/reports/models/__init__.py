"""Records of 年度报告与驾驶舱 (app label `reports`): a unit's edited report text for a year and reports as issued."""

from .annual import IssuedReport, ReportTemplate

__all__ = ["IssuedReport", "ReportTemplate"]
