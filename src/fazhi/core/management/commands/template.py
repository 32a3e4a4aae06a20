"""fazhi template LEDGER FILE: write the ledger's import template (Chinese headers and an explanation sheet)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.io import ledgers
from fazhi.core.models import Organization


class Command(BaseCommand):
    help = "生成台账的导入模板（.xlsx）。"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账代码")
        parser.add_argument("file", help="输出的 .xlsx 文件")

    def handle(self, *args, ledger, file, **options):
        try:
            units = Organization.objects.filter(is_active=True)
            Path(file).write_bytes(ledgers.template_xlsx(ledger, units=units))
        except ledgers.LedgerFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"已生成导入模板：{file}"))
