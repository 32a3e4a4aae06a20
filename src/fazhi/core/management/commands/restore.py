"""fazhi restore FILE [--replace]: restore an archive written by `fazhi backup` (core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import backup

from ._progress import Bars


class Command(BaseCommand):
    help = "恢复：校验备份归档后，把数据库和上传文件恢复到当前配置的数据库与文件目录。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="fazhi backup 写出的归档文件")
        parser.add_argument("--replace", action="store_true", help="当前数据库已有数据时仍然覆盖（慎用）")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, file, replace=False, no_progress=False, **options):
        with Bars(self.stderr, disable=no_progress) as bars:
            try:
                manifest = backup.restore(Path(file), replace=replace, progress=bars.update)
            except backup.BackupError as exc:
                raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"已从 {file}（{manifest['created'][:19]} 备份）恢复：{len(manifest['rows'])}张表共{rows}行，"
                f"行数与清单一致。请运行 fazhi audit verify 校验审计链。"
            )
        )
