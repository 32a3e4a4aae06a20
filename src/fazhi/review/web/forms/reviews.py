"""The forms of the legality-review pages: they parse what a person typed or uploaded and offer only the units and
advisors the user may choose. The rules live in services and models; their ValidationErrors come back onto these
forms. A draft file must be one the pre-check can read (.docx or .txt)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core.models import User
from fazhi.core.web import units as unit_choices
from fazhi.core.web.pages import DateInput, ErrorsMixin, Form, date_field, text_field  # noqa: F401

from ... import selectors
from ...documents import precheck
from ...models import LevelOpinion, ReviewLevel, SubjectKind
from .corrections import CorrectionForm


def read_draft_file(upload) -> str:
    """The text of an uploaded .docx or .txt draft, or a ValidationError in Chinese saying why it cannot be read."""
    content = upload.read()
    upload.seek(0)
    try:
        return precheck.read_document(upload.name or "", content)
    except precheck.PrecheckFileError as exc:
        raise ValidationError(str(exc)) from exc


class DraftMixin:
    """A draft given as pasted text or as a file: at least one of them, and a file that can be read."""

    draft_text_required_message = "请粘贴送审稿文本或上传送审稿文件。"

    file_text = ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")  # type: ignore[attr-defined]
        if upload:
            self.file_text = read_draft_file(upload)
        return upload

    def clean(self):
        data = super().clean()  # type: ignore[misc]
        if not (data.get("text") or "").strip() and not data.get("file") and not self.errors.get("file"):  # type: ignore[attr-defined]
            raise ValidationError(self.draft_text_required_message)
        return data


class AdvisorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        if obj.person_id:
            return f"{obj.person.name}（{obj.person.organization}）"
        return obj.username


class SubmitReviewForm(DraftMixin, Form):
    title = forms.CharField(
        label="送审事项", max_length=200, help_text="如 关于规范农贸市场管理的若干规定（送审稿）"
    )
    subject_kind = forms.ChoiceField(label="审查对象", choices=[("", "请选择")] + list(SubjectKind.choices))
    organization = unit_choices.UnitChoiceField(label="起草（送审）单位")
    submitted_on = date_field("送审日期")
    advisor_user = AdvisorChoice(
        label="复审法律顾问",
        queryset=User.objects.none(),
        required=False,
        empty_label="（不指定，由起草单位录入法律顾问书面意见）",
        help_text="指定后，复审意见只能由该法律顾问在平台上出具，起草单位和司法局不能代为录入",
    )
    advisor_name = forms.CharField(
        label="法律顾问姓名或律所",
        max_length=120,
        required=False,
        help_text="法律顾问没有平台账号时填写，如 宁夏某某律师事务所 张某",
    )
    text = text_field("送审稿文本", rows=6, required=False, help_text="粘贴全文，或在下方上传文件")
    file = forms.FileField(label="送审稿文件", required=False, help_text="支持 .docx、.txt")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        units = self.fields["organization"].queryset
        self.fields["advisor_user"].queryset = selectors.advisors_for(user)
        if not self.is_bound and user.organization and units.filter(pk=user.organization.pk).exists():
            self.initial.setdefault("organization", user.organization.pk)


class ChangeReviewForm(CorrectionForm):
    """更正 what was sent: the title, and the advisor before the advisor's level (rules.fixed_review_fields)."""

    names = ("title", "advisor_user", "advisor_name")
    base = SubmitReviewForm

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if "advisor_user" in self.fields:
            self.fields["advisor_user"].queryset = selectors.advisors_for(user)


# The outcomes each level may give; the final level's are the Justice Bureau's opinion or sending back.
OUTCOME_HELP = "意见不是“合法”的，须写明理由；退回修改的，写明须修改之处"


class OpinionForm(Form):
    outcome = forms.ChoiceField(
        label="审查意见", choices=LevelOpinion.Outcome.choices, widget=forms.RadioSelect
    )
    reasons = text_field("理由", required=False, help_text=OUTCOME_HELP)
    given_on = date_field("出具日期")
    field_aliases = {
        "final_opinion": "outcome",
        "final_reasons": "reasons",
        "concluded_on": "given_on",
        "opinion": "outcome",
    }

    # The level and version the reviewer saw: a stale page (a second click) gives no opinion to the next level.
    level = forms.ChoiceField(label="审查层级", choices=ReviewLevel.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(label="所审稿次", widget=forms.HiddenInput)

    def __init__(self, *args, level: str, version: int, **kwargs):
        kwargs.setdefault("initial", {}).update({"level": level, "version": version})
        super().__init__(*args, **kwargs)
        self.fields["outcome"].label = f"{ReviewLevel(level).label}意见"


class ResubmitForm(DraftMixin, Form):
    submitted_on = date_field("重新送审日期")
    note = text_field("修改说明", rows=2, required=False, help_text="说明按审查意见作了哪些修改")
    text = text_field("修改稿文本", rows=6, required=False, help_text="粘贴全文，或在下方上传文件")
    file = forms.FileField(label="修改稿文件", required=False, help_text="支持 .docx、.txt")
    draft_text_required_message = "请粘贴修改稿文本或上传修改稿文件。"


class PrecheckForm(DraftMixin, Form):
    text = text_field("草案文本", rows=10, required=False, help_text="粘贴草案全文，或上传文件")
    file = forms.FileField(label="草案文件", required=False, help_text="支持 .docx、.txt")
    draft_text_required_message = "请粘贴草案文本或上传草案文件。"

    def draft_text(self) -> str:
        """The text to check: the file's when a file was uploaded, else what was pasted."""
        return self.file_text if self.cleaned_data.get("file") else self.cleaned_data["text"]


class SubstitutionForm(Form):
    """替代复审法律顾问 (司法局录入): another advisor's account takes over the advisor level."""

    substitute = AdvisorChoice(label="替代法律顾问", queryset=User.objects.none(), empty_label="请选择")
    substituted_on = date_field("替代日期")
    reason = text_field("替代理由", help_text="如 原法律顾问与送审事项有利害关系须回避")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = selectors.advisors_for(user).select_related(
            "person__organization"
        )
