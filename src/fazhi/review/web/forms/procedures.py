"""The forms of what precedes issue (印发前程序) and of the filing materials: 公平竞争审查, 征求意见, 集体审议, the revised
text after 修改后合法, a material uploaded to a filing. They parse what a person typed; the rules live in
rules.procedures and rules.filings, and their refusals come back onto these forms."""

from __future__ import annotations

from django import forms

from fazhi.core.web.pages import Form, date_field, text_field

from ...models import FairCompetitionReview, FilingMaterial


class FairCompetitionForm(Form):
    reviewer_name = forms.CharField(
        label="审查人（起草单位）", max_length=120, help_text="起草单位开展初审的科室和人员，如 法规科 李明"
    )
    reviewed_on = date_field("审查日期")
    conclusion = forms.ChoiceField(
        label="审查结论", choices=FairCompetitionReview.Conclusion.choices, widget=forms.RadioSelect
    )
    explanation = text_field(
        "审查结论说明",
        required=False,
        help_text="适用公平竞争审查条例第十二条的，须在审查结论中详细说明（第十七条）",
    )
    regulator_name = forms.CharField(
        label="市场监督管理部门", max_length=120, required=False, help_text="如 区市场监督管理局"
    )
    regulator_opinion = text_field(
        "市场监督管理部门审查意见",
        required=False,
        help_text="拟由区人民政府出台的政策措施必填（公平竞争审查条例第十四条）",
    )
    regulator_opinion_on = date_field("市场监督管理部门意见日期", required=False)


class ConsultationForm(Form):
    started_on = date_field("征求意见开始日期")
    ended_on = date_field("征求意见截止日期", help_text="不能晚于签发日期")
    consulted = forms.CharField(
        label="征求意见对象和方式", max_length=200, help_text="如 通过区政府网站向社会公开征求意见"
    )
    summary = text_field("意见采纳情况", help_text="收到意见的数量、采纳情况及未采纳的理由")


class DeliberationForm(Form):
    held_on = date_field("审议日期", help_text="在合法性审查终审之后、签发之前")
    body = forms.CharField(label="审议会议", max_length=200, help_text="如 区人民政府第12次常务会议")
    summary = text_field("审议结论")


class RevisedTextForm(Form):
    file = forms.FileField(label="修改后文本", help_text="按合法性审查意见修改后的文件文本")
    submitted_on = date_field("修改完成日期", help_text="不早于合法性审查终审意见的出具日期")


class FilingMaterialForm(Form):
    kind = forms.ChoiceField(label="材料", choices=FilingMaterial.Kind.choices)
    file = forms.FileField(label="材料文件")
