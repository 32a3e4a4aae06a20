"""Four indexes of the audit trail that no read uses, dropped: every append (an import's 50,000 events) paid for them.

- `model_label` alone: every read by record type also gives the record or nothing else, and the index
  `(model_label, object_id, seq)` serves both (the history of a record, the deleted attachments of an activity);
- `object_id` alone: nothing reads by record number without its type;
- on PostgreSQL their `varchar_pattern_ops` copies (`…_like`), made for LIKE 'x%' lookups: none is made on either
  column (the admin's search is a `%x%` containment, which no B-tree serves).

The fields' state changes through Django (db_index=False); the database through DROP INDEX by name, because on
SQLite Django would alter the fields by copying the table, and the copy would lose the triggers that keep the trail
append-only (0002). Reversible: the reverse creates the same indexes under the same names.
"""

from django.db import migrations, models

TABLE = "core_auditevent"
INDEXES = [  # (name, column, PostgreSQL opclass or "")
    ("core_auditevent_model_label_8843c065", "model_label", ""),
    ("core_auditevent_model_label_8843c065_like", "model_label", "varchar_pattern_ops"),
    ("core_auditevent_object_id_096dfe0c", "object_id", ""),
    ("core_auditevent_object_id_096dfe0c_like", "object_id", "varchar_pattern_ops"),
]


def drop(apps, schema_editor):
    for name, _column, _opclass in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for name, column, opclass in INDEXES:
        if opclass and not postgres:
            continue
        q = schema_editor.quote_name
        schema_editor.execute(
            f"CREATE INDEX {q(name)} ON {q(TABLE)} ({q(column)}{' ' + opclass if opclass else ''})"
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0011_organization_kind_public_security")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="model_label",
                    field=models.CharField(max_length=100, verbose_name="记录类型"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="object_id",
                    field=models.CharField(max_length=64, verbose_name="记录编号"),
                ),
            ],
            database_operations=[migrations.RunPython(drop, create)],
        )
    ]
