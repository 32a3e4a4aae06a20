"""The annexes of the annual report's .docx: every figure with its definition, parts and the change on the year
before; for a city, its districts compared figure by figure with the trend of the three years before; for an issued
report, what differs from the platform's draft and from last year's report."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from fazhi.core.io.officialdoc import OfficialDocument

from ..rules import comparison as comparison_rules
from ..rules.figures import MISSING, number, with_unit
from .charts import bar_chart

BODY_WIDTH = 156  # mm between the margins of A4 (210 − 28 − 26)
DIFF_LINES = 200


@dataclass
class Annexes:
    figures: list[dict] = field(default_factory=list)
    charts: dict | None = None  # selectors.dashboard.trend(): years and series
    comparison: object | None = None  # selectors.comparison.Comparison
    against_draft: list[str] | None = None
    against_last_year: dict | None = None
    computed_at: dt.datetime | None = (
        None  # when the figures were computed (indicators.snapshots); None: as issued
    )
    stale: bool = False  # records changed since: their recompute is under way


def _parts(d: dict) -> str:
    if d.get("numerator") is None or d.get("denominator") is None:
        return MISSING
    return f"{number(d['numerator'])}/{number(d['denominator'])}"


def _change(d: dict) -> str:
    if d.get("change") is None:
        return MISSING
    sign = "+" if d["change"] > 0 else ""
    return f"{sign}{number(d['change'])}{'个百分点' if d['kind'] == 'rate' else '%'}"


def computed_note(computed_at: dt.datetime | None, stale: bool) -> str:
    """When the figures were computed, in Beijing time, and whether records changed since ("" when not known)."""
    if computed_at is None:
        return ""
    at = timezone.localtime(computed_at)
    note = f"数据计算于{at.year}年{at.month}月{at.day}日{at:%H:%M}"
    return note + ("，其后记录有变化，数据正在更新。" if stale else "。")


def figures_table(
    letter: OfficialDocument, figures: list[dict], title: str, computed_at=None, stale: bool = False
) -> None:
    letter.heading(title)
    if note := computed_note(computed_at, stale):
        letter.paragraph(note, indent=False)
    letter.table(
        ["指标", "数值", "口径", "分子/分母", "上年", "同比"],
        [
            [
                d["name"],
                with_unit(d["value"], d["unit"]),
                d.get("definition", ""),
                _parts(d),
                with_unit(d["previous"], d["unit"]),
                _change(d),
            ]
            for d in figures
        ],
        [30, 18, 54, 20, 16, 18],
    )


def charts_section(letter: OfficialDocument, trend: dict, title: str) -> None:
    """Each trend figure of the dashboard as a bar chart over its years, its title in the caption."""
    letter.heading(title)
    years = trend["years"]
    for i, series in enumerate(trend["series"], 1):
        letter.paragraph(
            f"图{i}　{series['name']}（{series['unit']}，{years[0]}—{years[-1]}年）",
            align=WD_ALIGN_PARAGRAPH.CENTER,
            indent=False,
        )
        image = bar_chart(years, series["values"])
        letter.doc.add_paragraph().add_run().add_picture(io.BytesIO(image), width=Mm(140))


def comparison_tables(letter: OfficialDocument, comparison, title: str) -> None:
    names = [d.name for d in comparison.districts]
    letter.heading(title)
    letter.paragraph(f"（一）{comparison.year}年各区数值和名次")
    each = (BODY_WIDTH - 30 - 18 - 22) / max(len(names), 1)
    rows = []
    for row in comparison.rows:
        cells = [row.name]
        for name in names:
            value = row.values.get(name)
            rank = row.ranks.get(name)
            cells.append(f"{with_unit(value, row.unit)}（第{rank}）" if rank else MISSING)
        cells.append(with_unit(row.median, row.unit))
        cells.append("、".join(f"{n}{side}" for n, side in row.outliers.items()) or "无")
        rows.append(cells)
    letter.table(["指标", *names, "中位数", "异常值"], rows, [30, *([each] * len(names)), 18, 22])
    letter.paragraph(f"说明：{comparison_rules.METHOD}")
    letter.paragraph(f"（二）{comparison.years[0]}年至{comparison.year}年各区趋势")
    year_width = (BODY_WIDTH - 40 - 36) / len(comparison.years)
    trend_rows = [
        [row.name, name, *(with_unit(v, row.unit) for v in row.trend.get(name, []))]
        for row in comparison.rows
        for name in names
    ]
    letter.table(
        ["指标", "区", *(f"{y}年" for y in comparison.years)],
        trend_rows,
        [40, 36, *([year_width] * len(comparison.years))],
    )


def diff_section(letter: OfficialDocument, against_draft: list[str] | None, last: dict | None, title: str):
    letter.heading(title)
    if against_draft is not None:
        letter.paragraph("（一）印发稿与平台起草稿的差异（“-”为起草稿，“+”为印发稿）")
        for line in against_draft[:DIFF_LINES] or ["无差异。"]:
            letter.paragraph(line, indent=False)
    if last is not None:
        letter.paragraph(f"（二）与{last['source']}的数据比较")
        letter.table(
            ["指标", "本年", "上年", "增减"],
            [
                [
                    r["name"],
                    with_unit(r["this"], r["unit"]),
                    with_unit(r["last"], r["unit"]),
                    MISSING if r["difference"] is None else number(r["difference"]),
                ]
                for r in last["figures"]
            ],
            [66, 30, 30, 30],
        )
        letter.paragraph(f"（三）与{last['source']}的文字差异")
        for line in last["text"][:DIFF_LINES] or ["无差异。"]:
            letter.paragraph(line, indent=False)


def add(letter: OfficialDocument, annexes: Annexes) -> None:
    """Each annex on a new page, numbered 附件1, 附件2…"""
    number_ = 0

    def next_title(name: str) -> str:
        nonlocal number_
        number_ += 1
        letter.doc.add_page_break()
        return f"附件{number_}：{name}"

    if annexes.figures:
        figures_table(
            letter,
            annexes.figures,
            next_title("指标一览（口径、构成和同比）"),
            annexes.computed_at,
            annexes.stale,
        )
    if annexes.charts and annexes.charts.get("series"):
        charts_section(letter, annexes.charts, next_title("驾驶舱图表"))
    if annexes.comparison is not None and annexes.comparison.districts:
        comparison_tables(letter, annexes.comparison, next_title("各区指标比较"))
    if annexes.against_draft is not None or annexes.against_last_year is not None:
        diff_section(
            letter,
            annexes.against_draft,
            annexes.against_last_year,
            next_title("印发稿与起草稿、上年报告的比较"),
        )
