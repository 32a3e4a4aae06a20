"""The review API's viewsets: reads through the selectors (scoped by core.access), writes through the services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from fazhi.core import access
from fazhi.core.io.ledgers import differences

from .. import selectors, services
from ..models import CleanupCampaign, Filing, LegalityReview, NormativeDocument
from . import serializers as s

PARSERS = [JSONParser, MultiPartParser, FormParser]


class ChineseNotFound:
    """A record missing or outside the caller's scope is a 404 with a Chinese message (not Django's English one)."""

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as exc:
            raise NotFound(
                f"该{self.get_queryset().model._meta.verbose_name}不存在或不在您的范围内。"
            ) from exc


def _created(serializer_class, record):
    return Response(serializer_class(record).data, status=status.HTTP_201_CREATED)


def _history(request, payload_class, *, find, make, history_of, visible, out_class, what: str):
    """Finished history (services.history): a new record is 201; the same record again (its natural key) is 200
    with the record, nothing new; a different history for it is refused naming each field that differs."""
    payload = payload_class(data=request.data)
    payload.is_valid(raise_exception=True)
    data = payload.validated_data
    existing = find(data)
    if existing is None:
        return _created(out_class, make(actor=request.user, **data))
    if not visible.filter(pk=existing.pk).exists():
        raise ValidationError({"title": f"该{what}已由其他单位登记。"})
    given = {k: (v.code if k == "organization" else v) for k, v in data.items() if k in request.data}
    wrong = differences(history_of(existing), given, what=what)
    if wrong:
        raise ValidationError(wrong)
    return Response(out_class(existing).data, status=status.HTTP_200_OK)


class ReviewViewSet(
    ChineseNotFound, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """合法性审查：列表、详情；出具本级意见（复审意见只能由指定的复审法律顾问出具）；司法局记录替代复审法律顾问。"""

    serializer_class = s.ReviewSerializer
    queryset = LegalityReview.objects.none()  # for the schema; requests read get_queryset

    def get_queryset(self):
        return selectors.reviews_for(self.request.user).prefetch_related("substitutions")

    @extend_schema(request=s.OpinionSerializer, responses={201: s.OpinionOutSerializer})
    @action(detail=True, methods=["post"])
    def opinions(self, request, pk=None):
        payload = s.OpinionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        opinion = services.give_opinion(
            actor=request.user, review=self.get_object(), **payload.validated_data
        )
        return _created(s.OpinionOutSerializer, opinion)

    @extend_schema(
        request=s.ConcludedReviewSerializer, responses={201: s.ReviewSerializer, 200: s.ReviewSerializer}
    )
    @action(detail=False, methods=["post"])
    def history(self, request):
        """合法性审查（已办结）: a review concluded before the platform, through its three levels
        (services.record_concluded_review); idempotent by unit, title and date sent."""
        return _history(
            request,
            s.ConcludedReviewSerializer,
            find=lambda d: LegalityReview.objects.filter(
                organization=d["organization"], title=d["title"], submitted_on=d["submitted_on"]
            ).first(),
            make=services.record_concluded_review,
            history_of=services.review_history_of,
            visible=self.get_queryset(),
            out_class=s.ReviewSerializer,
            what="审查",
        )

    @extend_schema(request=s.SubstituteSerializer, responses={201: s.SubstitutionSerializer})
    @action(detail=True, methods=["post"])
    def substitution(self, request, pk=None):
        payload = s.SubstituteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        record = services.substitute_advisor(
            actor=request.user, review=self.get_object(), **payload.validated_data
        )
        return _created(s.SubstitutionSerializer, record)


class DocumentViewSet(
    ChineseNotFound,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """行政规范性文件：登记；印发前的公平竞争审查、征求意见、集体审议、修改后文本；统一编号印发；报送备案。"""

    serializer_class = s.DocumentSerializer
    queryset = NormativeDocument.objects.none()
    parser_classes = PARSERS

    def get_queryset(self):
        return selectors.documents_for(self.request.user).prefetch_related(
            "fair_competition_reviews",
            "consultations",
            "deliberations",
            "revised_texts",
            "filings__materials",
        )

    def perform_create(self, serializer):
        serializer.instance = services.register_document(actor=self.request.user, **serializer.validated_data)

    def _record(self, request, payload_class, service, out_class):
        payload = payload_class(data=request.data)
        payload.is_valid(raise_exception=True)
        record = service(actor=request.user, document=self.get_object(), **payload.validated_data)
        return _created(out_class, record)

    @extend_schema(request=s.FairCompetitionSerializer, responses={201: s.FairCompetitionSerializer})
    @action(detail=True, methods=["post"], url_path="fair-competition")
    def fair_competition(self, request, pk=None):
        """公平竞争审查（条例第十三条、第十四条；第十二条的须说明，第十七条）。"""
        return self._record(
            request,
            s.FairCompetitionSerializer,
            services.record_fair_competition_review,
            s.FairCompetitionSerializer,
        )

    @extend_schema(request=s.ConsultationSerializer, responses={201: s.ConsultationSerializer})
    @action(detail=True, methods=["post"])
    def consultations(self, request, pk=None):
        return self._record(
            request, s.ConsultationSerializer, services.record_consultation, s.ConsultationSerializer
        )

    @extend_schema(request=s.DeliberationSerializer, responses={201: s.DeliberationSerializer})
    @action(detail=True, methods=["post"])
    def deliberations(self, request, pk=None):
        return self._record(
            request, s.DeliberationSerializer, services.record_deliberation, s.DeliberationSerializer
        )

    @extend_schema(request=s.RevisedTextSerializer, responses={201: s.RevisedTextSerializer})
    @action(detail=True, methods=["post"], url_path="revised-text")
    def revised_text(self, request, pk=None):
        """修改后合法：上传按审查意见修改后的文本（multipart）。"""
        return self._record(
            request, s.RevisedTextSerializer, services.upload_revised_text, s.RevisedTextSerializer
        )

    @extend_schema(
        request=s.IssuedDocumentSerializer, responses={201: s.DocumentSerializer, 200: s.DocumentSerializer}
    )
    @action(detail=False, methods=["post"], parser_classes=[JSONParser])
    def history(self, request):
        """规范性文件（已印发）: a document issued before the platform with its number kept as issued (reserving its
        place in the sequence), through services.record_issued_document; idempotent by number."""
        return _history(
            request,
            s.IssuedDocumentSerializer,
            find=lambda d: NormativeDocument.objects.filter(number=d["number"].strip()).first(),
            make=services.record_issued_document,
            history_of=services.document_history_of,
            visible=self.get_queryset(),
            out_class=s.DocumentSerializer,
            what="文件",
        )

    @extend_schema(request=s.IssueDocumentSerializer, responses=s.DocumentSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        """统一编号并印发：合法性审查通过、印发前程序齐备后方可。"""
        payload = s.IssueDocumentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = services.issue_document(
            actor=request.user, document=self.get_object(), **payload.validated_data
        )
        return Response(s.DocumentSerializer(self.get_queryset().get(pk=document.pk)).data)

    @extend_schema(request=s.FileDocumentSerializer, responses={201: s.FilingSerializer})
    @action(detail=True, methods=["post"])
    def filings(self, request, pk=None):
        """报送备案：每个备案机关一次，材料以文件上传（multipart）。"""
        payload = s.FileDocumentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        materials = {kind: data.pop(kind) for kind in Filing.MATERIALS if data.get(kind)}
        for kind in Filing.MATERIALS:
            data.pop(kind, None)
        filing = services.file_document(
            actor=request.user, document=self.get_object(), materials=materials, **data
        )
        return _created(s.FilingSerializer, filing)


class FilingViewSet(
    ChineseNotFound, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """备案：列表、详情；补充上传材料；司法局录入审查结果；纠正完成。"""

    serializer_class = s.FilingSerializer
    queryset = Filing.objects.none()
    parser_classes = PARSERS

    def get_queryset(self):
        return access.scope(
            self.request.user, Filing.objects.select_related("document").prefetch_related("materials")
        )

    @extend_schema(request=s.MaterialUploadSerializer, responses={201: s.MaterialSerializer})
    @action(detail=True, methods=["post"])
    def materials(self, request, pk=None):
        payload = s.MaterialUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        material = services.add_filing_material(
            actor=request.user, filing=self.get_object(), **payload.validated_data
        )
        return _created(s.MaterialSerializer, material)

    @extend_schema(request=s.FilingResultSerializer, responses=s.FilingSerializer)
    @action(detail=True, methods=["post"])
    def result(self, request, pk=None):
        payload = s.FilingResultSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        filing = services.record_filing_result(
            actor=request.user, filing=self.get_object(), **payload.validated_data
        )
        return Response(s.FilingSerializer(filing).data)

    @extend_schema(request=s.CorrectionSerializer, responses=s.FilingSerializer)
    @action(detail=True, methods=["post"])
    def correction(self, request, pk=None):
        payload = s.CorrectionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        filing = services.record_correction(
            actor=request.user, filing=self.get_object(), **payload.validated_data
        )
        return Response(s.FilingSerializer(filing).data)


class CleanupCampaignViewSet(
    ChineseNotFound,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """文件清理：列表、详情、建立（清理中审查的文件用“清理文件”台账导入）。"""

    serializer_class = s.CleanupCampaignSerializer
    queryset = CleanupCampaign.objects.none()

    def get_queryset(self):
        return selectors.campaigns_for(self.request.user).order_by("-started_on", "pk")

    def perform_create(self, serializer):
        serializer.instance = services.create_campaign(actor=self.request.user, **serializer.validated_data)
