"""The admin of decisions, catalogs, documents and legal advisors, by area: lists scoped by core.access, every
save through the decisions services (core.web.admin.ServiceAdmin), workflow states read-only."""

from . import advisors, catalogs, decisions, documents  # noqa: F401  (registers the admin classes)
