"""fazhi otp reset USERNAME | status: a system administrator's tools for administrators' TOTP devices."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core import audit
from fazhi.core.models import AuditEvent, User


class Command(BaseCommand):
    help = "动态口令：reset 重置某账号的动态口令设备（设备丢失时），status 列出已绑定的账号。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["reset", "status"])
        parser.add_argument("username", nargs="?")

    def handle(self, *args, action, username=None, **options):
        if action == "status":
            for device in TOTPDevice.objects.select_related("user").order_by("user__username"):
                state = "已绑定" if device.confirmed else "未完成绑定"
                self.stdout.write(f"{device.user.username}\t{state}")
            return
        user = User.objects.filter(username=username).first() if username else None
        if user is None:
            raise CommandError("请给出要重置的账号用户名（该账号须存在）。")
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        audit.record(actor=None, action=AuditEvent.Action.UPDATE, instance=user, note="重置动态口令设备")
        self.stdout.write(
            self.style.SUCCESS(f"已重置 {username} 的动态口令设备（{removed}个），下次登录时重新绑定。")
        )
