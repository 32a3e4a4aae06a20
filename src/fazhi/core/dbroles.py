"""PostgreSQL roles: the owner role runs migrations and owns every table; the application role the web process and
the worker connect as owns nothing, so it cannot ALTER a table, disable a trigger, TRUNCATE, or set
session_replication_role, and on the audit trail it may only read and append."""

from __future__ import annotations

from django.apps import apps
from django.db import connection

APPEND_ONLY_TABLES = ("core_auditevent",)


def app_role_grants(role: str) -> list[str]:
    """The statements (run by the owner) that give `role` what the application needs and nothing more."""
    quoted = connection.ops.quote_name(role)
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted};",
        f"GRANT USAGE ON SCHEMA public TO {quoted};",
    ]
    tables = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)} | _other_tables())
    for table in tables:
        rights = "SELECT, INSERT" if table in APPEND_ONLY_TABLES else "SELECT, INSERT, UPDATE, DELETE"
        statements.append(f"GRANT {rights} ON {connection.ops.quote_name(table)} TO {quoted};")
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted};")
    return statements


def _other_tables() -> set[str]:
    """Tables that are not models' (django_migrations is read by `check`)."""
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
    return {"django_migrations"} & existing
