"""fazhi circular --plan ID --from DATE --to DATE --out FILE.docx|.xlsx [--user USERNAME]: a task plan's 通报."""

import datetime as dt
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.core.management.commands._ledger_cli import acting_user
from fazhi.oversight.documents import circulars as circular
from fazhi.oversight.models import TaskPlan


def _date(text: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{name}应为日期，如 2025-06-30，收到“{text}”。") from exc


class Command(BaseCommand):
    help = (
        "生成任务分工台账的进展情况通报（.docx 或 .xlsx）：各单位牵头任务、已完成、按时完成、逾期、未启动。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, metavar="ID", help="计划编号")
        parser.add_argument("--from", dest="start", required=True, metavar="DATE", help="通报期间起始日期")
        parser.add_argument("--to", dest="end", required=True, metavar="DATE", help="通报期间截止日期")
        parser.add_argument("--out", required=True, metavar="FILE", help="输出文件，.docx 或 .xlsx")
        parser.add_argument("--user", help="以该用户的权限生成（默认第一位系统管理员）")

    def handle(self, *args, plan, start, end, out, user, **options):
        if not str(plan).isdigit():
            raise CommandError(f"计划编号应为数字，收到“{plan}”。")
        record = TaskPlan.objects.filter(pk=int(plan)).first()
        if record is None:
            raise CommandError(f"没有编号为 {plan} 的计划。")
        fmt = Path(out).suffix.lower().lstrip(".")
        if fmt not in ("docx", "xlsx"):
            raise CommandError("输出文件应以 .docx 或 .xlsx 结尾。")
        actor = acting_user(user)
        with transaction.atomic():
            try:
                content = circular.generate(
                    actor=actor,
                    plan=record,
                    start=_date(start, "--from"),
                    end=_date(end, "--to"),
                    fmt=fmt,
                )
            except (PermissionDenied, ValidationError) as exc:
                raise CommandError("；".join(getattr(exc, "messages", [str(exc)]))) from exc
            try:
                Path(out).write_bytes(content)
            except OSError as exc:
                raise CommandError(f"无法写入文件 {out}：{exc.strerror or exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"已生成“{record}”的通报：{out}（{len(content):,} 字节）"))
