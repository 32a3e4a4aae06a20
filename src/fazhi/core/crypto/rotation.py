"""Re-encrypting stored values: under the current key and cipher, with the blind indexes recomputed under the
current index key. Used by `fazhi datakey rotate` and by the migrations that encrypted existing rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.db import connections, router, transaction

from .cipher import PREFIX, SEP, current_key_id, is_encrypted, key_id_of
from .fields import encrypted_fields, encrypted_models, index_fields, refresh_indexes

BATCH = 500


def reencrypt(model, *, progress: Callable[[int, int], None] | None = None, batch: int = BATCH) -> int:
    """Read every row of `model` (old keys decrypt, plaintext is read as it is) and write its encrypted fields and
    blind indexes again. Each batch is its own transaction; returns the number of rows."""
    names = [f.name for f in encrypted_fields(model)] + [f.name for f in index_fields(model)]
    manager = model._base_manager
    pks = list(manager.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch):
        with transaction.atomic(using=router.db_for_write(model)):
            objects = list(manager.filter(pk__in=pks[start : start + batch]).only("pk", *names))
            refresh_indexes(objects)
            manager.bulk_update(objects, names)
        if progress:
            progress(min(start + batch, len(pks)), len(pks))
    return len(pks)


def encrypt_existing(app_label: str, model_name: str):
    """A RunPython function encrypting the rows of a model written before its columns were encrypted."""

    def run(apps, schema_editor):
        reencrypt(apps.get_model(app_label, model_name))

    return run


def decrypt_existing(app_label: str, model_name: str):
    """The reverse of encrypt_existing: write the values back in plain text (raw UPDATEs: the field would encrypt
    them), so the migration before it can turn the columns back into short character columns."""

    def run(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        fields = encrypted_fields(model)
        quote = schema_editor.connection.ops.quote_name
        sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        sql = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608
        rows = list(model._base_manager.values_list("pk", *[f.name for f in fields]))  # decrypted on reading
        with schema_editor.connection.cursor() as cursor:
            for pk, *values in rows:
                cursor.execute(sql, [*values, pk])

    return run


def key_usage(model) -> dict[str, Counter]:
    """{column: Counter(key id → values)} read from the raw column ("明文" for a value not encrypted), so an
    operator sees whether an old key is still needed."""
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    usage = {}
    for field in encrypted_fields(model):
        column = connection.ops.quote_name(field.column)
        counts: Counter = Counter()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")  # noqa: S608 - quoted names
            for (value,) in cursor.fetchall():
                counts[key_id_of(value) if is_encrypted(value) else "明文"] += 1
        usage[field.context] = counts
    return usage


def stale_values() -> dict[str, int]:
    """Columns holding values not under the current key (or not encrypted at all): what rotation still has to do."""
    current = current_key_id()
    stale = {}
    for model in encrypted_models():
        for column, counts in key_usage(model).items():
            left = sum(n for key_id, n in counts.items() if key_id != current)
            if left:
                stale[column] = left
    return stale


__all__ = ["PREFIX", "SEP", "decrypt_existing", "encrypt_existing", "key_usage", "reencrypt", "stale_values"]
