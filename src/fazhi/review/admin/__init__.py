"""The admin of the review workstream, by area: reviews (with their versions and opinions), catalogs and matters,
documents (and the number sequences), filings, clean-up, the pre-check rules. Lists are scoped by core.access, every
add, change and delete calls the review services (ServiceAdmin), and what the rules fix is read-only."""

from . import catalogs, cleanup, documents, filings, precheck, procedures, reviews  # noqa: F401
