"""fazhi indicators --year 2024 [--org CODE] [--json]: every registered figure, with the year before and the change."""

import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import Organization
from fazhi.indicators.registry import RATE, Period, evaluate_all


class Command(BaseCommand):
    help = "列出全部已登记指标在某年度的值、上年值和同比变化。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="年度，如 2024")
        parser.add_argument("--org", help="单位代码：只统计该单位及其下级单位")
        parser.add_argument("--json", dest="as_json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--prefix", default="", help="只列出代码以此开头的指标")

    def handle(self, *args, year, org, as_json: bool, prefix: str, **options):
        scope = None
        if org:
            scope = Organization.objects.filter(code=org).first()
            if scope is None:
                raise CommandError(f"单位代码“{org}”不存在。")
        results = evaluate_all(Period.year(year), scope, prefix)
        if as_json:
            self.stdout.write(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
            return
        for r in results:
            d = r.as_dict()
            value = "—" if d["value"] is None else d["value"]
            extra = f"（{d['numerator']}/{d['denominator']}）" if r.indicator.kind == RATE else ""
            change = ""
            if d["change"] is not None:
                change = f"  同比{'+' if d['change'] >= 0 else ''}{d['change']}{'个百分点' if r.indicator.kind == RATE else '%'}"
            self.stdout.write(
                f"{d['code']:<55} {d['name']}：{value}{d['unit']}{extra}  上年：{d['previous']}{change}"
            )
