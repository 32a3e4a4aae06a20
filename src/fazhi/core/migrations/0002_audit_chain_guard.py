"""The audit chain's head row, and triggers that refuse UPDATE and DELETE of audit events on every path.

TRUNCATE (the table owner emptying the whole table, as the test runner's flush does) is left to database
privileges: the production role should not own the table, and `fazhi audit verify` detects it anyway."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
       BEGIN SELECT RAISE(ABORT, '审计记录只可追加，不可修改'); END;""",
    """CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
       BEGIN SELECT RAISE(ABORT, '审计记录只可追加，不可删除'); END;""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS core_auditevent_no_update;", "DROP TRIGGER IF EXISTS core_auditevent_no_delete;"]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '审计记录只可追加，不可修改或删除'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent
       FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;",
    "DROP FUNCTION IF EXISTS core_auditevent_append_only();",
]


def statements(schema_editor, forward: bool):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        return SQLITE if forward else SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRES if forward else POSTGRES_DROP
    return []


def install(apps, schema_editor):
    apps.get_model("core", "AuditChainHead").objects.get_or_create(pk=1)
    for sql in statements(schema_editor, True):
        schema_editor.execute(sql)


def uninstall(apps, schema_editor):
    for sql in statements(schema_editor, False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
