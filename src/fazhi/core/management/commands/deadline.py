"""fazhi deadline --from 2024-09-27 --days 5 --working: print a statutory deadline and how it was computed."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import calendar


class Command(BaseCommand):
    help = "计算法定期限的截止日（起算日不计入；届满日遇休息日顺延；工作日跳过节假日并计入调休上班日）。"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="起算日，如 2024-09-27")
        parser.add_argument("--days", type=int, help="期间天数")
        parser.add_argument("--months", type=int, help="期间月数")
        kind = parser.add_mutually_exclusive_group()
        kind.add_argument("--working", action="store_true", help="按工作日计算")
        kind.add_argument("--calendar", action="store_true", help="按自然日计算（默认）")
        parser.add_argument("--explain", action="store_true", help="同时输出计算过程")

    def handle(self, *args, start, days, months, working, explain, **options):
        try:
            start_date = dt.date.fromisoformat(start)
        except ValueError as exc:
            raise CommandError(f"起算日“{start}”不是有效日期，应为 2024-09-27 的格式。") from exc
        if (days is None) == (months is None):
            raise CommandError("请给出 --days 或 --months 之一。")
        if months is not None and working:
            raise CommandError("按月计算的期间不能同时指定 --working。")
        try:
            if months is not None:
                deadline = calendar.add_months(start_date, months)
            elif working:
                deadline = calendar.add_working_days(start_date, days)
            else:
                deadline = calendar.add_calendar_days(start_date, days)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        line = deadline.due.isoformat()
        if deadline.provisional:
            line += " provisional（暂定）"
        self.stdout.write(line)
        if explain or deadline.provisional:
            self.stdout.write(deadline.explain())
