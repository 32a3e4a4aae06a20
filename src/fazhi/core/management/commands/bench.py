"""fazhi bench [--rows N]: time a dry run and a real import of N generated people against the import budget
(10,000 rows in at most 30 s each); exits non-zero when over budget. Run it on a throwaway database: it keeps
what it imports."""

from __future__ import annotations

import datetime as dt
import io
import random
import secrets
import time

from django.core.management.base import BaseCommand, CommandError
from openpyxl import Workbook

from fazhi.core import ids, services
from fazhi.core.io import ledgers
from fazhi.core.ledgers import PersonLedger
from fazhi.core.models import Organization, OrganizationKind, Role, User

BUDGET_ROWS = 10_000
BUDGET_SECONDS = 30.0
MIN_BUDGET_SECONDS = 2.0  # a small file still pays for reading the workbook and a few queries
REGION = "990199"  # not a real administrative division: generated numbers cannot be anyone's
BENCH_UNIT = "BENCH"
POSITIONS = ["科员", "副科长", "科长", "执法队员", "法制审核员", "副局长"]


def bench_actor() -> User:
    """The first active system administrator, or a new one with a random password (the database is throwaway)."""
    user = (
        User.objects.filter(is_active=True, role=Role.SYSTEM_ADMIN).order_by("pk").first()
        or User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
    )
    return user or services.create_user(
        actor=None, username="bench-admin", password=secrets.token_urlsafe(24), role=Role.SYSTEM_ADMIN
    )


def bench_units(actor: User) -> list[Organization]:
    units = list(Organization.objects.filter(is_active=True).order_by("path"))
    if not units:
        units = [
            services.create_organization(
                actor=actor, code=BENCH_UNIT, name="性能测试单位", kind=OrganizationKind.OTHER, parent=None
            )
        ]
    return units


def people_xlsx(rows: int, units: list[Organization], *, seed: int) -> bytes:
    """A people ledger of `rows` new people with valid, unique, fictitious ID numbers spread over `units`."""
    rng = random.Random(seed)  # noqa: S311  (synthetic benchmark data, not secrets)
    # A random first birth date, so running the benchmark twice on one database still creates new people.
    first_birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(15_000))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(PersonLedger.name)
    ws.append([c.header for c in PersonLedger.columns])
    for i in range(rows):
        number = ids.make_id_number(REGION, first_birth + dt.timedelta(days=i // 1000), i % 1000)
        qualified = rng.random() < 0.3
        ws.append(
            [
                None,
                f"测试人员{i + 1:05d}",
                number,
                units[i % len(units)].code,
                rng.choice(POSITIONS),
                "是" if i % 50 == 0 else "否",
                "是" if qualified else "否",
                rng.randrange(1995, 2025) if qualified else None,
                "是",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class Command(BaseCommand):
    help = "性能测试：生成N条人员记录的xlsx，计时试导入和正式导入（预算：10,000行各不超过30秒）。"

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=BUDGET_ROWS, help="生成的行数（默认10000）")
        parser.add_argument("--seed", type=int, default=None, help="随机种子（默认随机）")

    def handle(self, *args, rows, seed, **options):
        if rows < 1:
            raise CommandError("--rows 至少为1。")
        budget = max(MIN_BUDGET_SECONDS, BUDGET_SECONDS * rows / BUDGET_ROWS)
        actor = bench_actor()
        units = bench_units(actor)
        started = time.perf_counter()
        content = people_xlsx(rows, units, seed=secrets.randbits(32) if seed is None else seed)
        self.stdout.write(
            f"生成{rows}行人员台账（{len(content) // 1024} KB，分布在{len(units)}个单位）："
            f"{time.perf_counter() - started:.2f} 秒"
        )
        self.stdout.write(
            f"预算：每{BUDGET_ROWS}行不超过{BUDGET_SECONDS:.0f}秒，本次{rows}行，试导入和正式导入各不超过{budget:.1f}秒"
        )

        timings = {}
        for label, dry_run in (("试导入", True), ("正式导入", False)):
            started = time.perf_counter()
            result = ledgers.run_import(
                PersonLedger.code, content=content, filename="bench.xlsx", actor=actor, dry_run=dry_run
            )
            timings[label] = seconds = time.perf_counter() - started
            if not result.ok:
                for error in result.errors[:20]:
                    self.stderr.write(str(error))
                raise CommandError(f"{label}未通过校验：{result.summary()}")
            verdict = "PASS" if seconds <= budget else "FAIL"
            self.stdout.write(
                f"{label}：{seconds:.2f} 秒（{rows / seconds:,.0f} 行/秒）{verdict}  {result.summary()}"
            )
        over = [label for label, seconds in timings.items() if seconds > budget]
        if over:
            raise CommandError(f"FAIL：{'、'.join(over)}超出预算（{budget:.1f}秒）。")
        self.stdout.write(self.style.SUCCESS(f"PASS：试导入和正式导入均在预算（{budget:.1f}秒）之内。"))
