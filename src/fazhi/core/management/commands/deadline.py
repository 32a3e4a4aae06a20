"""fazhi deadline --from 2024-09-27 --days 5 --working: print a statutory deadline and how it was computed."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import calendar


def _count(value: str | None, option: str, what: str) -> int | None:
    # Parsed here rather than by argparse, whose type errors come out in English.
    if value is None:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise CommandError(f"{option} 的值“{value}”不是整数，应为{what}，如 {option} 5。") from exc


class Command(BaseCommand):
    help = "计算法定期限的截止日（起算日不计入；届满日遇休息日顺延；工作日跳过节假日并计入调休上班日）。"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", help="起算日，如 2024-09-27（必填）")
        parser.add_argument("--days", help="期间天数")
        parser.add_argument("--months", help="期间月数")
        kind = parser.add_mutually_exclusive_group()
        kind.add_argument("--working", action="store_true", help="按工作日计算")
        kind.add_argument("--calendar", action="store_true", help="按自然日计算（默认）")
        parser.add_argument("--explain", action="store_true", help="同时输出计算过程")

    def handle(self, *args, start, days, months, working, explain, **options):
        if not start:
            raise CommandError("请用 --from 给出起算日，如 --from 2024-09-27。")
        try:
            start_date = dt.date.fromisoformat(start)
        except ValueError as exc:
            raise CommandError(f"起算日“{start}”不是有效日期，应为 2024-09-27 的格式。") from exc
        days, months = _count(days, "--days", "期间天数"), _count(months, "--months", "期间月数")
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
        except OverflowError as exc:
            raise CommandError("期限超出可计算的日期范围（公元9999年）。") from exc
        line = deadline.due.isoformat()
        if deadline.provisional:
            line += " provisional（暂定）"
        self.stdout.write(line)
        if explain or deadline.provisional:
            self.stdout.write(deadline.explain())
