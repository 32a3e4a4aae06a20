"""Records of major administrative decisions by area: the yearly catalog, each decision with its procedures'
records, the documents attached, and the legal advisors with their attendances and reviews."""

from .advisors import AdvisorAttendance, AdvisorReview, LegalAdvisor
from .catalogs import CatalogItem, DecisionCatalog
from .decisions import (
    PROCEDURE_MODELS,
    CollectiveDiscussion,
    Decision,
    ExpertArgumentation,
    ExpertOpinion,
    PostEvaluation,
    Procedure,
    ProcedureRecord,
    Publication,
    PublicComment,
    PublicParticipation,
    RiskAssessment,
)
from .documents import DecisionDocument, decision_document_path

__all__ = [
    "PROCEDURE_MODELS",
    "AdvisorAttendance",
    "AdvisorReview",
    "CatalogItem",
    "CollectiveDiscussion",
    "Decision",
    "DecisionCatalog",
    "DecisionDocument",
    "ExpertArgumentation",
    "ExpertOpinion",
    "LegalAdvisor",
    "PostEvaluation",
    "Procedure",
    "ProcedureRecord",
    "Publication",
    "PublicComment",
    "PublicParticipation",
    "RiskAssessment",
    "decision_document_path",
]
