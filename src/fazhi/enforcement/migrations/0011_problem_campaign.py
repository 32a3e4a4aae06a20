# The campaign of a problem's case file kept on the problem (issue 19): added empty and filled from the files in one
# statement here; required, with the index the problem list reads its order and campaign filter from, in 0012 (a
# second transaction: PostgreSQL alters no table with the deferred foreign-key checks of the update still pending).

import django.db.models.deletion
from django.db import migrations, models

BACKFILL = """
UPDATE enforcement_casefileproblem SET campaign_id = (
    SELECT f.campaign_id FROM enforcement_casefile f WHERE f.id = enforcement_casefileproblem.case_file_id
)
"""


class Migration(migrations.Migration):

    dependencies = [
        ('enforcement', '0010_clue_open_due_and_list_order_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='casefileproblem',
            name='campaign',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='enforcement.evaluationcampaign', verbose_name='评查活动'),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
    ]
