"""Every write of the catalogs app (one area: the public lists)."""

from .lists import add_item, add_service_item, remove, revise  # noqa: F401
