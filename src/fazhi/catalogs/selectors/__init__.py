"""Every read of the catalogs app (one area: the public lists)."""

from .lists import (  # noqa: F401
    PUBLIC_ORDER,
    day_asked,
    in_force_on,
    items_for,
    numbered_containing,
    numbers,
    other_versions,
    public_items,
    public_service_items,
    service_items_for,
    versions_of,
)
