"""What the ledger commands share: finding the acting user."""

from django.core.management.base import CommandError

from fazhi.core.models import Role, User


def acting_user(username: str | None) -> User:
    """The named user, or the first active system administrator (the CLI runs with administrator rights)."""
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在或已停用。")
        return user
    user = (
        User.objects.filter(is_active=True).filter(role=Role.SYSTEM_ADMIN).order_by("pk").first()
        or User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
    )
    if user is None:
        raise CommandError(
            "没有可用的系统管理员用户，请用 --user 指定操作人，或先运行 fazhi demo / createsuperuser。"
        )
    return user
