"""fazhi backup FILE: one archive with a consistent snapshot of the database and every uploaded file (core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import backup

from ._progress import Bars


class Command(BaseCommand):
    help = "备份：把数据库的一致快照和全部上传文件写入一个带校验清单的归档文件。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份归档文件路径，如 /backup/fazhi-20260101.tar")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, file, no_progress=False, **options):
        with Bars(self.stderr, disable=no_progress) as bars:
            try:
                manifest = backup.create(Path(file), progress=bars.update)
            except backup.BackupError as exc:
                raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        files = sum(1 for f in manifest["files"] if f["name"].startswith("media/"))
        self.stdout.write(
            self.style.SUCCESS(f"已备份到 {file}：{len(manifest['rows'])}张表共{rows}行，上传文件{files}个。")
        )
