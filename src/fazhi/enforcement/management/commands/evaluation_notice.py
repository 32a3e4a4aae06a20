"""fazhi evaluation_notice --campaign ID --org CODE --out FILE.docx [--date YYYY-MM-DD] [--user USERNAME]: write the
evaluation results notice (评查结果通知书) of a unit's files in a case-file evaluation campaign."""

import datetime as dt
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.core.management.commands._ledger_cli import acting_user
from fazhi.core.models import Organization
from fazhi.enforcement.documents.evaluation import evaluation_notice
from fazhi.enforcement.models import EvaluationCampaign


class Command(BaseCommand):
    help = "案卷评查：生成某单位的评查结果通知书（.docx），列出其案卷的得分、等次、否决项和发现的问题。"

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, metavar="ID", help="评查活动编号")
        parser.add_argument("--org", required=True, metavar="CODE", help="被评查单位的单位代码")
        parser.add_argument("--out", required=True, metavar="FILE.docx", help="输出的 .docx 文件")
        parser.add_argument("--date", help="通知书落款日期（YYYY-MM-DD，默认今日）")
        parser.add_argument("--user", help="以该用户的权限生成（默认第一位系统管理员）")

    def handle(self, *args, campaign, org, out, date, user, **options):
        if not str(campaign).isdigit():
            raise CommandError(f"评查活动编号应为数字，收到“{campaign}”。")
        found = EvaluationCampaign.objects.filter(pk=int(campaign)).first()
        if found is None:
            raise CommandError(f"没有编号为 {campaign} 的评查活动。")
        unit = Organization.objects.filter(code=org).first()
        if unit is None:
            raise CommandError(f"单位代码“{org}”不存在。")
        on = None
        if date:
            try:
                on = dt.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"日期“{date}”无效，应为 YYYY-MM-DD。") from exc
        actor = acting_user(user)
        # One transaction: a file that cannot be written leaves no export event behind.
        with transaction.atomic():
            try:
                content = evaluation_notice(actor=actor, campaign=found, organization=unit, on=on)
            except PermissionDenied as exc:
                raise CommandError(str(exc)) from exc
            except ValidationError as exc:
                raise CommandError("；".join(exc.messages)) from exc
            try:
                Path(out).write_bytes(content)
            except OSError as exc:
                raise CommandError(f"无法写入文件 {out}：{exc.strerror or exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已生成{unit.name}的评查结果通知书（{found}）：{out}（{len(content):,} 字节）"
            )
        )
