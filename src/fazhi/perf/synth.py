"""Synthetic installations for performance work: a district, a city (~300 units in 12 counties) or a province
(≥1,000 units in 25 counties) with three years of records in every workstream, reproducible from a seed.

This generator writes with bulk_create (COPY on PostgreSQL) and bypasses the services on purpose: a million case files through the
services (audit events, clocks, one transaction each) would take hours. What the services would guarantee is kept by
construction instead — dates in order and never after today, grades computed by the evaluation rule from the item
scores, due dates after their start, rectification items pointing at real findings of the unit responsible, valid
ID numbers and credit codes — so the figures computed over the data make sense. Audit events are written through
core.audit (a valid chain), for a sample of the generated records only.

Nothing generated is a real person, unit or ID number: region code 990301 is not an administrative division.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from fazhi.catalogs.models import ListItem, ServiceItem
from fazhi.core import audit, clock, ids
from fazhi.core.models import AuditEvent, Organization, Person, Role, User
from fazhi.core.models import OrganizationKind as K
from fazhi.decisions.models import CatalogItem, CollectiveDiscussion, Decision, DecisionCatalog
from fazhi.disputes.models import ReconsiderationCase
from fazhi.duties.models import Activity
from fazhi.enforcement.models import (
    CaseFile,
    CaseFileOfficer,
    CaseFileProblem,
    Certificate,
    CertificateReview,
    ContactPoint,
    Domain,
    EnforcementBody,
    EnforcementPower,
    EvaluationCampaign,
    EvaluationItem,
    ItemScore,
    SelfAssessment,
    SupervisionClue,
    TrainingAttendance,
    TrainingSession,
)
from fazhi.enforcement.rules.evaluation import evaluation_grade
from fazhi.litigation.models import Hearing, Lawsuit
from fazhi.oversight.models import InspectedUnit, Inspection, InspectionFinding, RectificationItem
from fazhi.review.models import Filing, LegalityReview, NormativeDocument

REGION = "990301"  # not a real administrative division
ROOT = "SY"  # every generated unit's code starts here; synth refuses to run twice on one database
BATCH = 2000


@dataclass(frozen=True)
class Scale:
    name: str
    counties: int  # 0: the root is itself the district
    departments: int  # per county (and at the root)
    townships: int  # per county
    bodies: int  # enforcement bodies (大队/支队) per county, under departments
    people: int
    case_files: int
    clues: int
    reconsiderations: int
    lawsuits: int
    documents: int
    rectifications: int
    reviews: int
    decisions: int
    activities: int
    catalog_items: int
    trainings: int
    audit_events: int

    def scaled(self, factor: float) -> Scale:
        """The same installation with every record count (not the unit tree) multiplied by `factor`."""
        if factor == 1:
            return self
        counts = {
            f: max(1, int(getattr(self, f) * factor))
            for f in self.__dataclass_fields__
            if f not in {"name", "counties", "departments", "townships", "bodies"}
        }
        counts["people"] = max(counts["people"], 60)
        return replace(self, **counts)


SCALES = {
    "district": Scale(
        "district", 0, 24, 10, 6, 800, 4_000, 1_500, 600, 150, 400, 2_500, 300, 120, 400, 300, 60, 2_000
    ),
    "city": Scale(
        "city",
        12,
        14,
        6,
        2,
        15_000,
        200_000,
        50_000,
        20_000,
        4_000,
        8_000,
        40_000,
        6_000,
        2_000,
        8_000,
        6_000,
        600,
        20_000,
    ),
    "province": Scale(
        "province",
        25,
        24,
        10,
        3,
        60_000,
        1_000_000,
        150_000,
        100_000,
        20_000,
        30_000,
        200_000,
        20_000,
        6_000,
        30_000,
        20_000,
        2_000,
        50_000,
    ),
}

DEPARTMENTS = [
    ("SFJ", "司法局"),
    ("ZFB", "人民政府办公室"),
    ("SCJ", "市场监督管理局"),
    ("ZRZY", "自然资源局"),
    ("STHJ", "生态环境局"),
    ("JT", "交通运输局"),
    ("CG", "城市管理局"),
    ("ZJ", "住房和城乡建设局"),
    ("NY", "农业农村局"),
    ("WL", "文化和旅游局"),
    ("WJ", "卫生健康委员会"),
    ("YJ", "应急管理局"),
    ("JY", "教育局"),
    ("FG", "发展和改革局"),
    ("CZ", "财政局"),
    ("RS", "人力资源和社会保障局"),
    ("SL", "水利局"),
    ("SW", "商务局"),
    ("MZ", "民政局"),
    ("TJ", "统计局"),
    ("YB", "医疗保障局"),
    ("LY", "林业局"),
    ("XF", "信访局"),
    ("SJ", "审计局"),
]
# Departments that enforce, with their domain (their enforcement bodies sit under them).
ENFORCING = {
    "SCJ": Domain.MARKET,
    "ZRZY": Domain.NATURAL_RESOURCES,
    "STHJ": Domain.ECOLOGY,
    "JT": Domain.TRANSPORT,
    "CG": Domain.URBAN,
    "ZJ": Domain.HOUSING,
    "NY": Domain.AGRICULTURE,
    "WL": Domain.CULTURE,
    "WJ": Domain.HEALTH,
    "YJ": Domain.EMERGENCY,
    "SL": Domain.OTHER,
    "LY": Domain.OTHER,
}
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "明华建国志强文军平红伟芳秀英丽敏静玉兰海燕鹏飞德新春宇欣怡子涵思远晓东嘉琪立群雨桐浩然"
POSITIONS = ["科员", "副科长", "科长", "执法队员", "法制审核员", "副局长", "中队长"]
OUTCOMES = ["change", "revoke", "partial_revoke", "confirm_illegal", "uphold", "uphold", "uphold", "dismiss",
            "mediation", "termination", "withdrawal"]  # fmt: skip


def plus_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class AlreadyGenerated(Exception):
    pass


# Field classes whose Python value psycopg writes as is (no get_db_prep_save needed): the COPY's fast path.
_PLAIN = (
    models.AutoField, models.BigAutoField, models.IntegerField, models.BigIntegerField, models.SmallIntegerField,
    models.PositiveIntegerField, models.PositiveSmallIntegerField, models.CharField, models.TextField,
    models.BooleanField, models.DecimalField, models.DateField, models.ForeignKey, models.OneToOneField,
)  # fmt: skip


def _plain(field: models.Field) -> bool:
    return (
        type(field) in _PLAIN
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    )


def _reserve(cursor, model: type[models.Model], n: int) -> int:
    """Take `n` primary keys from the table's sequence; returns the first."""
    meta = model._meta
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence(%s, %s), nextval(pg_get_serial_sequence(%s, %s)) + %s - 1)",
        [meta.db_table, meta.pk.column, meta.db_table, meta.pk.column, n],
    )
    return cursor.fetchone()[0] - n + 1


