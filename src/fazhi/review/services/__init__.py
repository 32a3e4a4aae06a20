"""Every change in the review workstream, one module per kind of record; import from here.

reviews: the three-level legality review. documents: the normative-document register, numbering and filing.
cleanup: clean-up campaigns. catalogs: review catalogs and the matters they cover."""

from .reviews import (  # noqa: F401
    conclude_review,
    give_opinion,
    level_deadline,
    resubmit,
    submit_review,
)

# isort: split
from .catalogs import adopt_catalog, register_matter  # noqa: F401
from .cleanup import add_item, create_campaign, decide_item  # noqa: F401
from .documents import (  # noqa: F401
    attach_review,
    correction_deadline,
    correction_late,
    file_document,
    filing_deadline,
    issue_document,
    record_correction,
    record_filing_result,
    register_document,
    submit_document_for_review,
)
