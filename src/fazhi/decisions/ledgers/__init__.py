"""Ledgers of the decisions workstream, registered with core.io.ledgers: the catalog's items, the legal-advisor
directory, advisors' attendances and reviews, decisions already taken (history). A historical row is checked by the same rules as the services."""

from .advisors import AdvisorAttendanceLedger, AdvisorReviewLedger, LegalAdvisorLedger
from .catalogs import CatalogItemLedger, CatalogLedger
from .history import DecisionHistoryLedger

__all__ = [
    "AdvisorAttendanceLedger",
    "AdvisorReviewLedger",
    "CatalogItemLedger",
    "CatalogLedger",
    "DecisionHistoryLedger",
    "LegalAdvisorLedger",
]
