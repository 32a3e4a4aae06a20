"""fazhi datakey status | rotate.

status: for every encrypted column, how many values are under each key id (read from the raw column), so an
operator knows whether an old key is still needed; exit 1 when a value is not under FAZHI_DATA_KEY_ID.
rotate: re-encrypt every encrypted value under FAZHI_DATA_KEY_ID and FAZHI_DATA_CIPHER and recompute every blind
index under FAZHI_DATA_INDEX_KEY (old keys stay listed in FAZHI_DATA_KEYS until it has run), one progress bar per
table; then check that no value is left under another key, and record the rotation in the audit trail."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import audit, crypto
from fazhi.core.crypto import rotation
from fazhi.core.models import AuditChainHead, AuditEvent

from ._progress import Bars


class Command(BaseCommand):
    help = "个人信息加密密钥：status 查看各密钥下的密文数量；rotate 用当前密钥重新加密全部个人信息。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "rotate"])
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, action, no_progress=False, **options):
        problems = crypto.problems()
        if problems:
            raise CommandError("；".join(problems))
        current = crypto.current_key_id()
        if action == "status":
            self._status(current)
            return
        total = 0
        with Bars(self.stderr, disable=no_progress) as bars:
            for model in crypto.encrypted_models():
                stage = str(model._meta.verbose_name)
                total += rotation.reencrypt(model, progress=lambda done, n, s=stage: bars.update(s, done, n))
        stale = rotation.stale_values()
        if stale:
            left = "、".join(f"{column}（{n}条）" for column, n in stale.items())
            raise CommandError(f"重新加密后仍有未使用当前密钥的数据：{left}。")
        head, _ = AuditChainHead.objects.get_or_create(pk=1)
        audit.record(
            actor=None,
            action=AuditEvent.Action.DATA_KEY,
            instance=head,
            changes={"data_key_id": [None, current], "cipher": [None, crypto.cipher_name()]},
            note=f"个人信息加密密钥轮换：{total}条记录已用密钥“{current}”（{crypto.cipher_name()}）重新加密，检索索引已重算。",
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"已用密钥“{current}”（{crypto.cipher_name()}）重新加密{total}条记录；"
                "旧密钥已不再需要，可从 FAZHI_DATA_KEYS 中移除。"
            )
        )

    def _status(self, current: str) -> None:
        stale = 0
        for model in crypto.encrypted_models():
            for column, counts in rotation.key_usage(model).items():
                parts = "，".join(f"{key_id}：{n}" for key_id, n in sorted(counts.items())) or "无数据"
                self.stdout.write(f"{column}　{parts}")
                stale += sum(n for key_id, n in counts.items() if key_id != current)
        if stale:
            raise CommandError(f"有{stale}个值未使用当前密钥“{current}”：请运行 fazhi datakey rotate。")
        self.stdout.write(self.style.SUCCESS(f"全部个人信息均已使用当前密钥“{current}”加密。"))
