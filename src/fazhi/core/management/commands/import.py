"""fazhi import LEDGER FILE [--dry-run]: validate every row and import all of them, or none, with a progress bar."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fazhi.core.io import ledgers

from ._ledger_cli import acting_user


class Command(BaseCommand):
    help = "从 .xlsx 或 .csv 文件导入台账；任何一行有错误则整份不导入。"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账代码")
        parser.add_argument("file", help=".xlsx 或 .csv 文件（UTF-8 或 GBK 编码）")
        parser.add_argument("--dry-run", action="store_true", help="试导入：只检查并显示将发生的变更，不写入")
        parser.add_argument("--user", help="以该用户的权限导入（默认系统管理员）")

    def handle(self, *args, ledger, file, dry_run, user, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在：{file}")
        actor = acting_user(user)
        bar = tqdm(unit="行", desc="试导入" if dry_run else "导入", disable=None)

        def progress(done, total):
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            result = ledgers.run_import(
                ledger,
                content=path.read_bytes(),
                filename=path.name,
                actor=actor,
                dry_run=dry_run,
                progress=progress,
            )
        except ledgers.LedgerFileError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        for error in result.errors:
            self.stderr.write(str(error))
        if not result.ok:
            raise CommandError(result.summary())
        for item in result.preview[:20] if dry_run else []:
            self.stdout.write(f"  第{item['row']}行 {item['action']}：{item['record']}")
        self.stdout.write(self.style.SUCCESS(result.summary()))
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"提醒：{warning}"))
        for notice in result.notices:
            self.stdout.write(notice)
