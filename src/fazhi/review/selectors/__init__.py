"""Every read of the review workstream, by area, always scoped through core.access; import from here."""

from .catalogs import catalogs_for, matters_for  # noqa: F401
from .cleanup import campaigns_for, cleanup_items_for  # noqa: F401
from .documents import (  # noqa: F401
    correction_open_on,
    corrections_pending,
    documents_for,
    filings_for,
    recently_expired,
    register_for,
    unfiled_documents,
    valid_documents,
    validity_label,
)
from .reviews import (  # noqa: F401
    advisors_for,
    justice_bureau_admin_of,
    level_due_open,
    reviews_for,
    reviews_to_act_on,
)
