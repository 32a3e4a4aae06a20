"""fazhi import_dir DIR [--dry-run]: import every ledger file of a folder in name order.

A file is named `<step>_<ledger code>.csv` (or .xlsx), e.g. `01_organizations.csv`, `08b_enforcement_powers.csv`;
files of other kinds (notes, API calls) are left alone. Each file goes through the same `run_import` as
`fazhi import` (all its rows or none); the first file with errors stops the run and every error of that file is
printed. A dry run imports the whole folder inside a transaction that is rolled back, so a later file sees the
records of the earlier ones.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.core.io import ledgers

from ._ledger_cli import acting_user
from ._progress import Bars

SUFFIXES = (".csv", ".xlsx")


class DryRunDone(Exception):
    """Raised at the end of a dry run to roll the folder's imports back."""


def ledger_files(folder: Path) -> list[tuple[Path, str]]:
    """The ledger files of a folder in name order, each with its ledger code (the name after the step prefix)."""
    found = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES):
        step, sep, code = path.stem.partition("_")
        if not sep or not step:
            raise CommandError(
                f"文件名“{path.name}”应为“序号_台账代码{path.suffix}”，如 01_organizations.csv。"
            )
        if code not in ledgers.REGISTRY:
            raise CommandError(
                f"文件“{path.name}”：没有名为“{code}”的台账。请用 fazhi ledgers 查看台账代码。"
            )
        found.append((path, code))
    return found


def step_of(path: Path) -> str:
    return path.stem.partition("_")[0]


class Command(BaseCommand):
    help = "按文件名顺序导入一个文件夹中的全部台账文件（序号_台账代码.csv/.xlsx）；遇到有错误的文件即停止。"

    def add_arguments(self, parser):
        parser.add_argument("folder", help="台账文件所在的文件夹")
        parser.add_argument("--dry-run", action="store_true", help="试导入：全部导入后回滚，不写入")
        parser.add_argument("--user", help="以该用户的权限导入（默认系统管理员）")
        parser.add_argument("--from", dest="first", help="只导入序号不小于此值的文件，如 14")
        parser.add_argument("--before", help="只导入序号小于此值的文件，如 14（其间可先经接口登记其他记录）")

    def handle(self, *args, folder, dry_run, user, first=None, before=None, **options):
        path = Path(folder)
        if not path.is_dir():
            raise CommandError(f"文件夹不存在：{folder}")
        files = [
            (file, code)
            for file, code in ledger_files(path)
            if (first is None or step_of(file) >= first) and (before is None or step_of(file) < before)
        ]
        if not files:
            raise CommandError(f"文件夹“{folder}”中没有台账文件（序号_台账代码.csv 或 .xlsx）。")
        actor = acting_user(user)
        if not dry_run:
            self._import_all(files, actor=actor, dry_run=False)
            self.stdout.write(self.style.SUCCESS(f"已导入{len(files)}个文件。"))
            return
        try:
            with transaction.atomic():
                self._import_all(files, actor=actor, dry_run=True)
                raise DryRunDone
        except DryRunDone:
            self.stdout.write(
                self.style.SUCCESS(f"试导入完成：{len(files)}个文件均无错误（已回滚，未写入）。")
            )

    def _import_all(self, files, *, actor, dry_run: bool) -> None:
        with Bars(self.stderr) as bars:
            for file, code in files:

                def progress(done, total, _name=file.name):
                    bars.update(_name, done, total)

                try:
                    result = ledgers.run_import(
                        code,
                        content=file.read_bytes(),
                        filename=file.name,
                        actor=actor,
                        dry_run=False,
                        progress=progress,
                    )
                except ledgers.LedgerFileError as exc:
                    raise CommandError(f"{file.name}：{exc}") from exc
                if not result.ok:
                    bars.close()
                    for error in result.errors:
                        self.stderr.write(f"{file.name} {error}")
                    earlier = "" if dry_run else "此前的文件已导入；"
                    raise CommandError(
                        f"{file.name}：{result.summary()}{earlier}修正后可重新运行（已导入的不会重复）。"
                    )
                self.stdout.write(f"{file.name}（{ledgers.get(code).name}）：{result.summary()}")
                for warning in result.warnings:
                    self.stdout.write(f"{file.name} 提醒：{warning}")
                if not dry_run:
                    for notice in result.notices:
                        self.stdout.write(notice)
