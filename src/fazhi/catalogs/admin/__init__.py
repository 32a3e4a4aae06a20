"""The catalogs admin; every save through the services."""

from . import lists  # noqa: F401
