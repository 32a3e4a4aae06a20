"""fazhi export LEDGER FILE: write what the acting user may see of a ledger to an xlsx file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fazhi.core.io import ledgers

from ._ledger_cli import acting_user


class Command(BaseCommand):
    help = "将台账导出为 xlsx 文件。"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账代码（fazhi ledgers 可查看）")
        parser.add_argument("file", help="输出的 .xlsx 文件")
        parser.add_argument("--user", help="以该用户的权限导出（默认系统管理员）")

    def handle(self, *args, ledger, file, user, **options):
        try:
            target = ledgers.get(ledger)
        except ledgers.LedgerFileError as exc:
            raise CommandError(str(exc)) from exc
        actor = acting_user(user)
        rows = target.export_queryset(actor)
        bar = tqdm(total=rows.count(), unit="行", desc=f"导出{target.name}", disable=None)

        def progress(done, total):
            bar.n = done
            bar.refresh()

        content = ledgers.export_xlsx(target, rows, progress=progress)
        bar.close()
        Path(file).write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"已导出{bar.n}条{target.name}记录到 {file}"))
