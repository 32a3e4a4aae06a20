"""PostgreSQL: TRUNCATE of the audit trail is refused by a statement trigger too (row triggers do not see it).

The table owner can still disable triggers; the application therefore connects as a role that owns nothing and
has no TRUNCATE right (`fazhi dbroles`, docs/deployment.md)."""

from django.db import migrations

CREATE = """CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
            FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_append_only();"""
DROP = "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;"


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_audit_key")]
    operations = [migrations.RunPython(install, uninstall)]
