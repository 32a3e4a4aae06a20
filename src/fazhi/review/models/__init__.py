"""Records of the review workstream: legality reviews (three levels, versions), review catalogs, normative documents
with their numbering and filing, clean-up campaigns, and the pre-check rules."""

from .catalogs import Matter, ReviewCatalog, ReviewCatalogEntry
from .cleanup import CleanupCampaign, CleanupItem
from .documents import DocumentNumberSequence, Filing, FilingMaterial, NormativeDocument
from .precheck import PrecheckRule
from .procedures import Consultation, Deliberation, FairCompetitionReview, RevisedText
from .reviews import (
    PASSING_OPINIONS,
    AdvisorSubstitution,
    DraftVersion,
    LegalityReview,
    LevelOpinion,
    Opinion,
    ReviewLevel,
    SubjectKind,
)

__all__ = [
    "PASSING_OPINIONS",
    "AdvisorSubstitution",
    "Consultation",
    "Deliberation",
    "FairCompetitionReview",
    "FilingMaterial",
    "RevisedText",
    "CleanupCampaign",
    "CleanupItem",
    "DocumentNumberSequence",
    "DraftVersion",
    "Filing",
    "LegalityReview",
    "LevelOpinion",
    "Matter",
    "NormativeDocument",
    "Opinion",
    "PrecheckRule",
    "ReviewCatalog",
    "ReviewCatalogEntry",
    "ReviewLevel",
    "SubjectKind",
]
