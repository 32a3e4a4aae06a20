"""Forms of the report pages: the edited text and the issue date. They hold no rule: the services refuse bad input
(reports.rules) and the page shows the same message."""

from __future__ import annotations

from django import forms

from fazhi.core.web import pages

from ..models import ReportTemplate, Submission, WorkstreamStatement


class TemplateForm(pages.Form):
    text = pages.text_field("报告文本", rows=30, help_text=ReportTemplate._meta.get_field("text").help_text)


class IssueForm(pages.Form):
    issued_on = pages.date_field("印发日期")


class SubmissionForm(pages.Form):
    kind = forms.ChoiceField(label="报送或公开", choices=Submission.Kind.choices)
    done_on = pages.date_field("报送（公开）日期")
    reference = forms.CharField(label="文号或网址", max_length=300, required=False)


class StatementForm(pages.Form):
    workstream = forms.CharField(label="工作条线", max_length=40)
    kind = forms.ChoiceField(label="说明", choices=WorkstreamStatement.Kind.choices)
    note = forms.CharField(label="补充说明", max_length=300, required=False)
