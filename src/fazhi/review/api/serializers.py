"""Serializers of the review API: they parse and show; the rules are the services'."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core import clock
from fazhi.core.models import Organization, User

from .. import rules, services
from ..models import (
    AdvisorSubstitution,
    CleanupCampaign,
    Consultation,
    Deliberation,
    FairCompetitionReview,
    Filing,
    FilingMaterial,
    LegalityReview,
    LevelOpinion,
    NormativeDocument,
    RevisedText,
)

Code = serializers.SlugRelatedField


class SubstitutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdvisorSubstitution
        fields = ["id", "replaced_name", "substitute", "substitute_name", "substituted_on", "reason"]
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer):
    organization = Code(slug_field="code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    substitutions = SubstitutionSerializer(many=True, read_only=True)

    class Meta:
        model = LegalityReview
        fields = [
            "id",
            "title",
            "subject_kind",
            "organization",
            "submitted_on",
            "status",
            "status_label",
            "advisor_user",
            "advisor_name",
            "current_version",
            "level_due_on",
            "final_opinion",
            "concluded_on",
            "substitutions",
        ]
        read_only_fields = fields


class OpinionSerializer(serializers.Serializer):
    level = serializers.ChoiceField(
        label="审查层级", choices=LevelOpinion._meta.get_field("level").choices, required=False
    )
    outcome = serializers.ChoiceField(label="审查意见", choices=LevelOpinion.Outcome.choices)
    reasons = serializers.CharField(label="理由", required=False, allow_blank=True, default="")
    given_on = serializers.DateField(label="出具日期")


class OpinionOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = LevelOpinion
        fields = ["id", "level", "outcome", "reasons", "given_on", "reviewer_name"]
        read_only_fields = fields


class SubstituteSerializer(serializers.Serializer):
    substitute = serializers.PrimaryKeyRelatedField(
        label="替代法律顾问", queryset=User.objects.filter(role="legal_advisor", is_active=True)
    )
    substituted_on = serializers.DateField(label="替代日期")
    reason = serializers.CharField(label="替代理由")


class FairCompetitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = FairCompetitionReview
        fields = [
            "id",
            "reviewer_name",
            "reviewed_on",
            "conclusion",
            "explanation",
            "regulator_name",
            "regulator_opinion",
            "regulator_opinion_on",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {
            name: {"required": False}
            for name in ("explanation", "regulator_name", "regulator_opinion", "regulator_opinion_on")
        }

    def validate(self, attrs):  # the model's clean() is the service's; nothing checked twice here
        return attrs


class ConsultationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Consultation
        fields = ["id", "started_on", "ended_on", "consulted", "summary"]
        read_only_fields = ["id"]


class DeliberationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deliberation
        fields = ["id", "held_on", "body", "summary"]
        read_only_fields = ["id"]


class RevisedTextSerializer(serializers.ModelSerializer):
    file = serializers.FileField(label="修改后文本", write_only=True)

    class Meta:
        model = RevisedText
        fields = ["id", "file", "original_name", "sha256", "submitted_on"]
        read_only_fields = ["id", "original_name", "sha256"]


class MaterialSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = FilingMaterial
        fields = ["id", "kind", "kind_label", "original_name", "sha256", "uploaded_at"]
        read_only_fields = fields


class FilingSerializer(serializers.ModelSerializer):
    body_label = serializers.CharField(source="get_body_display", read_only=True)
    result_label = serializers.CharField(source="get_result_display", read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)
    missing_materials = serializers.ListField(child=serializers.CharField(), read_only=True)
    in_time = serializers.BooleanField(read_only=True, allow_null=True)
    correction_late = serializers.SerializerMethodField()

    class Meta:
        model = Filing
        fields = [
            "id",
            "document",
            "body",
            "body_label",
            "filed_on",
            "filed_with",
            "due_on",
            "due_explanation",
            "in_time",
            "materials",
            "missing_materials",
            "result",
            "result_label",
            "result_on",
            "correction_required",
            "correction_due_on",
            "correction_due_explanation",
            "corrected_on",
            "correction_late",
        ]
        read_only_fields = fields

    def get_correction_late(self, filing) -> bool | None:
        return rules.correction_late(filing)


class FileDocumentSerializer(serializers.Serializer):
    body = serializers.ChoiceField(label="备案机关类别", choices=Filing.Body.choices, default="government")
    filed_on = serializers.DateField(label="报送备案日期")
    filed_with = serializers.CharField(label="备案机关", max_length=120)
    has_report = serializers.FileField(label="备案报告", required=False)
    has_text = serializers.FileField(label="正式文本", required=False)
    has_drafting_explanation = serializers.FileField(label="起草说明", required=False)
    has_review_opinion = serializers.FileField(label="合法性审查意见", required=False)
    has_basis = serializers.FileField(label="制定依据", required=False)


class MaterialUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(label="材料", choices=FilingMaterial.Kind.choices)
    file = serializers.FileField(label="材料文件")


class FilingResultSerializer(serializers.Serializer):
    result = serializers.ChoiceField(
        label="审查结果", choices=[(Filing.Result.PASSED, "通过"), (Filing.Result.CORRECTION, "纠正")]
    )
    result_on = serializers.DateField(label="结果日期")
    correction_required = serializers.CharField(
        label="纠正意见", required=False, allow_blank=True, default=""
    )


class CorrectionSerializer(serializers.Serializer):
    corrected_on = serializers.DateField(label="纠正完成日期")


class IssueDocumentSerializer(serializers.Serializer):
    signed_on = serializers.DateField(label="签发日期")
    published_on = serializers.DateField(label="公布日期")
    effective_on = serializers.DateField(label="施行日期")


class DocumentSerializer(serializers.ModelSerializer):
    organization = Code(slug_field="code", queryset=Organization.objects.all(), label="制定机关")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    validity = serializers.SerializerMethodField(help_text="按日期计算：未生效、有效、失效")
    fair_competition_reviews = FairCompetitionSerializer(many=True, read_only=True)
    consultations = ConsultationSerializer(many=True, read_only=True)
    deliberations = DeliberationSerializer(many=True, read_only=True)
    revised_texts = RevisedTextSerializer(many=True, read_only=True)
    filings = FilingSerializer(many=True, read_only=True)

    class Meta:
        model = NormativeDocument
        fields = [
            "id",
            "title",
            "organization",
            "number_prefix",
            "number",
            "registered_on",
            "signed_on",
            "published_on",
            "effective_on",
            "validity_years",
            "expires_on",
            "status",
            "status_label",
            "validity",
            "legality_review",
            "requires_filing",
            "filing_due_on",
            "enterprise_related",
            "market_related",
            "fair_competition_reviews",
            "consultations",
            "deliberations",
            "revised_texts",
            "filings",
        ]
        read_only_fields = [
            "id",
            "number",
            "signed_on",
            "published_on",
            "effective_on",
            "expires_on",
            "status",
            "legality_review",
            "filing_due_on",
        ]

    def get_validity(self, document) -> str:
        return rules.validity_state(document, clock.today())


# Finished history (services.history): the fields of the concluded_reviews and issued_documents ledgers ---------


def _on(label: str, required: bool = True):
    if required:
        return serializers.DateField(label=label)
    return serializers.DateField(label=label, required=False, allow_null=True, default=None)


def _words(label: str, max_length: int | None = None):
    return serializers.CharField(
        label=label, required=False, allow_blank=True, default="", max_length=max_length
    )


class ConcludedReviewSerializer(serializers.Serializer):
    """A legality review concluded before the platform: the unit by code, the three levels' dates."""

    title = serializers.CharField(label="送审事项", max_length=200)
    subject_kind = serializers.ChoiceField(
        label="审查对象",
        choices=[
            (k, v)
            for k, v in LegalityReview._meta.get_field("subject_kind").choices
            if k not in services.OWN_HISTORY_KINDS
        ],
    )
    organization = Code(slug_field="code", queryset=Organization.objects.all(), label="送审单位")
    submitted_on = _on("送审日期")
    advisor_name = _words("复审法律顾问", 120)
    initial_on = _on("初审日期")
    advisor_on = _on("复审日期")
    opinion = serializers.ChoiceField(label="终审意见", choices=services.OPINION_CHOICES)
    concluded_on = _on("终审日期")
    reasons = _words("审查意见及理由")


