"""The records of 行政应诉: lawsuits with their hearings, the court's and procuratorate's recommendations, and the
liaison meetings (app label "litigation")."""

from .lawsuits import Hearing, Lawsuit
from .meetings import LiaisonMeeting
from .recommendations import Recommendation

__all__ = ["Hearing", "Lawsuit", "LiaisonMeeting", "Recommendation"]
