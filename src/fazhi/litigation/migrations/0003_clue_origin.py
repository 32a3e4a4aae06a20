"""The supervision clue a lost lawsuit opened is no longer a key on the lawsuit: the clue keeps the lawsuit as its origin
(enforcement.SupervisionClue.origin, registered in litigation/clue_origins.py). Each existing link is copied onto its clue
before the field is removed; going back restores the field and copies the links back onto the lawsuits."""

from django.db import migrations

APP, MODEL = "litigation", "Lawsuit"


def _content_type(apps, alias):
    content_types = apps.get_model("contenttypes", "ContentType").objects.db_manager(alias)
    return content_types.get_or_create(app_label=APP, model=MODEL.lower())[0]


def links_to_origins(apps, schema_editor):
    alias = schema_editor.connection.alias
    records = apps.get_model(APP, MODEL).objects.using(alias)
    clues = apps.get_model("enforcement", "SupervisionClue").objects.using(alias)
    content_type = _content_type(apps, alias)
    links = records.filter(supervision_clue__isnull=False).values_list("pk", "supervision_clue_id")
    for pk, clue_id in links:
        clues.filter(pk=clue_id).update(origin_type=content_type, origin_id=pk)


def origins_to_links(apps, schema_editor):
    alias = schema_editor.connection.alias
    records = apps.get_model(APP, MODEL).objects.using(alias)
    content_type = _content_type(apps, alias)
    clues = apps.get_model("enforcement", "SupervisionClue").objects.using(alias).filter(origin_type=content_type)
    for clue_id, pk in clues.values_list("pk", "origin_id"):
        records.filter(pk=pk).update(supervision_clue_id=clue_id)
    clues.update(origin_type=None, origin_id=None)


class Migration(migrations.Migration):
    # Not one transaction: on PostgreSQL the clue rows updated by RunPython leave pending trigger events that refuse
    # the ALTER TABLE dropping the key to them ("pending trigger events"). The data step commits on its own first.
    atomic = False

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("enforcement", "0004_clue_origin"),
        ("litigation", "0002_reconsideration_link"),
    ]

    operations = [
        migrations.RunPython(links_to_origins, origins_to_links, atomic=True),
        migrations.RemoveField(model_name="lawsuit", name="supervision_clue"),
    ]
