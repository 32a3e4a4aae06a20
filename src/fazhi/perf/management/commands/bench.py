"""fazhi bench [--json FILE] [--quick] [--only PARTS]: measure every indicator (whole installation and one county,
each against its SQL floor), the pages as the Justice Bureau and as a unit, the county report, a people import and the
pre-check on the configured database (fazhi.perf.bench). The import is rolled back; the figures the pages, the report
and `indicators.stored` read are stored as snapshots (indicators.snapshots), as on any first view; nothing else is
written. `--only pages,import` runs those parts only; the others stay in the JSON as null."""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from fazhi.perf import bench


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value).__name__)


PART_NAMES = {
    "indicators": "指标",
    "pages": "页面",
    "report": "县级报告",
    "import": "导入",
    "precheck": "合法性预审",
}


def parse_only(text: str | None) -> frozenset[str] | None:
    """The parts `--only` names (a comma list of bench.PARTS), or None (every part)."""
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    choices = "、".join(f"{p}（{PART_NAMES[p]}）" for p in bench.PARTS)
    if not parts:
        raise CommandError(f"--only 未指定要测量的部分，可选：{choices}，用逗号分隔。")
    unknown = [p for p in parts if p not in bench.PARTS]
    if unknown:
        raise CommandError(f"--only 中有未知的部分“{'、'.join(unknown)}”，可选：{choices}，用逗号分隔。")
    return frozenset(parts)


class Command(BaseCommand):
    help = "性能基准：指标（全域与一个县，对照SQL下限）、页面、县级报告、人员导入和合法性预审的用时。"

    def add_arguments(self, parser):
        parser.add_argument("--json", dest="json_file", default=None, help="把结果写入此JSON文件")
        parser.add_argument("--year", type=int, default=None, help="统计年度（默认上一年度）")
        parser.add_argument("--repeat", type=int, default=5, help="每个页面每个角色请求次数（默认5）")
        parser.add_argument("--rows", type=int, default=50_000, help="导入的人员行数（默认50000）")
        parser.add_argument("--pages", default="", help="只测地址以此开头的页面，如 /oversight/")
        parser.add_argument(
            "--page-timeout", type=float, default=60, help="页面超过此秒数未响应即记为超时（状态0，默认60）"
        )
        parser.add_argument(
            "--client",
            action="store_true",
            help="页面经Django测试客户端请求（默认：本进程内启动的实时服务器）",
        )
        parser.add_argument(
            "--only",
            default=None,
            help="只测这些部分，逗号分隔：indicators（指标）、pages（页面）、report（县级报告）、import（导入）、"
            "precheck（合法性预审）；未测的部分在JSON中为null",
        )
        parser.add_argument(
            "--quick", action="store_true", help="冒烟测试：页面各请求1次，导入200行，不逐项计时指标"
        )

    def handle(
        self, *args, json_file, year, repeat, rows, pages, quick, client, page_timeout, only, **options
    ):
        if rows < 1 or repeat < 1:
            raise CommandError("--rows 和 --repeat 至少为1。")
        parts = parse_only(only)
        if quick:
            repeat, rows = 1, min(rows, 200)

        def save(partial: dict) -> None:  # after each section: a long run that stops keeps what it measured
            if json_file:
                with open(json_file, "w", encoding="utf-8") as fh:
                    fh.write(json.dumps(partial, ensure_ascii=False, indent=2, default=_plain))

        result = bench.run(
            year=year,
            repeat=repeat,
            import_rows=rows,
            per_indicator=not quick,
            pages_prefix=pages,
            client=client,
            page_timeout=page_timeout,
            only=parts,
            save=save,
            log=lambda s: self.stderr.write(s),
        )
        text = json.dumps(result, ensure_ascii=False, indent=2, default=_plain)
        if json_file:
            with open(json_file, "w", encoding="utf-8") as fh:
                fh.write(text)
        self.stdout.write(summary(result))


def summary(r: dict) -> str:
    lines = [f"数据库：{r['database']}；规模：{r['scale']}；机器：{r['machine']}"]
    ind = r["indicators"]
    if ind is not None:
        lines.append(
            f"全部指标（{ind['year']}年）：全域 {ind['all']['seconds']} 秒 / {ind['all']['queries']} 次查询"
            f"（首次 {ind['all']['first_seconds']} 秒）；"
            f"一个县（{ind['county']['unit']}） {ind['county']['seconds']} 秒 / {ind['county']['queries']} 次查询"
            f"（首次 {ind['county']['first_seconds']} 秒）"
        )
        stored = ind.get("stored")
        if stored:
            lines.append(
                f"读取已保存的指标：全域 {stored['all']['seconds']} 秒 / {stored['all']['queries']} 次查询；"
                f"一个县 {stored['county']['seconds']} 秒 / {stored['county']['queries']} 次查询"
            )
        worst = sorted((p for p in ind["per"] if p["ratio"]), key=lambda p: -p["ratio"])[:10]
        for p in worst:
            lines.append(
                f"  {p['code']:<56} {p['seconds']:>8} 秒  下限 {p['floor_seconds']} 秒  ×{p['ratio']}"
            )
    if r["pages"] is not None:
        lines.append("页面（p50 / p95 毫秒，查询次数）：")
        for p in sorted(r["pages"], key=lambda p: -p["p95_ms"]):
            lines.append(
                f"  {p['role']:<15} {p['url']:<48} {p['p50_ms']:>9} {p['p95_ms']:>9} {p['queries']:>7}  {p['status']}"
            )
    if r["report"] is not None:
        rep = r["report"]
        lines.append(
            f"县级报告：{rep['seconds']} 秒（首次生成，计算未保存的指标：{rep['first_seconds']} 秒）"
        )
    if r["import"] is not None:
        lines.append(f"导入{r['import']['rows']}行：{r['import']['seconds']} 秒（{r['import']['summary']}）")
    if r["precheck"] is not None:
        lines.append(f"合法性预审{r['precheck']['characters']}字：{r['precheck']['ms']} 毫秒")
    skipped = [PART_NAMES[p] for p in bench.PARTS if r[p] is None]
    if skipped:
        lines.append(f"未测：{'、'.join(skipped)}（--only）")
    return "\n".join(lines)
