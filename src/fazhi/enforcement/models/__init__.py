"""The records of the enforcement workstream, one module per area; every model is importable from here."""

from .bodies import EnforcementBody, EnforcementPower
from .certificates import Certificate, CertificateExam, CertificateReview
from .clues import ClueStep, SupervisionClue
from .contact_points import ContactPoint
from .evaluation import (
    CaseFile,
    CaseFileOfficer,
    CaseFileProblem,
    Domain,
    EvaluationCampaign,
    EvaluationItem,
    EvaluationReviewer,
    Grade,
    ItemScore,
)
from .self_assessment import SelfAssessment
from .training import TrainingAttendance, TrainingSession

__all__ = [
    "CaseFile",
    "CaseFileOfficer",
    "CaseFileProblem",
    "Certificate",
    "CertificateExam",
    "CertificateReview",
    "ClueStep",
    "ContactPoint",
    "Domain",
    "EnforcementBody",
    "EnforcementPower",
    "EvaluationCampaign",
    "EvaluationItem",
    "EvaluationReviewer",
    "Grade",
    "ItemScore",
    "SelfAssessment",
    "SupervisionClue",
    "TrainingAttendance",
    "TrainingSession",
]
