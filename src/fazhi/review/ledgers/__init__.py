"""Ledgers of the review workstream: the units' review catalogs (合法性审查目录清单), the normative-document register
(规范性文件登记), filing (备案登记), clean-up campaigns (文件清理) and the documents examined in clean-up campaigns (清理文件), and finished history:
reviews concluded and documents issued with their numbers before the platform (ledgers/history.py).

A register import never numbers, issues, repeals or otherwise moves a document: numbers come only from
issue_document (issued_documents brings a number issued before the platform in through it, kept as issued), and a
clean-up outcome that repeals, declares invalid or amends a registered document runs the document's own transition.
"""

from .catalogs import ReviewCatalogEntryLedger  # noqa: F401
from .cleanup import CleanupItemLedger  # noqa: F401
from .cleanup_campaigns import CleanupCampaignLedger  # noqa: F401
from .documents import NormativeDocumentLedger  # noqa: F401
from .filings import FilingLedger  # noqa: F401
from .history import ConcludedReviewLedger, IssuedDocumentLedger  # noqa: F401
from .procedures import ConsultationLedger, DeliberationLedger, FairCompetitionReviewLedger  # noqa: F401