class IssuedDocumentSerializer(serializers.Serializer):
    """A normative document issued before the platform, its number kept as issued, with its review and the
    records that precede issue."""

    number = serializers.CharField(label="文号", max_length=60)
    title = serializers.CharField(label="文件名称", max_length=200)
    organization = Code(slug_field="code", queryset=Organization.objects.all(), label="制定机关")
    registered_on = _on("登记日期")
    review_submitted_on = _on("送审日期")
    review_advisor_name = _words("复审法律顾问", 120)
    review_initial_on = _on("初审日期")
    review_advisor_on = _on("复审日期")
    review_opinion = serializers.ChoiceField(label="终审意见", choices=services.OPINION_CHOICES)
    review_concluded_on = _on("终审日期")
    review_reasons = _words("审查意见及理由")
    consultation_started_on = _on("征求意见开始日期", required=False)
    consultation_ended_on = _on("征求意见截止日期", required=False)
    consulted = _words("征求意见对象", 200)
    consultation_summary = _words("意见采纳情况")
    deliberated_on = _on("集体审议日期", required=False)
    deliberation_body = _words("审议会议", 200)
    deliberation_summary = _words("审议结论")
    fair_reviewer_name = _words("公平竞争审查人", 120)
    fair_reviewed_on = _on("公平竞争审查日期", required=False)
    fair_conclusion = serializers.ChoiceField(
        label="公平竞争审查结论",
        choices=services.FAIR_COMPETITION_CONCLUSIONS,
        required=False,
        allow_blank=True,
        default="",
    )
    fair_explanation = _words("公平竞争审查结论说明")
    regulator_name = _words("市场监督管理部门", 120)
    regulator_opinion = _words("市场监督管理部门审查意见")
    regulator_opinion_on = _on("市场监督管理部门意见日期", required=False)
    signed_on = _on("签发日期")
    published_on = _on("公布日期")
    effective_on = _on("施行日期")
    validity_years = serializers.IntegerField(
        label="有效期（年）", required=False, allow_null=True, default=None, min_value=1
    )
    requires_filing = serializers.BooleanField(label="须报送备案", required=False, default=True)
    enterprise_related = serializers.BooleanField(label="涉企", required=False, default=False)
    market_related = serializers.BooleanField(label="涉及经营者经济活动", required=False, default=False)


class CleanupCampaignSerializer(serializers.ModelSerializer):
    """清理: a campaign is known by its organizing unit (by code) and its name (the 清理文件 ledger names it so)."""

    organization = Code(slug_field="code", queryset=Organization.objects.all(), label="组织单位")

    class Meta:
        model = CleanupCampaign
        fields = ["id", "name", "scope", "organization", "started_on", "ended_on"]
        # The name's uniqueness within the unit is the rule's (rules.cleanup.validate_campaign), not a validator here.
        validators = []
