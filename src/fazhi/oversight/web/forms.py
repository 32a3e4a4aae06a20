"""The forms of the oversight pages: they parse what a person typed and offer only the units the user may use; the
rules live in rules/ and are called by the services, whose ValidationErrors come back onto these forms."""

from __future__ import annotations

import datetime as dt

from django import forms

from fazhi.core.models import Organization, User
from fazhi.core.web import units as unit_choices
from fazhi.core.web.pages import Form, date_field, text_field

from ..models import Inspection, TaskPlan
from ..selectors import task_plans as task_selectors


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


# Items, inspections and tasks concern other units than one's own: every unit of the user's district.
DISTRICT_UNITS = unit_choices.DISTRICT_UNITS
CO_UNITS = unit_choices.source("task-co-units", task_selectors.co_unit_choices)


class OpenItemForm(Form):
    organization = unit_choices.UnitChoiceField(DISTRICT_UNITS, label="责任单位")
    measures = text_field("整改措施", required=False)
    opened_on = date_field("交办日期")
    deadline = date_field("整改期限", required=False, help_text="留空则按配置的整改期限自动计算")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)


class RectifyForm(Form):
    rectification = text_field("整改情况", rows=4)
    rectified_on = date_field("整改完成日期")
    files = MultipleFileField(
        label="佐证材料", required=False, help_text="可选择多个文件；至少须有一份佐证材料"
    )


class BatchRectifyForm(Form):
    """批量申请销号: the responsible unit reports the ticked items rectified (整改完成), each with evidence already
    uploaded on its page; the supervising office then signs them off."""

    rectification = forms.CharField(label="整改情况", max_length=1000)
    rectified_on = date_field("整改完成日期")


class BatchSignOffForm(Form):
    """批量销号: the supervising office signs off the ticked items the units reported rectified."""

    signed_off_on = date_field("销号日期")
    note = forms.CharField(label="审核意见", required=False, max_length=500)


class EvidenceForm(Form):
    file = forms.FileField(label="佐证材料")
    name = forms.CharField(label="材料名称", max_length=200, required=False)


class PlanForm(Form):
    measures = text_field("整改措施", required=False)
    deadline = date_field("整改期限", required=False, help_text="只有督察机构可以调整整改期限")


class SignOffForm(Form):
    signed_off_on = date_field("销号日期")
    note = forms.CharField(label="审核意见", required=False, max_length=500)


class SendBackForm(Form):
    note = text_field("退回理由", rows=2)


class CheckForm(Form):
    """回头看: the later check either confirms (巩固) or finds the problem back (重新整改)."""

    RESULTS = [("consolidate", "整改成效巩固"), ("reopen", "问题反弹，重新整改")]
    result = forms.ChoiceField(label="核查结果", choices=RESULTS, widget=forms.RadioSelect)
    checked_on = date_field("核查日期")
    note = text_field("核查情况", rows=2)
    deadline = date_field("重新整改期限", required=False, help_text="重新整改的，留空则自动计算")


class InspectionForm(Form):
    kind = forms.ChoiceField(label="督察类别", choices=Inspection.Kind.choices)
    title = forms.CharField(label="督察名称", max_length=200)
    held_on = date_field("督察日期")
    organization = unit_choices.UnitChoiceField(label="组织单位")
    co_organizers = unit_choices.UnitMultipleChoiceField(DISTRICT_UNITS, label="联合组织单位", required=False)
    units = unit_choices.UnitMultipleChoiceField(DISTRICT_UNITS, label="被督察单位")
    summary = text_field("督察概况", required=False)

    def __init__(self, *args, user: User, inspection: Inspection | None = None, **kwargs):
        if inspection is not None:  # 更正: filled with the inspection
            kwargs.setdefault("initial", {n: getattr(inspection, n) for n in ("kind", "title", "held_on")})
            kwargs["initial"] |= {
                "organization": inspection.organization_id,
                "co_organizers": list(inspection.co_organizers.values_list("pk", flat=True)),
                "units": list(inspection.inspected.values_list("organization_id", flat=True)),
                "summary": inspection.summary,
            }
        super().__init__(*args, **kwargs)
        for name in ("organization", "co_organizers", "units"):
            self.fields[name].for_user(user)


