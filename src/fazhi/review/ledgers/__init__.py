"""Ledgers of the review workstream: the units' review catalogs (合法性审查目录清单), the normative-document register
(规范性文件登记), filing (备案登记) and the documents examined in clean-up campaigns (清理文件).

An import never numbers, issues, repeals or otherwise moves a document: numbers come only from issue_document, and
a clean-up outcome that repeals, declares invalid or amends a registered document runs the document's own transition.
"""

from .catalogs import ReviewCatalogEntryLedger  # noqa: F401
from .cleanup import CleanupItemLedger  # noqa: F401
from .documents import NormativeDocumentLedger  # noqa: F401
from .filings import FilingLedger  # noqa: F401
from .procedures import ConsultationLedger, DeliberationLedger, FairCompetitionReviewLedger  # noqa: F401
