"""fazhi decisions archive ID FILE.zip [--user USERNAME]: write a major decision's file (决策档案) to a .zip."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.core.management.commands._ledger_cli import acting_user
from fazhi.decisions.documents import build_archive
from fazhi.decisions.models import Decision


class Command(BaseCommand):
    help = "重大行政决策：archive 生成决策档案（.zip）。"

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        archive = subcommands.add_parser(
            "archive",
            help="生成决策档案：决策档案 docx、各程序附件和审计记录 csv",
            description="生成决策档案（重大行政决策程序暂行条例第三十三条）。",
        )
        archive.add_argument("decision_id", metavar="ID", help="决策编号")
        archive.add_argument("file", metavar="FILE.zip", help="输出的 .zip 文件")
        archive.add_argument("--user", help="以该用户的权限生成（默认第一位系统管理员）")

    def handle(self, *args, subcommand, **options):
        if subcommand == "archive":
            self.archive(decision_id=options["decision_id"], file=options["file"], username=options["user"])

    def archive(self, *, decision_id: str, file: str, username: str | None) -> None:
        if not decision_id.isdigit():
            raise CommandError(f"决策编号应为数字，收到“{decision_id}”。")
        decision = Decision.objects.filter(pk=int(decision_id)).first()
        if decision is None:
            raise CommandError(f"没有编号为 {decision_id} 的重大行政决策。")
        actor = acting_user(username)
        # One transaction: a file that cannot be written leaves no export event behind.
        with transaction.atomic():
            try:
                content = build_archive(actor=actor, decision=decision)
            except PermissionDenied as exc:
                raise CommandError(str(exc)) from exc
            try:
                Path(file).write_bytes(content)
            except OSError as exc:
                raise CommandError(f"无法写入文件 {file}：{exc.strerror or exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"已生成“{decision}”的决策档案：{file}（{len(content):,} 字节）")
        )
