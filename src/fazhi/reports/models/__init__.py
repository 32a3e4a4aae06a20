"""Records of 年度报告与驾驶舱 (app label `reports`): a unit's edited report text for a year, reports as issued, their
submissions and publication, and statements on workstreams without records."""

from .annual import IssuedReport, ReportTemplate
from .duties import Submission, WorkstreamStatement

__all__ = ["IssuedReport", "ReportTemplate", "Submission", "WorkstreamStatement"]
