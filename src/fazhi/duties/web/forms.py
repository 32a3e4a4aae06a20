"""Forms of the duties pages: they parse what was typed; the rules live in rules/ and come back onto these forms as
the services' ValidationErrors."""

from __future__ import annotations

from django import forms

from fazhi.core.web import choices, units
from fazhi.core.web.pages import Form, date_field

from ..models import ActivityKind, DemonstrationProject
from ..rules.demonstration import TRANSITIONS
from ..selectors.activities import people_to_name

PEOPLE_TO_NAME = choices.register(
    choices.Source(
        name="people-to-name",
        rows=lambda user: people_to_name(user).select_related("organization"),
        label=lambda p: f"{p.name}（{p.organization}{p.position and '·' + p.position}）",
        search_fields=("name", "organization__name", "position"),
    )
)


class ActivityForm(Form):
    kind = forms.ChoiceField(label="类型", choices=ActivityKind.choices)
    held_on = date_field("日期")
    organization = units.UnitChoiceField(label="单位", help_text="述法为述法人所在单位")
    topic = forms.CharField(label="主题", max_length=200, required=False)
    meeting = forms.CharField(label="会议名称", max_length=200, required=False)
    people = choices.SearchChoiceField(
        PEOPLE_TO_NAME,
        multiple=True,
        label="人员（平台人员）",
        required=False,
        help_text="讲法的主要负责人、述法人等；输入姓名搜索，多人以“、”分隔",
    )
    names = forms.CharField(
        label="人员（姓名）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="未登记为平台人员的，填写姓名，多人以“、”分隔",
    )
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label="附件", required=False, help_text="讲稿、述法报告、会议纪要等")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        self.fields["people"].for_user(user)


class ActivityEditForm(ActivityForm):
    """更正活动: the entry form filled with the activity, without the attachment (uploaded on the activity's page)."""

    def __init__(self, *args, user=None, activity=None, **kwargs):
        if activity is not None:
            rows = list(activity.participants.select_related("person"))
            kwargs.setdefault(
                "initial",
                {
                    **{n: getattr(activity, n) for n in ("kind", "held_on", "topic", "meeting", "note")},
                    "organization": activity.organization_id,
                    "people": [p.person for p in rows if p.person_id],
                    "names": "、".join(p.name for p in rows if not p.person_id),
                },
            )
        super().__init__(*args, user=user, **kwargs)
        del self.fields["file"]


class AttachmentForm(Form):
    title = forms.CharField(label="文件名称", max_length=200, required=False, help_text="留空则用文件名")
    file = forms.FileField(label="文件")


class ProjectForm(Form):
    name = forms.CharField(label="项目名称", max_length=200)
    organization = units.UnitChoiceField(label="申报单位")
    level = forms.ChoiceField(label="级别", choices=DemonstrationProject.Level.choices)
    batch = forms.CharField(label="批次", max_length=60, required=False)
    applied_on = date_field("申报日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)


class ProjectEditForm(ProjectForm):
    """更正项目: name, unit, level and batch; the 申报日期 and the stage dates change only by the stages."""

    def __init__(self, *args, user=None, project=None, **kwargs):
        if project is not None:
            kwargs.setdefault(
                "initial",
                {"name": project.name, "organization": project.organization_id, "level": project.level}
                | {"batch": project.batch},
            )
        super().__init__(*args, user=user, **kwargs)
        del self.fields["applied_on"]


class AdvanceForm(Form):
    transition = forms.ChoiceField(label="进入阶段", choices=list(TRANSITIONS.items()))
    on = date_field("日期")
