"""The decisions pages, by area: decisions (list, timeline, procedures, transitions), documents, catalogs, legal
advisors."""

from .advisors import (
    advisor,
    advisors,
    complete_review,
    create_advisor,
    edit_advisor,
    record_attendance,
    record_review,
)
from .catalogs import (
    add_catalog_item,
    approve_catalog,
    catalogs,
    create_catalog,
    edit_catalog,
    public_catalogs,
    publish_catalog,
)
from .decisions import (
    add_comment,
    add_expert_opinion,
    advance,
    answer_comment,
    conclude_legality_review,
    decision_detail,
    decision_list,
    edit_comment,
    edit_decision,
    edit_expert_opinion,
    record_procedure,
    request_legality_review,
)
from .documents import archive, attach_document, document

__all__ = [
    "advisor",
    "advisors",
    "complete_review",
    "create_advisor",
    "edit_advisor",
    "record_attendance",
    "record_review",
    "add_catalog_item",
    "add_comment",
    "add_expert_opinion",
    "advance",
    "answer_comment",
    "approve_catalog",
    "archive",
    "attach_document",
    "catalogs",
    "conclude_legality_review",
    "create_catalog",
    "decision_detail",
    "decision_list",
    "document",
    "edit_catalog",
    "edit_comment",
    "edit_expert_opinion",
    "edit_decision",
    "public_catalogs",
    "publish_catalog",
    "record_procedure",
    "request_legality_review",
]
