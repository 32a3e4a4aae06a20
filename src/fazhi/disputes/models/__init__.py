"""Records of 行政复议: the case from receipt to closing (a django-fsm-2 state machine) with its docket sequence and
suspensions (cases), hearing opinions (听取意见) and hearings (听证) (hearings), and its statutory clocks stored with
their explanation (clocks)."""

from .cases import DocketSequence, OpinionLetter, Outcome, ReconsiderationCase, Suspension
from .clocks import CaseClock
from .hearings import Hearing, HearingOpinion

__all__ = [
    "CaseClock",
    "DocketSequence",
    "Hearing",
    "HearingOpinion",
    "OpinionLetter",
    "Outcome",
    "ReconsiderationCase",
    "Suspension",
]