class FindingForm(Form):
    organization = forms.ModelChoiceField(label="问题单位", queryset=Organization.objects.none())
    text = text_field("问题描述")
    measures = text_field("整改措施", required=False)
    deadline = date_field("整改期限", required=False, help_text="留空则自督察日期起按配置的整改期限计算")

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=inspection.inspected.values("organization_id")
        ).order_by("path")


class FindingEditForm(Form):
    """更正问题描述 (its inspection and unit stay); a blank one is refused by the rule (validate_finding)."""

    text = text_field("问题描述", required=False)

    def __init__(self, *args, user: User, finding, **kwargs):
        kwargs.setdefault("initial", {"text": finding.text})
        super().__init__(*args, **kwargs)


class TaskPlanForm(Form):
    title = forms.CharField(label="计划名称", max_length=200)
    kind = forms.ChoiceField(label="计划类别", choices=TaskPlan.Kind.choices)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    organization = unit_choices.UnitChoiceField(label="印发单位")
    issued_on = date_field("印发日期")
    description = text_field("说明", required=False)

    def __init__(self, *args, user: User, plan: TaskPlan | None = None, **kwargs):
        if plan is not None:  # 更正: filled with the plan
            names = ("title", "kind", "year", "issued_on", "description")
            kwargs.setdefault(
                "initial", {n: getattr(plan, n) for n in names} | {"organization": plan.organization_id}
            )
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)


class TaskForm(Form):
    number = forms.CharField(label="任务编号", max_length=20)
    title = text_field("任务内容", rows=2)
    lead_unit = unit_choices.UnitChoiceField(DISTRICT_UNITS, label="牵头单位")
    co_units = unit_choices.UnitMultipleChoiceField(CO_UNITS, label="配合单位", required=False)
    deadline = date_field("完成时限")
    milestones = text_field(
        "节点",
        rows=2,
        required=False,
        help_text="每行一个节点：节点名称 完成时限，如“完成方案制定 2024-04-30”",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].for_user(user)
        self.fields["co_units"].for_user(user)

    def clean_milestones(self) -> list[tuple[str, dt.date]]:
        out = []
        for number, line in enumerate((self.cleaned_data.get("milestones") or "").splitlines(), start=1):
            if not line.strip():
                continue
            title, _, day = line.strip().rpartition(" ")
            try:
                out.append((title.strip(), dt.date.fromisoformat(day)))
            except ValueError as exc:
                raise forms.ValidationError(f"第{number}行应为“节点名称 日期”，日期如 2024-04-30。") from exc
            if not title.strip():
                raise forms.ValidationError(f"第{number}行缺少节点名称。")
        return out


class TaskEditForm(TaskForm):
    """更正任务: number, content, lead unit and deadline (the co-operating units and milestones stay)."""

    def __init__(self, *args, user: User, task, **kwargs):
        names = ("number", "title", "deadline")
        kwargs.setdefault("initial", {n: getattr(task, n) for n in names} | {"lead_unit": task.lead_unit_id})
        super().__init__(*args, user=user, **kwargs)
        del self.fields["co_units"], self.fields["milestones"]


class CoUnitsForm(Form):
    """设置配合单位: the units that take on tasks in the district, other than the lead unit."""

    co_units = unit_choices.UnitMultipleChoiceField(
        CO_UNITS,
        label="配合单位",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="可多选；不选则该任务没有配合单位。",
    )

    def __init__(self, *args, user: User, task, **kwargs):
        kwargs.setdefault("initial", {"co_units": list(task.co_units.values_list("pk", flat=True))})
        super().__init__(*args, **kwargs)
        self.fields["co_units"].for_user(user, rows=task_selectors.co_unit_choices(user, task))


class ProgressForm(Form):
    reported_on = date_field("报送日期")
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100)
    text = text_field("进展情况")
    evidence = forms.FileField(label="佐证材料", required=False)
    milestone = forms.ModelChoiceField(label="完成的节点", queryset=None, required=False)

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = task.milestones.filter(reached_on__isnull=True)


class CircularForm(Form):
    start = date_field("通报期间起")
    end = date_field("通报期间止")
    fmt = forms.ChoiceField(label="文件格式", choices=[("docx", "Word（.docx）"), ("xlsx", "Excel（.xlsx）")])
