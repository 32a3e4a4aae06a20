"""fazhi disputes: documents, the national-platform export and deemed acceptance of reconsideration cases."""

import json
import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core import clock
from fazhi.core.management.commands._ledger_cli import acting_user
from fazhi.disputes import documents, selectors, services
from fazhi.disputes.documents import platform
from fazhi.disputes.rules import events as timeline_events
from fazhi.disputes.rules import timeline


class Command(BaseCommand):
    help = (
        "行政复议：document 生成文书（.docx）；export 导出全国平台数据；deem 对审查期限届满的申请视为受理。"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        doc = sub.add_parser(
            "document", help="生成案件文书 .docx", description=f"文书种类：{'、'.join(documents.KINDS)}"
        )
        doc.add_argument("docket", metavar="案号或编号")
        doc.add_argument("kind", choices=sorted(documents.KINDS))
        doc.add_argument("file", metavar="FILE.docx")
        doc.add_argument("--user")
        exp = sub.add_parser("export", help="导出某年度案件（全国行政复议工作平台格式）")
        exp.add_argument("year", type=int)
        exp.add_argument("file", metavar="FILE")
        exp.add_argument("--format", choices=list(platform.FORMATS), default="csv")
        exp.add_argument("--user")
        deem = sub.add_parser("deem", help="对受理审查期限届满、未作出不予受理决定的申请视为受理（第三十条）")
        deem.add_argument("--user")
        tl = sub.add_parser(
            "timeline",
            help="期限计算器：按事项计算审查、补正、答复、决定等期限（输入格式见 docs/disputes.md）",
        )
        tl.add_argument("file", metavar="FILE.json")
        tl.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, subcommand, **options):
        if subcommand == "timeline":
            return self._timeline(options["file"], as_json=options["json"])
        actor = acting_user(options.get("user"))
        try:
            if subcommand == "document":
                key = options["docket"]
                cases = selectors.cases_for(actor)
                case = cases.filter(docket_number=key).first() or (
                    cases.filter(pk=int(key)).first() if key.isdigit() else None
                )
                if case is None:
                    raise CommandError(f"没有案号或编号为“{key}”的行政复议案件。")
                name, content = documents.generate(actor=actor, case=case, kind=options["kind"])
                self._write(options["file"], content)
                self.stdout.write(self.style.SUCCESS(f"已生成{name}：{options['file']}"))
            elif subcommand == "export":
                name, content = platform.export(actor=actor, year=options["year"], fmt=options["format"])
                self._write(options["file"], content)
                self.stdout.write(self.style.SUCCESS(f"已导出{name}：{options['file']}"))
            else:
                done = services.deem_overdue_acceptances(actor=actor)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"视为受理{len(done)}件：{'、'.join(c.docket_number for c in done) or '无'}"
                    )
                )
        except (PermissionDenied, ValidationError) as exc:
            raise CommandError("；".join(getattr(exc, "messages", [str(exc)]))) from exc

    def _timeline(self, file: str, *, as_json: bool) -> None:
        """The calculator: read the events, print the clocks; exit status 1 when any event is refused."""
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"无法读取文件 {file}：{exc.strerror or exc}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"{file} 不是有效的 JSON：第{exc.lineno}行第{exc.colno}列") from exc
        try:
            procedure, events = timeline_events.parse(data)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        result = timeline.run(procedure, events, today=clock.today())
        if as_json:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        else:
            for line in timeline.as_text(result):
                self.stdout.write(line)
        if result.refused:
            sys.exit(1)

    def _write(self, file: str, content: bytes) -> None:
        try:
            Path(file).write_bytes(content)
        except OSError as exc:
            raise CommandError(f"无法写入文件 {file}：{exc.strerror or exc}") from exc
