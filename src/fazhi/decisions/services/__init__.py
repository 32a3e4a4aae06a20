"""Every change to decisions, catalogs, documents and legal advisors: keyword-only functions, actor first, that
check access and the rules of decisions.rules, save, and write the audit trail in one transaction."""

from .advisors import (
    complete_advisor_review,
    create_advisor,
    record_advisor_review,
    record_attendance,
    update_advisor,
    update_advisor_review,
    update_attendance,
)
from .catalogs import (
    add_catalog_item,
    approve_catalog,
    catalog_title,
    create_catalog,
    publish_catalog,
    update_catalog,
    update_catalog_item,
)
from .decisions import (
    PROCEDURE_MODELS,
    add_expert_opinion,
    add_public_comment,
    advance,
    answer_comment,
    correct_comment_answer,
    procedure_record,
    record_procedure,
    register_decision,
    request_legality_review,
    update_decision,
    update_expert_opinion,
    update_public_comment,
)
from .documents import attach_document
from .history import HISTORY_FIELDS, comments_of, find_history, history_of, record_decision_history

__all__ = [
    "HISTORY_FIELDS",
    "PROCEDURE_MODELS",
    "comments_of",
    "find_history",
    "history_of",
    "record_decision_history",
    "add_catalog_item",
    "add_expert_opinion",
    "add_public_comment",
    "advance",
    "answer_comment",
    "approve_catalog",
    "attach_document",
    "catalog_title",
    "complete_advisor_review",
    "correct_comment_answer",
    "create_advisor",
    "create_catalog",
    "procedure_record",
    "publish_catalog",
    "record_advisor_review",
    "record_attendance",
    "record_procedure",
    "register_decision",
    "request_legality_review",
    "update_advisor",
    "update_advisor_review",
    "update_attendance",
    "update_catalog",
    "update_catalog_item",
    "update_decision",
    "update_expert_opinion",
    "update_public_comment",
]
