"""fazhi disputes: documents, the national-platform export and deemed acceptance of reconsideration cases."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.management.commands._ledger_cli import acting_user
from fazhi.disputes import documents, selectors, services
from fazhi.disputes.documents import platform


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

    def handle(self, *args, subcommand, **options):
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

    def _write(self, file: str, content: bytes) -> None:
        try:
            Path(file).write_bytes(content)
        except OSError as exc:
            raise CommandError(f"无法写入文件 {file}：{exc.strerror or exc}") from exc
