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
