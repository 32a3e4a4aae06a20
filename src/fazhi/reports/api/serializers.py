"""Serializers of the reports API: a draft with its figures and checks, issued reports, the changes since issuing."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core.models import Organization

from ..models import IssuedReport, Submission, WorkstreamStatement
from ..services import annual as services


class ReportFigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    kind = serializers.CharField()
    group = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    previous = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    change_phrase = serializers.CharField()
    incomplete = serializers.IntegerField()


class ReportCheckSerializer(serializers.Serializer):
    name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    found = serializers.CharField()
    items = serializers.ListField(child=serializers.CharField())


class BlockSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["title", "h1", "h2", "p"], help_text="标题、一级标题、二级标题、段落"
    )
    text = serializers.CharField()


class DraftSerializer(serializers.Serializer):
    organization = serializers.CharField()
    year = serializers.IntegerField()
    title = serializers.CharField()
    blocks = BlockSerializer(many=True)
    figures = serializers.DictField(child=ReportFigureSerializer(), help_text="按指标代码")
    checks = ReportCheckSerializer(many=True)


class ChangesSerializer(serializers.Serializer):
    figures = serializers.ListField(child=serializers.DictField(), help_text="印发时与按今日数据不同的指标")
    text = serializers.ListField(child=serializers.CharField(), help_text="文本差异（unified diff）")
    unchanged = serializers.BooleanField()
    hash_ok = serializers.BooleanField(help_text="封存内容与哈希是否一致")


class IssuedReportSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    issued_by = serializers.StringRelatedField()
    hash_ok = serializers.SerializerMethodField()

    class Meta:
        model = IssuedReport
        fields = [
            "id",
            "organization",
            "year",
            "title",
            "issued_on",
            "issued_by",
            "sha256",
            "hash_ok",
            "content",
        ]

    def get_hash_ok(self, obj) -> bool:
        return services.verify(obj)


class IssueSerializer(serializers.Serializer):
    org = serializers.CharField(help_text="单位代码")
    year = serializers.IntegerField()
    issued_on = serializers.DateField(required=False)


class SubmissionSerializer(serializers.ModelSerializer):
    """One submission (or the publication) of an issued report, with its date; recorded, never changed here."""

    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = Submission
        fields = ["id", "organization", "year", "kind", "done_on", "reference", "recorded_by", "recorded_at"]
        read_only_fields = ["recorded_by", "recorded_at"]
        validators = []  # once per duty: the rule says so, in Chinese


class WorkstreamStatementSerializer(serializers.ModelSerializer):
    """The office's statement on a workstream without records; posting again for the same workstream changes it."""

    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = WorkstreamStatement
        fields = ["id", "organization", "year", "workstream", "kind", "note", "recorded_by", "recorded_at"]
        read_only_fields = ["recorded_by", "recorded_at"]
        validators = []
