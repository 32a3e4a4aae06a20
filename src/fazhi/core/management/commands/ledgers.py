"""fazhi ledgers: list every registered ledger and its columns."""

from django.core.management.base import BaseCommand

from fazhi.core.io import ledgers


class Command(BaseCommand):
    help = "列出全部台账及其列。"

    def handle(self, *args, **options):
        for code, ledger in ledgers.REGISTRY.items():
            self.stdout.write(self.style.MIGRATE_HEADING(f"{code}  {ledger.name}台账"))
            for col in ledger.columns:
                required = "必填" if col.required else "选填"
                detail = "；".join(x for x in (col.help, col.describe()) if x)
                self.stdout.write(f"  {col.header}（{required}）{('：' + detail) if detail else ''}")
