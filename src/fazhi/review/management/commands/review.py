"""fazhi review letter ID FILE.docx [--user USERNAME]: write a concluded legality review's opinion letter
(合法性审查意见书) to a .docx."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.core.management.commands._ledger_cli import acting_user
from fazhi.review.documents.reviews import opinion_letter
from fazhi.review.models import LegalityReview


class Command(BaseCommand):
    help = "合法性审查：letter 生成合法性审查意见书（.docx）。"

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        letter = subcommands.add_parser(
            "letter",
            help="生成已出具终审意见的合法性审查意见书",
            description="生成合法性审查意见书（送审单位、各级审查意见、终审意见及理由）。",
        )
        letter.add_argument("review_id", metavar="ID", help="合法性审查编号")
        letter.add_argument("file", metavar="FILE.docx", help="输出的 .docx 文件")
        letter.add_argument("--user", help="以该用户的权限生成（默认第一位系统管理员）")

    def handle(self, *args, subcommand, **options):
        if subcommand == "letter":
            self.letter(review_id=options["review_id"], file=options["file"], username=options["user"])

    def letter(self, *, review_id: str, file: str, username: str | None) -> None:
        if not review_id.isdigit():
            raise CommandError(f"合法性审查编号应为数字，收到“{review_id}”。")
        review = LegalityReview.objects.filter(pk=int(review_id)).first()
        if review is None:
            raise CommandError(f"没有编号为 {review_id} 的合法性审查。")
        actor = acting_user(username)
        # One transaction: a file that cannot be written leaves no export event behind.
        with transaction.atomic():
            try:
                content = opinion_letter(actor=actor, review=review)
            except PermissionDenied as exc:
                raise CommandError(str(exc)) from exc
            except ValidationError as exc:
                raise CommandError("；".join(exc.messages)) from exc
            try:
                Path(file).write_bytes(content)
            except OSError as exc:
                raise CommandError(f"无法写入文件 {file}：{exc.strerror or exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"已生成“{review}”的合法性审查意见书：{file}（{len(content):,} 字节）")
        )
