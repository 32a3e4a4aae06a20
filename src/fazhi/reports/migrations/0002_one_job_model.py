# Report renderings become core.Job rows (one job model for imports, renderings and scheduled work).

from django.db import migrations

UNFINISHED = "平台改用后台任务进程前未运行完毕，请重新提交。"


def copy_report_jobs(apps, schema_editor):
    ReportJob = apps.get_model("reports", "ReportJob")
    Job = apps.get_model("core", "Job")
    for old in ReportJob.objects.order_by("pk").iterator():
        finished = old.status in ("done", "failed")
        message = old.error if finished else UNFINISHED
        job = Job.objects.create(
            kind="report_render",
            name=f"{old.year}年度报告（{old.format}）",
            params={"year": old.year, "format": old.format},
            user_id=old.user_id,
            organization_id=old.organization_id,
            status=old.status if finished else "failed",
            done=old.processed,
            total=old.total,
            message=message,
            filename=old.filename,
            output=old.output,
            result={"summary": message} if message else {},
        )
        Job.objects.filter(pk=job.pk).update(created_at=old.created_at, finished_at=old.created_at)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
        ('core', '0003_job'),
    ]

    operations = [
        migrations.RunPython(copy_report_jobs, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='ReportJob',
        ),
    ]
