"""Every change in the review workstream, one module per kind of record; import from here.

reviews: the three-level legality review. documents: the normative-document register, numbering and filing.
cleanup: clean-up campaigns. catalogs: review catalogs and the matters they cover."""

from .reviews import (  # noqa: F401
    change_review,
    conclude_review,
    give_opinion,
    level_deadline,
    resubmit,
    submit_review,
    substitute_advisor,
)

# isort: split
from .catalogs import (  # noqa: F401
    adopt_catalog,
    change_catalog,
    change_matter,
    delete_matter,
    register_matter,
)
from .cleanup import (  # noqa: F401
    add_item,
    change_campaign,
    change_item,
    create_campaign,
    decide_item,
    delete_item,
)
from .documents import (  # noqa: F401
    add_filing_material,
    attach_review,
    change_document,
    change_filing,
    correction_deadline,
    correction_late,
    delete_document,
    expire_documents,
    file_document,
    filing_deadline,
    issue_document,
    record_correction,
    record_filing_result,
    register_document,
    submit_document_for_review,
)
from .history import (  # noqa: F401
    FAIR_COMPETITION_CONCLUSIONS,
    OPINION_CHOICES,
    OWN_HISTORY_KINDS,
    conclude_history,
    document_history_of,
    errors_as,
    levels_of,
    record_concluded_review,
    record_issued_document,
    review_history_of,
)
from .procedures import (  # noqa: F401
    record_consultation,
    record_deliberation,
    record_fair_competition_review,
    upload_revised_text,
)
