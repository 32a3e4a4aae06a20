"""fazhi audit verify | checkpoint | rotate-key.

verify: walk the keyed chain and the signed checkpoints outside the database; list every event forged, rewritten or
missing and a chain cut short; exit 1 when anything is wrong, 0 when the chain is whole.
checkpoint: append a signed checkpoint of the chain head to FAZHI_AUDIT_CHECKPOINT_FILE (or --file).
rotate-key: record now that new events are signed with FAZHI_AUDIT_KEY_ID (keep the old key listed to verify)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.audit import checkpoints, rotate_key, verify_chain


class Command(BaseCommand):
    help = "审计记录：verify 校验审计链；checkpoint 在库外写入签名检查点；rotate-key 记录密钥轮换。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint", "rotate-key"])
        parser.add_argument("--file", help="检查点文件（默认 FAZHI_AUDIT_CHECKPOINT_FILE）")

    def handle(self, *args, action, file=None, **options):
        path = Path(file) if file else None
        if action == "checkpoint":
            mark = checkpoints.write(path)
            self.stdout.write(self.style.SUCCESS(f"已写入审计检查点：第{mark.seq}条，密钥 {mark.key_id}。"))
            return
        if action == "rotate-key":
            event = rotate_key(actor=None)
            if event is None:
                self.stdout.write("审计链已使用当前密钥，无需轮换。")
            else:
                self.stdout.write(self.style.SUCCESS(f"已记录密钥轮换：第{event.seq}条。{event.note}"))
            return
        result = verify_chain(checkpoint_file=path)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(problem.message)
            raise CommandError(
                f"审计链校验失败：{result.reason}（首个异常记录序号：{result.broken_seq}；共{len(result.problems)}处异常；"
                f"已校验{result.checked}条）"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"审计链完整：共{result.checked}条记录，逐条校验签名通过；核对库外检查点{result.checkpoints}个。"
            )
        )
