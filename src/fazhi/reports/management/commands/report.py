"""fazhi report --year 2025 [--org CODE] --format docx|html|json|pdf --out FILE: the annual report of a unit (the
district by default) as a file, with a progress bar; an issued report comes out as issued."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fazhi.core.models import Organization
from fazhi.reports.documents import annual as documents
from fazhi.reports.services import rendering


class Command(BaseCommand):
    help = "生成法治政府建设年度报告（docx、html、json，装有 LibreOffice 时可生成 pdf）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
        parser.add_argument("--org", help="单位代码；默认为第一个区（县）人民政府")
        parser.add_argument("--format", dest="fmt", choices=list(documents.FORMATS), default="docx")
        parser.add_argument("--out", required=True, help="输出文件")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, year: int, org: str | None, fmt: str, out: str, no_progress: bool, **options):
        if org:
            organization = Organization.objects.filter(code=org).first()
            if organization is None:
                raise CommandError(f"单位代码“{org}”不存在。")
        else:
            organization = Organization.objects.filter(parent__isnull=True).order_by("path").first()
            if organization is None:
                raise CommandError("尚无单位，请先建立单位或运行 fazhi demo。")
        bar = tqdm(total=1, desc="计算指标", unit="项", disable=no_progress, file=self.stderr._out)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)  # update() keeps tqdm's refresh interval; a log file gets few lines

        try:
            content, name = rendering.render_report(organization, year, fmt, progress=progress)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        finally:
            bar.close()
        Path(out).write_bytes(content)
        self.stdout.write(f"已生成《{name}》：{out}（{len(content)} 字节）")
