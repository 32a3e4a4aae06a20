"""工作台 items of 行政应诉: defence deadlines near or past, appeal periods running, the court's written requests for
the head's appearance not yet met, recommendations awaiting a reply, and effective judgments not yet performed. Each
opens the lawsuit at the section whose form does the work."""

from __future__ import annotations

import datetime as dt

from django.urls import NoReverseMatch, reverse

from fazhi.core.models import User
from fazhi.core.workbench import PENDING, WorkItem, level_for, provider

from .rules import lawsuits as rules
from .selectors.lawsuits import (
    appeals_running,
    defence_due,
    head_requests_pending,
    recommendations_unanswered,
    unperformed,
)


def _url(name: str, *args, at: str = "") -> str:
    """The page, at the section (`at`) whose form does the work."""
    try:
        return reverse(name, args=args) + (f"#{at}" if at else "")
    except NoReverseMatch:
        return ""


@provider
def litigation_warnings(user: User, on: dt.date) -> list[WorkItem]:
    """Defence deadlines near or past; appeal periods running; head requests; replies due; unperformed judgments."""
    items = [
        WorkItem(
            title=f"行政诉讼{s.case_number}应于{s.defence_due:%Y年%m月%d日}前提交答辩状及证据",
            category="行政应诉",
            level=level_for(s.defence_due, on, warn_days=rules.DUE_WARNING_DAYS),
            due=s.defence_due,
            url=_url("litigation:detail", s.pk, at="defence"),
            unit=s.responsible_department.name,
            detail=s.defence_explanation,
        )
        for s in defence_due(user, on)
    ]
    for s, clock in appeals_running(user, on):
        items.append(
            WorkItem(
                title=f"行政诉讼{s.case_number}的上诉期限至{clock.due:%Y年%m月%d日}届满（{s.get_outcome_display()}）",
                category="行政应诉",
                level=level_for(clock.due, on, warn_days=rules.DUE_WARNING_DAYS),
                due=clock.due,
                url=_url("litigation:detail", s.pk, at="appeal"),
                unit=s.responsible_department.name,
                detail=clock.explanation,
            )
        )
    for s in head_requests_pending(user):
        items.append(
            WorkItem(
                title=f"人民法院书面建议行政机关负责人出庭：行政诉讼{s.case_number}",
                category="行政应诉",
                level=PENDING,
                due=None,
                url=_url("litigation:detail", s.pk, at="hearing"),
                unit=s.responsible_department.name,
                detail=f"{s.head_requested_on:%Y年%m月%d日}收到书面建议；被诉行政机关负责人应当出庭"
                f"（{rules.HEAD_REQUEST_RULE}），不能出庭的须提交加盖印章的情况说明。",
            )
        )
    for r in recommendations_unanswered(user):
        items.append(
            WorkItem(
                title=f"{r.issuer}{r.kind_label}应于{r.reply_due:%Y年%m月%d日}前书面回复（{r.lawsuit.case_number}）",
                category="行政应诉",
                level=level_for(r.reply_due, on, warn_days=rules.DUE_WARNING_DAYS),
                due=r.reply_due,
                url=_url("litigation:detail", r.lawsuit_id, at="recommendations"),
                unit=r.lawsuit.responsible_department.name,
                detail=r.reply_explanation,
            )
        )
    for s in unperformed(user):
        due = s.performance_due
        items.append(
            WorkItem(
                title=f"行政诉讼{s.case_number}的生效裁判尚未履行（{s.get_outcome_display()}）",
                category="行政应诉",
                level=level_for(due, on, warn_days=rules.DUE_WARNING_DAYS) if due else PENDING,
                due=due,
                url=_url("litigation:detail", s.pk, at="performance"),
                unit=s.responsible_department.name,
                detail=f"裁判于{s.effective_on:%Y年%m月%d日}生效"
                + (f"，履行期限{due:%Y年%m月%d日}" if due else "，请及时履行并登记履行情况"),
            )
        )
    return items
