"""fazhi dbroles ROLE [--apply]: the grants that let the application role work without owning anything (PostgreSQL).

Run as the owner role after every `fazhi migrate`: prints the statements, or runs them with --apply."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from fazhi.core.dbroles import app_role_grants


class Command(BaseCommand):
    help = "PostgreSQL：为应用连接角色授予所需的最小权限（不可清空、修改表结构或停用触发器）。"

    def add_arguments(self, parser):
        parser.add_argument("role", help="应用连接使用的角色名，如 fazhi_app")
        parser.add_argument("--apply", action="store_true", help="直接执行（须以表的所有者角色连接）")

    def handle(self, *args, role, apply=False, **options):
        if connection.vendor != "postgresql":
            raise CommandError("dbroles 只适用于 PostgreSQL。")
        statements = app_role_grants(role)
        if not apply:
            self.stdout.write("\n".join(statements))
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        self.stdout.write(self.style.SUCCESS(f"已为角色 {role} 授予最小权限（{len(statements)}条语句）。"))