def _copy(cursor, model: type[models.Model], columns: list[str], rows) -> None:
    q = connection.ops.quote_name
    sql = f"COPY {q(model._meta.db_table)} ({', '.join(q(c) for c in columns)}) FROM STDIN"
    with cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def bulk_insert(model: type[models.Model], objs: list, batch_size: int = BATCH) -> list:
    """Insert `objs` and give them their primary keys: on PostgreSQL one COPY (the keys taken from the table's
    sequence first), several times faster than INSERT … VALUES; elsewhere bulk_create."""
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objs, batch_size=batch_size)
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    getters = [
        (lambda obj, a=f.attname: obj.__dict__[a])
        if _plain(f)
        else (lambda obj, f=f: f.get_db_prep_save(f.pre_save(obj, True), connection))
        for f in fields
    ]
    with connection.cursor() as cursor:
        first = _reserve(cursor, model, len(objs))
        for n, obj in enumerate(objs, start=first):
            obj.__dict__[pk.attname] = n
            obj._state.adding = False
            obj._state.db = connection.alias

        _copy(cursor, model, [pk.column, *(f.column for f in fields)],
              ([obj.pk, *(get(obj) for get in getters)] for obj in objs))  # fmt: skip
    return objs


def bulk_rows(model: type[models.Model], names: list[str], rows: list[tuple]) -> int:
    """Insert `rows` (values of the fields `names`, every other field at its default) without building model
    objects on PostgreSQL (COPY); elsewhere through bulk_create. Returns the number of rows."""
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        attnames = [model._meta.get_field(n).attname for n in names]
        model.objects.bulk_create(
            [model(**dict(zip(attnames, row, strict=True))) for row in rows], batch_size=5000
        )
        return len(rows)
    meta = model._meta
    given = [meta.get_field(n) for n in names]
    others = [f for f in meta.concrete_fields if f is not meta.pk and f not in given]
    defaults = [f.get_db_prep_save(f.get_default(), connection) for f in others]
    with connection.cursor() as cursor:
        first = _reserve(cursor, model, len(rows))
        columns = [meta.pk.column, *(f.column for f in given), *(f.column for f in others)]
        _copy(cursor, model, columns, ((first + i, *row, *defaults) for i, row in enumerate(rows)))
    return len(rows)


@dataclass
class Unit:
    pk: int
    code: str
    kind: str
    county: int  # index of its county (-1: the province/city level)


