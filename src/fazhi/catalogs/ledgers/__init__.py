"""The catalogs ledgers, registered with core.io.ledgers: the three lists."""

from . import lists  # noqa: F401
