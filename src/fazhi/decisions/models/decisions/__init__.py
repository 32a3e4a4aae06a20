"""A major administrative decision (decision.py) and its procedures' records (procedures.py)."""

from .decision import Decision, Procedure
from .procedures import (
    PROCEDURE_MODELS,
    CollectiveDiscussion,
    ExpertArgumentation,
    ExpertOpinion,
    PostEvaluation,
    ProcedureRecord,
    Publication,
    PublicComment,
    PublicParticipation,
    RiskAssessment,
)

__all__ = [
    "PROCEDURE_MODELS",
    "CollectiveDiscussion",
    "Decision",
    "ExpertArgumentation",
    "ExpertOpinion",
    "PostEvaluation",
    "Procedure",
    "ProcedureRecord",
    "Publication",
    "PublicComment",
    "PublicParticipation",
    "RiskAssessment",
]