class Synth:
    """Generates one installation. `progress(step, done, total)` is called as rows are written."""

    def __init__(
        self, scale: Scale, *, seed: int = 1, progress: Callable[[str, int, int], None] | None = None
    ):
        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311  (synthetic data, not secrets)
        self.progress = progress or (lambda step, done, total: None)
        self.today = clock.today()
        self.years = [self.today.year - 2, self.today.year - 1, self.today.year]
        self.counts: dict[str, int] = {}
        self.timings: dict[str, float] = {}

    # ---- helpers -------------------------------------------------------------------------------------------------

    def day_in(self, year: int, *, end: dt.date | None = None) -> dt.date:
        """A working-ish day of `year`, never after `end` (default today)."""
        end = min(end or self.today, dt.date(year, 12, 31))
        start = dt.date(year, 1, 2)
        span = (end - start).days
        return start + dt.timedelta(days=self.rng.randrange(max(span, 1)))

    def name(self) -> str:
        return (
            self.rng.choice(SURNAMES)
            + self.rng.choice(GIVEN)
            + (self.rng.choice(GIVEN) if self.rng.random() < 0.7 else "")
        )

    def capped(self, on: dt.date) -> dt.date | None:
        """`on` if it has happened, else None."""
        return on if on <= self.today else None

    def write(
        self, model: type[models.Model], rows: Iterator[models.Model] | list, total: int, step: str
    ) -> list:
        """bulk_create `rows` in batches inside one transaction per batch; returns the saved objects."""
        saved: list = []
        batch: list = []
        done = 0
        for obj in rows:
            batch.append(obj)
            if len(batch) >= BATCH:
                with transaction.atomic():
                    saved.extend(bulk_insert(model, batch))
                done += len(batch)
                batch = []
                self.progress(step, done, total)
        if batch:
            with transaction.atomic():
                saved.extend(bulk_insert(model, batch))
            done += len(batch)
            self.progress(step, done, total)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + done
        return saved

    def stream(
        self, model: type[models.Model], rows: Iterator[models.Model], total: int, step: str, keep=None
    ):
        """Like write, but keeps only `keep(obj)` of each saved object (memory stays flat at a million rows)."""
        kept: list = []
        batch: list = []
        done = 0

        def flush():
            nonlocal batch, done
            with transaction.atomic():
                objs = bulk_insert(model, batch)
            if keep is not None:
                kept.extend(keep(o) for o in objs)
            done += len(batch)
            batch = []
            self.progress(step, done, total)

        for obj in rows:
            batch.append(obj)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + done
        return kept

    # ---- the run -------------------------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        if Organization.objects.filter(code=ROOT).exists():
            raise AlreadyGenerated("本数据库已有生成的数据（单位代码 SY）；请使用一个新的数据库。")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Synthetic data: a crash loses the last batches, never consistency; commits stop waiting on fsync.
                cursor.execute("SET synchronous_commit TO off")
        steps = [
            ("units", self.units),
            ("people", self.people),
            ("users", self.users),
            ("bodies", self.bodies),
            ("certificates", self.certificates),
            ("training", self.training),
            ("evaluation", self.evaluation),
            ("clues", self.clues),
            ("reconsideration", self.reconsideration),
            ("litigation", self.litigation),
            ("review", self.review),
            ("decisions", self.decisions),
            ("oversight", self.oversight),
            ("duties", self.duties),
            ("catalogs", self.catalogs),
            ("audit", self.audit),
        ]
        for step, fn in steps:
            started = time.perf_counter()
            fn()
            self.timings[step] = round(time.perf_counter() - started, 2)
        return self.counts

    # ---- core ----------------------------------------------------------------------------------------------------

    def units(self) -> None:
        s = self.scale
        top_name = {"district": "区人民政府", "city": "市人民政府", "province": "省人民政府"}[s.name]
        rows: list[tuple[str, str, str, str | None, int]] = [
            (ROOT, f"合成{top_name}", K.DISTRICT_GOVERNMENT, None, -1)
        ]

        def block(
            prefix: str, place: str, county: int, parent: str, n_departments: int, n_townships: int, n_bodies
        ):
            rows.append((f"{prefix}-QW", f"中共{place}委员会", K.PARTY_COMMITTEE, parent, county))
            rows.append(
                (
                    f"{prefix}-YFB",
                    f"中共{place}委全面依法治理委员会办公室",
                    K.PARTY_OFFICE,
                    f"{prefix}-QW",
                    county,
                )
            )
            enforcing = []
            for code, label in DEPARTMENTS[:n_departments]:
                rows.append((f"{prefix}-{code}", f"{place}{label}", K.DEPARTMENT, parent, county))
                if code in ENFORCING:
                    enforcing.append((code, label))
            for i in range(n_townships):
                kind = K.TOWNSHIP if i % 3 else K.SUBDISTRICT
                suffix = "镇" if kind == K.TOWNSHIP else "街道"
                rows.append((f"{prefix}-T{i + 1:02d}", f"{place}第{i + 1}{suffix}", kind, parent, county))
            for i in range(n_bodies):
                code, label = enforcing[i % len(enforcing)]
                rows.append(
                    (f"{prefix}-{code}-ZD{i // len(enforcing) + 1}", f"{place}{label[:-1]}综合行政执法大队",
                     K.ENFORCEMENT_BODY, f"{prefix}-{code}", county)
                )  # fmt: skip
            rows.append((f"{prefix}-FY", f"{place}人民法院", K.POLITICAL_LEGAL, parent, county))

        if s.counties == 0:
            block(ROOT, "合成区", 0, ROOT, s.departments, s.townships, s.bodies)
        else:
            block(ROOT, "合成" + top_name[:1], -1, ROOT, min(s.departments, 8), 0, 0)
            for c in range(s.counties):
                code = f"{ROOT}-C{c + 1:02d}"
                place = f"合成第{c + 1}县"
                rows.append((code, f"{place}人民政府", K.DISTRICT_GOVERNMENT, ROOT, c))
                block(code, place, c, code, s.departments, s.townships, s.bodies)
        by_code: dict[str, Organization] = {}
        for i, (code, name, kind, parent, _county) in enumerate(rows):
            parent_org = by_code[parent] if parent else None
            org = Organization(
                code=code,
                name=name,
                kind=kind,
                parent=parent_org,
                path=f"{parent_org.path if parent_org else '/'}{code}/",
                sort_order=i,
            )
            by_code[code] = org
        # Parents before children: write level by level so each child's parent has its pk.
        for depth in sorted({o.path.count("/") for o in by_code.values()}):
            level = [o for o in by_code.values() if o.path.count("/") == depth]
            for o in level:
                o.parent_id = o.parent.pk if o.parent else None
            self.write(Organization, level, len(level), "单位")
        self.units_all = [Unit(by_code[c].pk, c, k, county) for c, _n, k, _p, county in rows]
        self.county_orgs = (
            [by_code[ROOT]]
            if s.counties == 0
            else [by_code[f"{ROOT}-C{c + 1:02d}"] for c in range(s.counties)]
        )
        self.n_counties = len(self.county_orgs)
        self.by_code = by_code

        def of(county, *kinds):
            return [u for u in self.units_all if u.county == county and u.kind in kinds]

        self.departments = {c: of(c, K.DEPARTMENT) for c in range(self.n_counties)}
        self.townships = {c: of(c, K.TOWNSHIP, K.SUBDISTRICT) for c in range(self.n_counties)}
        self.enforcing_units = {
            c: [u for u in of(c, K.DEPARTMENT, K.ENFORCEMENT_BODY, K.TOWNSHIP, K.SUBDISTRICT)
                if u.kind != K.DEPARTMENT or u.code.split("-")[-1] in ENFORCING]
            for c in range(self.n_counties)
        }  # fmt: skip
        self.justice = {c: by_code[f"{self.county_orgs[c].code}-SFJ"] for c in range(self.n_counties)}
        self.courts = {c: by_code[f"{self.county_orgs[c].code}-FY"] for c in range(self.n_counties)}

    def people(self) -> None:
        s = self.scale
        units = [u for u in self.units_all]
        weights = [
            6 if u.kind in (K.ENFORCEMENT_BODY,) else 3 if u.kind == K.DEPARTMENT else 1 for u in units
        ]
        # Every unit gets its principal leader first, then the rest spread by weight.
        # Every justice bureau has staff (reconsideration, supervision) and every department a clerk.
        staff = [u for u in units if u.code.endswith("-SFJ")] * 3 + [
            u for u in units if u.kind == K.DEPARTMENT
        ]
        assigned = list(units) + staff
        assigned += self.rng.choices(units, weights, k=max(0, s.people - len(assigned)))
        first_birth = dt.date(1962, 1, 1)

        def rows():
            for i, unit in enumerate(assigned):
                principal = i < len(units)
                qualified = self.rng.random() < 0.18
                yield Person(
                    name=self.name(),
                    id_number=ids.make_id_number(
                        REGION, first_birth + dt.timedelta(days=i // 900), 100 + i % 900
                    ),
                    organization_id=unit.pk,
                    position="主要负责人" if principal else self.rng.choice(POSITIONS),
                    is_principal_leader=principal,
                    has_legal_qualification=qualified,
                    legal_qualification_year=self.rng.randrange(1998, self.today.year) if qualified else None,
                    is_active=self.rng.random() > 0.03,
                )

        saved = self.stream(Person, rows(), len(assigned), "人员", keep=lambda p: (p.pk, p.organization_id))
        self.leader_of = {org: pk for pk, org in saved[: len(units)]}
        self.people_of: dict[int, list[int]] = {}
        for pk, org in saved:
            self.people_of.setdefault(org, []).append(pk)

    def users(self) -> None:
        root_sfj = self.by_code.get(f"{ROOT}-SFJ")
        unit = self.departments[0][2] if len(self.departments[0]) > 2 else self.departments[0][0]
        specs = [
            ("synth-admin", Role.SYSTEM_ADMIN, None, 0),
            ("synth-sfj", Role.JUSTICE_ADMIN, root_sfj.pk, -1),
            ("synth-unit", Role.UNIT_CLERK, unit.pk, -1),
            ("synth-fuyi", Role.RECONSIDERATION_STAFF, self.justice[0].pk, -2),
        ]
        users = []
        for username, role, org, index in specs:
            user = User(username=username, role=role, person_id=self.people_of[org][index] if org else None)
            user.set_unusable_password()
            users.append(user)
        self.user_objs = self.write(User, users, len(users), "用户")
        self.admin = self.user_objs[0]

    # ---- enforcement ---------------------------------------------------------------------------------------------

    def bodies(self) -> None:
        rows = []
        for c in range(self.n_counties):
            for u in self.enforcing_units[c]:
                rows.append(
                    EnforcementBody(
                        organization_id=u.pk,
                        name=f"{self.by_code[u.code].name}",
                        legal_basis="《中华人民共和国行政处罚法》第十七条",
                        supervision_organ_id=self.justice[c].pk,
                    )
                )
        saved = self.write(EnforcementBody, rows, len(rows), "执法主体")
        self.bodies_of = {c: [] for c in range(self.n_counties)}
        county_of = {u.pk: u.county for u in self.units_all}
        for b in saved:
            self.bodies_of[county_of[b.organization_id]].append(b)
        powers = [
            EnforcementPower(body_id=b.pk, kind=kind, name=f"{b.name}{label}事项{i + 1}", legal_basis="相关法律法规")
            for b in saved
            for i, (kind, label) in enumerate([("penalty", "行政处罚"), ("inspection", "行政检查"), ("coercion", "行政强制")])
        ]  # fmt: skip
        self.write(EnforcementPower, powers, len(powers), "执法事项")

    def certificates(self) -> None:
        certs = []
        seq = 0
        for c in range(self.n_counties):
            for body in self.bodies_of[c]:
                for person in self.people_of.get(body.organization_id, [])[1:]:
                    if self.rng.random() > 0.8:
                        continue
                    seq += 1
                    issued = dt.date(
                        self.rng.choice(self.years) - self.rng.randrange(4), 3, 1
                    ) + dt.timedelta(days=self.rng.randrange(200))
                    cancelled = self.rng.random() < 0.06 and issued + dt.timedelta(days=400) <= self.today
                    certs.append(
                        Certificate(
                            person_id=person,
                            body_id=body.pk,
                            number=f"SY{seq:08d}",
                            issued_on=issued,
                            valid_until=plus_years(issued, 5),
                            status="cancelled" if cancelled else "valid",
                            cancel_reason="transfer" if cancelled else "",
                            cancelled_on=issued + dt.timedelta(days=400) if cancelled else None,
                        )
                    )
        saved = self.write(Certificate, certs, len(certs), "执法证件")
        self.officers_of: dict[int, list[int]] = {}
        for cert in saved:
            if cert.status == "valid":
                self.officers_of.setdefault(cert.body_id, []).append(cert.person_id)
        reviews = [
            CertificateReview(
                certificate_id=cert.pk,
                year=year,
                reviewed_on=dt.date(year + 1, 1, 15),
                passed=(ok := self.rng.random() > 0.02),
                reason="" if ok else "年度考核不合格",
            )
            for cert in saved
            for year in self.years[:-1]
            if cert.issued_on.year <= year and cert.status == "valid"
        ]
        self.write(CertificateReview, reviews, len(reviews), "证件审验")

    def training(self) -> None:
        sessions = []
        for _ in range(self.scale.trainings):
            c = self.rng.randrange(self.n_counties)
            year = self.rng.choice(self.years)
            sessions.append(
                TrainingSession(
                    organization_id=self.justice[c].pk,
                    topic=f"{year}年度行政执法人员公共法律知识培训",
                    held_on=self.day_in(year),
                    hours=Decimal(self.rng.choice([4, 8, 16, 24])),
                    kind=self.rng.choice(["rotation", "topic", "joint", "trial"]),
                )
            )
        saved = self.write(TrainingSession, sessions, len(sessions), "执法培训")
        county_of = {self.justice[c].pk: c for c in range(self.n_counties)}
        attendances = []
        for session in saved:
            officers = [
                p
                for b in self.bodies_of[county_of[session.organization_id]]
                for p in self.officers_of.get(b.pk, [])
            ]
            for person in self.rng.sample(officers, min(len(officers), 30)):
                attendances.append(TrainingAttendance(session_id=session.pk, person_id=person))
        self.write(TrainingAttendance, attendances, len(attendances), "参训记录")
        points = []
        for c in range(self.n_counties):
            for i in range(3):
                points.append(
                    ContactPoint(
                        organization_id=self.justice[c].pk,
                        name=f"涉企行政执法监督联系点{i + 1}",
                        enterprise_name=f"合成第{c + 1}县企业{i + 1}有限公司",
                        credit_code=ids.make_credit_code(f"91{REGION}MA{c:04d}{i:03d}"),
                        established_on=dt.date(self.years[0], 3, 1 + i),
                    )
                )
        self.write(ContactPoint, points, len(points), "联系点")
        assessments = [
            SelfAssessment(body_id=b.pk, year=year, system=system, assessed_on=dt.date(year, 11, 20),
                           findings="已自查，发现的问题已整改。")
            for c in range(self.n_counties)
            for b in self.bodies_of[c]
            for year in self.years[:-1]
            for system in ("publicity", "recording", "legal_review")
            if self.rng.random() < 0.8
        ]  # fmt: skip
        self.write(SelfAssessment, assessments, len(assessments), "三项制度自查")

    def evaluation(self) -> None:
        campaigns = []
        for c in range(self.n_counties):
            for year in self.years:
                campaigns.append(
                    EvaluationCampaign(
                        organization_id=self.justice[c].pk,
                        year=year,
                        name=f"{self.county_orgs[c].name}{year}年度行政执法案卷评查",
                        domains=list(Domain.values),
                        excellent_score=Decimal("90"),
                        pass_score=Decimal("60"),
                    )
                )
        campaigns = self.write(EvaluationCampaign, campaigns, len(campaigns), "评查活动")
        scored_points = [Decimal(p) for p in (15, 15, 15, 15, 10, 10, 10, 10)]
        items = []
        for camp in campaigns:
            for i in range(2):
                items.append(
                    EvaluationItem(campaign_id=camp.pk, kind="veto", title=f"否决项{i + 1}", order=i)
                )
            for i, points in enumerate(scored_points):
                items.append(
                    EvaluationItem(campaign_id=camp.pk, kind="scored", group="卷面评查" if i < 4 else "实体评查",
                                   title=f"评分项{i + 1}", max_points=points, order=i)
                )  # fmt: skip
        items = self.write(EvaluationItem, items, len(items), "评查项目")
        items_of: dict[int, list[EvaluationItem]] = {}
        for item in items:
            items_of.setdefault(item.campaign_id, []).append(item)
        camp_of = {
            (c, year): campaigns[c * len(self.years) + k]
            for c in range(self.n_counties)
            for k, year in enumerate(self.years)
        }
        total = self.scale.case_files
        domains_of = {}
        for c in range(self.n_counties):
            for b in self.bodies_of[c]:
                code = self.unit_code(b.organization_id)
                domains_of[b.pk] = ENFORCING.get(
                    code.split("-")[-1] if "-ZD" not in code else code.split("-")[-2], Domain.OTHER
                )
        scores_pending: list[tuple[int, list]] = []  # filled per batch of case files

        def files():
            seqs: dict[int, int] = {}
            for _ in range(total):
                c = self.rng.randrange(self.n_counties)
                year = self.rng.choice(self.years)
                camp = camp_of[(c, year)]
                body = self.rng.choice(self.bodies_of[c])
                seqs[camp.pk] = seq = seqs.get(camp.pk, 0) + 1
                decided = self.day_in(year - 1, end=dt.date(year - 1, 12, 31))
                scored_on = self.capped(dt.date(year, 3, 1) + dt.timedelta(days=self.rng.randrange(250)))
                scored = scored_on is not None and self.rng.random() < 0.95
                scores = []
                total_points = Decimal(0)
                vetoed = False
                if scored:
                    for item in items_of[camp.pk]:
                        if item.kind == "veto":
                            hit = self.rng.random() < 0.015
                            vetoed = vetoed or hit
                            scores.append((item.pk, None, hit))
                        else:
                            pts = (
                                item.max_points * Decimal(self.rng.choice([10, 10, 9, 9, 8, 7, 6, 5])) / 10
                            ).quantize(Decimal("0.1"))
                            total_points += pts
                            scores.append((item.pk, pts, False))
                scores_pending.append((body.organization_id, scores))
                yield CaseFile(
                    campaign_id=camp.pk,
                    body_id=body.pk,
                    domain=domains_of[body.pk],
                    act_kind=self.rng.choice(["penalty", "penalty", "penalty", "coercion", "inspection", "licensing"]),
                    case_number=f"{self.unit_code(body.organization_id)}罚〔{year - 1}〕{seq}号",
                    title="行政处罚案",
                    decided_on=decided,
                    total_score=total_points if scored else None,
                    vetoed=vetoed,
                    grade=evaluation_grade(total=total_points, vetoed=vetoed, excellent_score=camp.excellent_score,
                                           pass_score=camp.pass_score) if scored else "",
                    scored_on=scored_on if scored else None,
                )  # fmt: skip

        def keep_batch(objs):
            pass

        # Write case files in batches and, after each batch, their scores, officers and problems.
        batch: list[CaseFile] = []
        done = 0
        self.problems: list[tuple[int, int, dt.date]] = []  # (pk, organization_id, scored_on)
        for cf in files():
            batch.append(cf)
            if len(batch) >= BATCH:
                done += self._write_files(batch, scores_pending)
                batch, scores_pending[:] = [], []
                self.progress("评查案卷", done, total)
        if batch:
            done += self._write_files(batch, scores_pending)
            self.progress("评查案卷", done, total)
        self.counts["enforcement.CaseFile"] = done

    def unit_code(self, pk: int) -> str:
        if not hasattr(self, "_code_of"):
            self._code_of = {u.pk: u.code for u in self.units_all}
        return self._code_of[pk]

    def _write_files(self, batch: list[CaseFile], pending: list) -> int:
        with transaction.atomic():
            saved = bulk_insert(CaseFile, batch)
            scores, officers, problems = [], [], []
            for cf, (org, item_scores) in zip(saved, pending, strict=True):
                pk = cf.pk
                scores.extend((pk, item, pts, hit) for item, pts, hit in item_scores)
                pool = self.officers_of.get(cf.body_id) or self.people_of[org]
                officers.extend((pk, person) for person in self.rng.sample(pool, min(2, len(pool))))
                if cf.grade and (cf.grade == "unqualified" or self.rng.random() < 0.08):
                    problems.append(
                        CaseFileProblem(case_file_id=pk, campaign_id=cf.campaign_id, body_id=cf.body_id, organization_id=org,
                                        category=self.rng.choice(["filing", "documents", "evidence", "procedure", "discretion"]),
                                        description="执法文书制作不规范，证据材料装订顺序混乱。")
                    )  # fmt: skip
            bulk_rows(ItemScore, ["case_file", "item", "points", "veto_hit"], scores)
            bulk_rows(CaseFileOfficer, ["case_file", "person"], officers)
            problems = bulk_insert(CaseFileProblem, problems, batch_size=5000)
        scored_on = {cf.pk: cf.scored_on for cf in saved}
        self.problems.extend((p.pk, p.organization_id, scored_on[p.case_file_id]) for p in problems)
        for label, n in (("enforcement.ItemScore", len(scores)), ("enforcement.CaseFileOfficer", len(officers)),
                         ("enforcement.CaseFileProblem", len(problems))):  # fmt: skip
            self.counts[label] = self.counts.get(label, 0) + n
        return len(saved)

    def clues(self) -> None:
        total = self.scale.clues
        sources = ["hotline", "hotline", "hotline", "complaint", "contact_point", "inspection", "other"]

        def rows():
            for i in range(total):
                c = self.rng.randrange(self.n_counties)
                body = self.rng.choice(self.bodies_of[c])
                received = self.day_in(self.rng.choice(self.years))
                due = received + dt.timedelta(days=15)
                state = "closed" if received + dt.timedelta(days=30) <= self.today or self.rng.random() < 0.3 else (
                    self.rng.choice(["registered", "handling"]))  # fmt: skip
                handled = (
                    received + dt.timedelta(days=self.rng.randrange(3, 25)) if state == "closed" else None
                )
                if handled and handled > self.today:
                    handled = self.today
                source = self.rng.choice(sources)
                yield SupervisionClue(
                    source=source,
                    external_number=f"SY{i + 1:09d}" if source == "hotline" else "",
                    received_on=received,
                    body_id=body.pk,
                    organization_id=body.organization_id,
                    enterprise_related=self.rng.random() < 0.3,
                    category=self.rng.choice(["执法不规范", "不作为", "乱罚款", "态度问题"]),
                    content="群众反映执法人员在检查中未出示执法证件。",
                    due_on=due,
                    due_explanation="自受理之日起15日内办结。",
                    status=state,
                    result="已核实并督促整改。" if state == "closed" else "",
                    handled_on=handled,
                )

        self.clue_rows = self.stream(
            SupervisionClue,
            rows(),
            total,
            "执法监督线索",
            keep=lambda c: (c.pk, c.organization_id, c.received_on),
        )

    # ---- disputes, litigation ------------------------------------------------------------------------------------

    def reconsideration(self) -> None:
        total = self.scale.reconsiderations
        seqs: dict[int, int] = {}

        def rows():
            for _ in range(total):
                c = self.rng.randrange(self.n_counties)
                year = self.rng.choice(self.years)
                received = self.day_in(year)
                seqs[year] = seq = seqs.get(year, 0) + 1
                respondent = self.rng.choice(self.departments[c])
                act_date = received - dt.timedelta(days=self.rng.randrange(5, 55))
                r = self.rng.random()
                accepted = self.capped(received + dt.timedelta(days=self.rng.randrange(1, 5)))
                fields = {}
                if r < 0.06 and accepted:
                    status = "rejected"
                    accepted = None
                    fields = {
                        "refused_on": received + dt.timedelta(days=4),
                        "refusal_reason": "不属于行政复议范围。",
                    }
                elif accepted:
                    copy_sent = self.capped(accepted + dt.timedelta(days=3))
                    answer = self.capped(accepted + dt.timedelta(days=15)) if copy_sent else None
                    concluded = self.capped(accepted + dt.timedelta(days=self.rng.randrange(30, 58)))
                    closed = self.capped(concluded + dt.timedelta(days=5)) if concluded else None
                    status = "closed" if closed else "decided" if concluded else "reviewing"
                    outcome = self.rng.choice(OUTCOMES) if concluded else ""
                    fields = {
                        "copy_sent_on": copy_sent,
                        "copy_served_on": copy_sent,
                        "answer_received_on": answer,
                        "outcome": outcome,
                        "concluded_on": concluded,
                        "conclusion": "依法作出行政复议决定。" if concluded else "",
                        "closed_on": closed,
                    }
                else:
                    status = "received"
                person = self.rng.random() < 0.8
                yield ReconsiderationCase(
                    docket_year=year,
                    docket_seq=seq,
                    docket_number=f"合复〔{year}〕{seq}号",
                    organization_id=self.justice[c].pk,
                    channel=self.rng.choice(["in_person", "mail", "online"]),
                    received_on=received,
                    applicant_kind="person" if person else "organization",
                    applicant_name=self.name() if person else "合成贸易有限公司",
                    applicant_id_code=ids.make_id_number("990302", dt.date(1970, 1, 1) + dt.timedelta(days=seq % 9000), seq % 900 + 100)
                    if person else ids.make_credit_code(f"91990302MA{seq % 10_000_000:07d}"),
                    respondent_id=respondent.pk,
                    contested_act="行政处罚决定",
                    act_date=act_date,
                    request="请求撤销该行政处罚决定。",
                    status=status,
                    accepted_on=accepted,
                    **fields,
                )  # fmt: skip

        self.recon_rows = self.stream(
            ReconsiderationCase, rows(), total, "行政复议案件",
            keep=lambda r: (r.pk, r.respondent_id, r.concluded_on, r.outcome, r.organization_id),
        )  # fmt: skip

    def litigation(self) -> None:
        total = self.scale.lawsuits
        county_of = {u.pk: u.county for u in self.units_all}

        def rows():
            for i in range(total):
                c = self.rng.randrange(self.n_counties)
                defendant = self.rng.choice(self.departments[c])
                served = self.day_in(self.rng.choice(self.years))
                submitted = self.capped(served + dt.timedelta(days=self.rng.randrange(5, 15)))
                judged = self.capped(served + dt.timedelta(days=self.rng.randrange(60, 170)))
                effective = self.capped(judged + dt.timedelta(days=16)) if judged else None
                lost = self.rng.random() < 0.12
                status = (
                    "closed" if effective else "judged" if judged else "defended" if submitted else "served"
                )
                yield Lawsuit(
                    court=self.courts[county_of[defendant.pk]].name,
                    case_number=f"（{served.year}）合{c + 1:02d}行初{i + 1}号",
                    plaintiff_kind="person",
                    plaintiff_name=self.name(),
                    plaintiff_id_number=ids.make_id_number("990303", dt.date(1965, 1, 1) + dt.timedelta(days=i // 900), 100 + i % 900),
                    defendant_id=defendant.pk,
                    responsible_department_id=defendant.pk,
                    cause="行政处罚",
                    served_on=served,
                    defence_due=served + dt.timedelta(days=15),
                    defence_explanation="自收到起诉状副本之日起15日内提交答辩状。",
                    defence_submitted_on=submitted,
                    status=status,
                    outcome=("revoked" if lost else "dismissed") if judged else "",
                    judged_on=judged,
                    result=("lost" if lost else "won") if judged else "",
                    effective_on=effective,
                )  # fmt: skip

        self.lawsuit_rows = self.stream(
            Lawsuit,
            rows(),
            total,
            "行政应诉案件",
            keep=lambda s: (s.pk, s.defendant_id, s.served_on, s.result),
        )
        hearings = []
        for pk, defendant, served, _result in self.lawsuit_rows:
            held = self.capped(served + dt.timedelta(days=45))
            if held is None:
                continue
            appeared = self.rng.random() < 0.55
            hearings.append(
                Hearing(lawsuit_id=pk, held_on=held, head_appeared=appeared,
                        head_id=self.leader_of[defendant] if appeared else None,
                        absence_reason="" if appeared else "因公出差，委托副职出庭。",
                        explanation_sealed=not appeared, staff="法制科工作人员")
            )  # fmt: skip
        self.write(Hearing, hearings, len(hearings), "开庭")

    # ---- review, decisions ---------------------------------------------------------------------------------------

    def review(self) -> None:
        total = self.scale.reviews

        def reviews():
            for i in range(total):
                c = self.rng.randrange(self.n_counties)
                submitted = self.day_in(self.rng.choice(self.years))
                concluded = self.capped(submitted + dt.timedelta(days=self.rng.randrange(3, 20)))
                yield LegalityReview(
                    title=f"关于合成事项{i + 1}的合法性审查",
                    subject_kind=self.rng.choice(["normative_document", "contract", "major_decision", "major_enforcement_decision"]),
                    organization_id=self.rng.choice(self.departments[c]).pk,
                    submitted_on=submitted,
                    status="concluded" if concluded else "initial_review",
                    current_version=1,
                    final_opinion=self.rng.choice(["lawful", "lawful", "lawful_after_revision", "unlawful"]) if concluded else "",
                    final_reasons="经审查，符合法律法规规定。" if concluded else "",
                    concluded_on=concluded,
                )  # fmt: skip

        self.stream(LegalityReview, reviews(), total, "合法性审查")
        total = self.scale.documents
        seqs: dict[tuple[str, int], int] = {}
        govs = {c: self.county_orgs[c] for c in range(self.n_counties)}

        def documents():
            for i in range(total):
                c = self.rng.randrange(self.n_counties)
                year = self.rng.choice(self.years)
                gov = self.rng.random() < 0.4
                org = govs[c] if gov else self.by_code[self.rng.choice(self.departments[c]).code]
                prefix = f"{org.code}规"
                seqs[(prefix, year)] = seq = seqs.get((prefix, year), 0) + 1
                registered = self.day_in(year)
                published = self.capped(registered + dt.timedelta(days=self.rng.randrange(5, 30)))
                effective = self.capped(published + dt.timedelta(days=30)) if published else None
                yield NormativeDocument(
                    title=f"关于加强合成事项{i + 1}管理的规定",
                    organization_id=org.pk,
                    number_prefix=prefix,
                    number=f"{prefix}〔{year}〕{seq}号" if published else "",
                    number_year=year if published else None,
                    number_seq=seq if published else None,
                    registered_on=registered,
                    signed_on=published,
                    published_on=published,
                    effective_on=effective,
                    validity_years=5 if published else None,
                    expires_on=plus_years(effective, 5) if effective else None,
                    status="valid" if published else "registered",
                    requires_filing=bool(published),
                    filing_due_on=published + dt.timedelta(days=30) if published else None,
                    filing_due_explanation="自公布之日起30日内报送备案。" if published else "",
                    enterprise_related=self.rng.random() < 0.3,
                    market_related=self.rng.random() < 0.2,
                )  # fmt: skip

        docs = self.stream(NormativeDocument, documents(), total, "规范性文件",
                           keep=lambda d: (d.pk, d.published_on, d.filing_due_on))  # fmt: skip
        filings = []
        for pk, published, due in docs:
            if not published or self.rng.random() < 0.1:
                continue
            filed = self.capped(published + dt.timedelta(days=self.rng.randrange(5, 40)))
            if filed is None:
                continue
            filings.append(
                Filing(document_id=pk, filed_on=filed, filed_with="上一级人民政府", due_on=due,
                       has_report=True, has_text=True, has_drafting_explanation=True, has_review_opinion=True,
                       has_basis=True, result="passed" if (on := self.capped(filed + dt.timedelta(days=20))) else "pending",
                       result_on=on)
            )  # fmt: skip
        self.write(Filing, filings, len(filings), "备案")

    def decisions(self) -> None:
        catalogs = [
            DecisionCatalog(year=year, organization_id=self.county_orgs[c].pk, title=f"{year}年度重大行政决策事项目录",
                            status="published", approved_on=dt.date(year, 2, 20), published_on=dt.date(year, 3, 1),
                            approved_by_meeting="政府常务会议", publication_channel="政府门户网站")
            for c in range(self.n_counties)
            for year in self.years
            if dt.date(year, 3, 1) <= self.today
        ]  # fmt: skip
        catalogs = self.write(DecisionCatalog, catalogs, len(catalogs), "决策目录")
        county_of = {o.pk: c for c, o in enumerate(self.county_orgs)}
        items = []
        for cat in catalogs:
            for i in range(max(1, self.scale.decisions // max(len(catalogs), 1))):
                c = county_of[cat.organization_id]
                items.append(
                    CatalogItem(catalog_id=cat.pk, title=f"{cat.year}年度合成决策事项{i + 1}",
                                lead_unit_id=self.rng.choice(self.departments[c]).pk,
                                planned_time=f"{cat.year}年第{i % 4 + 1}季度",
                                planned_by=dt.date(cat.year, 3 * (i % 4) + 3, 28), sort_order=i)
                )  # fmt: skip
        items = self.write(CatalogItem, items, len(items), "决策目录事项")
        catalog_of = {cat.pk: cat for cat in catalogs}
        decisions = []
        for item in items:
            cat = catalog_of[item.catalog_id]
            registered = self.capped(dt.date(cat.year, 3, 10) + dt.timedelta(days=self.rng.randrange(60)))
            if registered is None:
                continue
            decisions.append(
                Decision(title=item.title, organization_id=item.lead_unit_id, decision_body_id=cat.organization_id,
                         catalog_item_id=item.pk, registered_on=registered,
                         status=self.rng.choice(["registered", "public_participation", "collective_discussion",
                                                 "implementation", "implementation"]))
            )  # fmt: skip
        decisions = self.write(Decision, decisions, len(decisions), "重大行政决策")
        discussions = [
            CollectiveDiscussion(decision_id=d.pk, started_on=d.registered_on + dt.timedelta(days=40),
                                 completed_on=d.registered_on + dt.timedelta(days=40), meeting_kind="executive",
                                 meeting_name="政府常务会议", attendees="政府领导班子成员", attendance_count=9,
                                 result="approved")
            for d in decisions
            if d.status == "implementation" and d.registered_on + dt.timedelta(days=40) <= self.today
        ]  # fmt: skip
        self.write(CollectiveDiscussion, discussions, len(discussions), "集体讨论")

    # ---- oversight, duties, catalogs ----------------------------------------------------------------------------

    def oversight(self) -> None:
        inspections = [
            Inspection(kind=self.rng.choice(["supervision", "rule_of_law", "patrol"]),
                       title=f"{self.county_orgs[c].name}{year}年度法治政府建设督察", held_on=dt.date(year, 6, 10),
                       organization_id=self.justice[c].pk)
            for c in range(self.n_counties)
            for year in self.years
            if dt.date(year, 6, 10) <= self.today
        ]  # fmt: skip
        inspections = self.write(Inspection, inspections, len(inspections), "督察")
        county_of = {self.justice[c].pk: c for c in range(self.n_counties)}
        units, findings = [], []
        for insp in inspections:
            c = county_of[insp.organization_id]
            for n, dept in enumerate(self.rng.sample(self.departments[c], min(6, len(self.departments[c])))):
                units.append(InspectedUnit(inspection_id=insp.pk, organization_id=dept.pk))
                findings.append(InspectionFinding(inspection_id=insp.pk, organization_id=dept.pk, number=n + 1,
                                                  text="行政执法公示信息更新不及时。"))  # fmt: skip
        self.write(InspectedUnit, units, len(units), "被督察单位")
        findings = self.write(InspectionFinding, findings, len(findings), "督察问题")
        held = {i.pk: i.held_on for i in inspections}
        ct = ContentType.objects.get_for_model
        sources = {
            "inspection": (ct(InspectionFinding).pk,
                           [(f.pk, f.organization_id, held[f.inspection_id]) for f in findings]),
            "case_file": (ct(CaseFileProblem).pk, self.problems),
            "clue": (ct(SupervisionClue).pk, self.clue_rows),
            "reconsideration": (ct(ReconsiderationCase).pk,
                                [(pk, resp, concluded) for pk, resp, concluded, outcome, _ in self.recon_rows
                                 if concluded and outcome in ("change", "revoke", "partial_revoke", "confirm_illegal")]),
            "litigation": (ct(Lawsuit).pk,
                           [(pk, dfd, served) for pk, dfd, served, result in self.lawsuit_rows if result == "lost"]),
        }  # fmt: skip
        total = self.scale.rectifications
        # Every finding of inspections, case files, corrected reconsiderations and lost lawsuits, then clues to fill.
        plan = []
        for kind in ("inspection", "case_file", "reconsideration", "litigation", "clue"):
            type_pk, rows = sources[kind]
            room = total - len(plan)
            picked = rows if len(rows) <= room else self.rng.sample(rows, room)
            plan.extend((kind, type_pk, r) for r in picked if r[2] is not None)
        signer = self.user_objs[1].pk

        def rows():
            for kind, type_pk, (pk, org, found_on) in plan:
                opened = found_on + dt.timedelta(days=self.rng.randrange(1, 10))
                if opened > self.today:
                    opened = self.today
                deadline = opened + dt.timedelta(days=60)
                rectified = self.capped(opened + dt.timedelta(days=self.rng.randrange(10, 90)))
                signed = self.capped(rectified + dt.timedelta(days=7)) if rectified else None
                status = "signed_off" if signed else "rectified" if rectified else "in_progress"
                yield RectificationItem(
                    source_type_id=type_pk, source_id=pk, source_kind=kind, organization_id=org,
                    measures="制定整改方案，明确责任人和完成时限。", opened_on=opened, deadline=deadline,
                    deadline_explanation="自立项之日起60日内整改完成。", status=status,
                    rectification="已完成整改。" if rectified else "", rectified_on=rectified,
                    signed_off_on=signed, signed_off_by_id=signer if signed else None,
                )  # fmt: skip

        self.stream(RectificationItem, rows(), len(plan), "整改事项")

    def duties(self) -> None:
        total = self.scale.activities
        kinds_for = {
            K.DISTRICT_GOVERNMENT: [
                "lecture",
                "pre_meeting_study",
                "executive_report",
                "government_study",
                "training",
            ],
            K.PARTY_COMMITTEE: ["lecture", "party_deployment", "written_report"],
            K.PARTY_OFFICE: ["party_deployment", "meeting_report"],
            K.DEPARTMENT: ["lecture", "meeting_report", "written_report", "unit_deployment", "training"],
            K.TOWNSHIP: ["lecture", "unit_deployment", "written_report"],
            K.SUBDISTRICT: ["lecture", "unit_deployment", "written_report"],
        }
        units = [u for u in self.units_all if u.kind in kinds_for]

        def rows():
            for _ in range(total):
                u = self.rng.choice(units)
                kind = self.rng.choice(kinds_for[u.kind])
                yield Activity(
                    kind=kind, held_on=self.day_in(self.rng.choice(self.years)), organization_id=u.pk,
                    topic="学习贯彻习近平法治思想", meeting="党组会议" if kind != "pre_meeting_study" else "政府常务会议",
                    people_names="主要负责人",
                )  # fmt: skip

        self.stream(Activity, rows(), total, "履职活动")

    def catalogs(self) -> None:

        total = self.scale.catalog_items

        def lists():
            for i in range(total):
                c = self.rng.randrange(self.n_counties)
                added = self.day_in(self.rng.choice(self.years))
                commitment = self.rng.random() < 0.5
                yield ListItem(
                    code=f"SY-L{i + 1:07d}", added_on=added, catalog="commitment" if commitment else "certification",
                    name=f"合成证明事项{i + 1}", basis="相关法律法规", verification="书面核查" if commitment else "",
                    false_commitment="申请人不实承诺的，依法撤销相关决定并纳入信用记录。" if commitment else "",
                    organization_id=self.rng.choice(self.departments[c]).pk,
                )  # fmt: skip

        def services():
            for i in range(total):
                c = self.rng.randrange(self.n_counties)
                yield ServiceItem(
                    code=f"SY-S{i + 1:07d}", added_on=self.day_in(self.rng.choice(self.years)),
                    name=f"合成政务服务事项{i + 1}", organization_id=self.rng.choice(self.departments[c]).pk,
                    mode=self.rng.choice(["on_the_spot", "simplified", "instant", "committed"]),
                    time_limit_days=self.rng.choice([1, 3, 5, 10]),
                )  # fmt: skip

        self.stream(ListItem, lists(), total, "清单事项")
        self.stream(ServiceItem, services(), total, "政务服务事项")

    def audit(self) -> None:
        """Audit events through core.audit (a valid chain): an import event for a sample of the generated records."""
        total = self.scale.audit_events
        samples = [
            (m, pk)
            for m in (SupervisionClue, ReconsiderationCase, Lawsuit, RectificationItem, NormativeDocument)
            for pk in m.objects.order_by("-pk").values_list("pk", flat=True)[: total // 5]
        ]
        done = 0
        for start in range(0, len(samples), 1000):
            chunk = samples[start : start + 1000]
            objs = {}
            for m in {m for m, _ in chunk}:
                objs.update(
                    {
                        (m, o.pk): o
                        for o in m.objects.filter(pk__in=[pk for mm, pk in chunk if mm is m]).select_related(
                            *([m.scope_field] if getattr(m, "scope_field", "") else [])
                        )
                    }
                )
            audit.append(
                actor=self.admin,
                entries=[audit.Entry(action=AuditEvent.Action.IMPORT, instance=objs[(m, pk)], changes={}, note="合成数据")
                         for m, pk in chunk if (m, pk) in objs],
            )  # fmt: skip
            done += len(chunk)
            self.progress("审计记录", done, len(samples))
        self.counts["core.AuditEvent"] = done


def validation_errors(sample: int = 20) -> dict[str, list[str]]:
    """Run each generated model's full_clean (its rules) on a sample of its rows: the generator's invariants kept."""
    from django.apps import apps
    from django.core.exceptions import ValidationError

    errors: dict[str, list[str]] = {}
    for label in GENERATED:
        model = apps.get_model(label)
        protected = [f.name for f in model._meta.concrete_fields if getattr(f, "protected", False)]
        for obj in model.objects.order_by("?")[:sample]:
            try:
                obj.full_clean(exclude=protected)
            except ValidationError as exc:
                errors.setdefault(label, []).append(f"#{obj.pk}: {exc.messages}")
    return errors


GENERATED = [
    "core.Organization", "core.Person", "enforcement.EnforcementBody", "enforcement.EnforcementPower",
    "enforcement.Certificate", "enforcement.CertificateReview", "enforcement.TrainingSession",
    "enforcement.ContactPoint", "enforcement.SelfAssessment", "enforcement.EvaluationCampaign",
    "enforcement.EvaluationItem", "enforcement.CaseFile", "enforcement.ItemScore", "enforcement.CaseFileProblem",
    "enforcement.SupervisionClue", "disputes.ReconsiderationCase", "litigation.Lawsuit", "litigation.Hearing",
    "review.LegalityReview", "review.NormativeDocument", "review.Filing", "decisions.DecisionCatalog",
    "decisions.CatalogItem", "decisions.Decision", "decisions.CollectiveDiscussion", "oversight.Inspection",
    "oversight.InspectionFinding", "oversight.RectificationItem", "duties.Activity", "catalogs.ListItem",
    "catalogs.ServiceItem",
]  # fmt: skip
