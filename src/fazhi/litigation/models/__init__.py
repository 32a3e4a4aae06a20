"""The records of 行政应诉: lawsuits with their hearings, and the liaison meetings (app label "litigation")."""

from .lawsuits import Hearing, Lawsuit
from .meetings import LiaisonMeeting

__all__ = ["Hearing", "Lawsuit", "LiaisonMeeting"]
