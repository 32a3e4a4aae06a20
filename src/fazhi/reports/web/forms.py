"""Forms of the report pages: the edited text and the issue date. They hold no rule: the services refuse bad input
(reports.rules) and the page shows the same message."""

from __future__ import annotations

from fazhi.core.web import pages

from ..models import ReportTemplate


class TemplateForm(pages.Form):
    text = pages.text_field("报告文本", rows=30, help_text=ReportTemplate._meta.get_field("text").help_text)


class IssueForm(pages.Form):
    issued_on = pages.date_field("印发日期")
