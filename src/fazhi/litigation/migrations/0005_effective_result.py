"""Each lawsuit's effective result (won / lost / …) and its duty to perform, stored from its outcome: 驳回上诉、维持原判
carries the result of the decision upheld (so a first-instance loss upheld on appeal is a loss, with the duty to
perform), 改判 decides as the new judgment says. First instances are computed before the instances that follow them.
The table is frozen here as rules/lawsuits.OUTCOMES gave it when this migration was written."""

from django.db import migrations

# outcome -> (result, must_perform); None: carried from the first instance
RESULTS = {
    "dismissed": ("won", False),
    "upheld": None,
    "suit_rejected": ("won", False),
    "revoked": ("lost", True),
    "perform": ("lost", True),
    "payment": ("lost", True),
    "illegal": ("lost", True),
    "void": ("lost", True),
    "varied": ("lost", True),
    "reversed": ("lost", True),
    "reversed_won": ("won", False),
    "withdrawn": ("withdrawn", False),
    "mediated": ("mediated", True),
    "remanded": ("other", False),
}


def store_results(apps, schema_editor):
    lawsuits = apps.get_model("litigation", "Lawsuit").objects.using(schema_editor.connection.alias)
    done: dict[int, tuple[str, bool]] = {}
    judged = lawsuits.exclude(outcome="")
    rows = [*judged.filter(first_instance__isnull=True).order_by("pk")]
    rows += [*judged.filter(first_instance__isnull=False).order_by("pk")]
    for row in rows:
        value = RESULTS.get(row.outcome)
        if value is None:
            first = row.first_instance_id
            value = done.get(first) or (
                ("", False)
                if first is None
                else RESULTS.get(lawsuits.get(pk=first).outcome) or ("", False)
            )
        done[row.pk] = value
        lawsuits.filter(pk=row.pk).update(result=value[0], must_perform=value[1])


class Migration(migrations.Migration):
    dependencies = [("litigation", "0004_judgment_service_recommendations")]

    operations = [migrations.RunPython(store_results, migrations.RunPython.noop)]
