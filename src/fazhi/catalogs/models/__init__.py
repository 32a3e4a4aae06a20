"""Records of the catalogs app: the effective-dated public lists."""

from .lists import (  # noqa: F401
    CATALOG_CONTENT,
    FAST_MODES,
    VERIFICATION_METHODS,
    CatalogKind,
    EffectiveDated,
    HandlingMode,
    ListItem,
    ServiceItem,
)
