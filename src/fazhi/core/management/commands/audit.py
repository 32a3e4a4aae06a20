"""fazhi audit verify: walk the hash chain; exit 1 naming the first broken event, 0 when the chain is whole."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.audit import verify_chain


class Command(BaseCommand):
    help = "审计记录：verify 校验哈希链是否完整。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"], help="verify：校验审计哈希链")

    def handle(self, *args, action, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"审计链校验失败：{result.reason}（首个异常记录序号：{result.broken_seq}；此前{result.checked}条完好）"
            )
        self.stdout.write(self.style.SUCCESS(f"审计链完整：共{result.checked}条记录，逐条校验通过。"))
