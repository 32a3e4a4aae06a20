# Every problem has its file's campaign (0011); from now on required, and indexed with the id (issue 19).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enforcement', '0011_problem_campaign'),
    ]

    operations = [
        migrations.AlterField(
            model_name='casefileproblem',
            name='campaign',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='enforcement.evaluationcampaign', verbose_name='评查活动'),
        ),
        migrations.AddIndex(
            model_name='casefileproblem',
            index=models.Index(fields=['campaign', 'id'], name='problem_campaign_id_idx'),
        ),
    ]
