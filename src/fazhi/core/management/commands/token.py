"""fazhi token issue USERNAME --name 用途 | fazhi token revoke 前缀 | fazhi token list: API tokens for machine clients.

A token acts as the login it is issued to (its unit and role); the token is printed once and only its SHA-256 is
kept. Issuing and revoking are audit events; so is every call made with a token."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core import services
from fazhi.core.models import ApiToken, User

from ._ledger_cli import acting_user


def _message(error: ValidationError) -> str:
    return "；".join(error.messages)


class Command(BaseCommand):
    help = "接口令牌：签发（issue）、吊销（revoke）、列出（list）。令牌只显示一次。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="为一个账号签发令牌")
        issue.add_argument("username", help="令牌代表的账号（须有单位和角色，不能是系统管理员）")
        issue.add_argument("--name", required=True, help="令牌用途，如“12345热线平台对接”")
        revoke = sub.add_parser("revoke", help="吊销令牌")
        revoke.add_argument("prefix", help="令牌前缀（list 显示的前8位）")
        sub.add_parser("list", help="列出全部令牌")
        for p in (issue, revoke):
            p.add_argument("--user", help="以该用户的权限操作（默认系统管理员）")

    def handle(self, *args, action, **options):
        if action == "list":
            for token in ApiToken.objects.select_related("user").order_by("created_at"):
                state = "已吊销" if token.revoked_at else "有效"
                used = token.last_used_at.strftime("%Y-%m-%d %H:%M") if token.last_used_at else "未使用"
                self.stdout.write(
                    f"{token.prefix}\t{state}\t{token.user.username}\t{token.name}\t最近使用：{used}"
                )
            return
        actor = acting_user(options.get("user"))
        try:
            if action == "issue":
                user = User.objects.filter(username=options["username"]).first()
                if user is None:
                    raise CommandError(f"账号“{options['username']}”不存在。")
                token, raw = services.issue_token(actor=actor, user=user, name=options["name"])
                self.stdout.write(
                    f"已签发令牌“{token.name}”，代表账号 {user.username}。令牌只显示这一次，请妥善保存："
                )
                self.stdout.write(raw)
            else:
                matches = list(ApiToken.objects.filter(prefix=options["prefix"]))
                if len(matches) != 1:
                    raise CommandError(f"前缀“{options['prefix']}”对应{len(matches)}个令牌，须恰好一个。")
                services.revoke_token(actor=actor, token=matches[0])
                self.stdout.write(f"已吊销令牌 {options['prefix']}…")
        except ValidationError as error:
            raise CommandError(_message(error)) from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
