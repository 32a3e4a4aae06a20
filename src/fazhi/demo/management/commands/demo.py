"""fazhi demo: create the fictional demo district 澄湖区 (its own names and numbers), its units, people and one
user per role; running it again changes nothing. Later workstreams add their records through fazhi.demo.registry.STEPS."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.core import ids, services
from fazhi.core.models import Organization, OrganizationKind, Person, Role, User
from fazhi.demo import registry as demo

DEMO_PASSWORD = "Chenghu-2026!"  # noqa: S105  (the demo's published password; development mode only)
REGION = "990102"  # not a real administrative division: the demo's numbers cannot be anyone's

K = OrganizationKind
UNITS = [
    # code, name, kind, parent
    ("CH", "澄湖区人民政府", K.DISTRICT_GOVERNMENT, None),
    ("CH-QW", "中共澄湖区委员会", K.PARTY_COMMITTEE, "CH"),
    ("CH-YFZQB", "中共澄湖区委全面依法治区委员会办公室", K.PARTY_OFFICE, "CH-QW"),
    ("CH-ZFB", "澄湖区人民政府办公室", K.DEPARTMENT, "CH"),
    ("CH-SFJ", "澄湖区司法局", K.DEPARTMENT, "CH"),
    ("CH-SCJ", "澄湖区市场监督管理局", K.DEPARTMENT, "CH"),
    ("CH-SCJ-ZD", "澄湖区市场监管综合行政执法大队", K.ENFORCEMENT_BODY, "CH-SCJ"),
    ("CH-ZRZY", "澄湖区自然资源局", K.DEPARTMENT, "CH"),
    ("CH-JYJ", "澄湖区教育局", K.DEPARTMENT, "CH"),
    ("CH-FY", "澄湖区人民法院", K.POLITICAL_LEGAL, "CH"),
    ("CH-JCY", "澄湖区人民检察院", K.POLITICAL_LEGAL, "CH"),
    ("CH-GA", "澄湖区公安分局", K.PUBLIC_SECURITY, "CH"),
    ("CH-LHZ", "澄湖区莲花镇", K.TOWNSHIP, "CH"),
    ("CH-BSX", "澄湖区白沙乡", K.TOWNSHIP, "CH"),
    ("CH-HBJD", "澄湖区湖滨街道", K.SUBDISTRICT, "CH"),
    ("CH-LS", "澄湖明理律师事务所", K.OTHER, "CH"),
]

PEOPLE = [
    # name, unit, position, principal leader, legal qualification year (None: none)
    ("周明远", "CH", "区长", True, None),
    ("吴立群", "CH", "副区长", False, 2009),
    ("郑书华", "CH-QW", "区委书记", True, None),
    ("王清和", "CH-YFZQB", "主任", True, 2012),
    ("冯晓岚", "CH-ZFB", "主任", True, None),
    ("陈守正", "CH-SFJ", "局长", True, 2006),
    ("褚雅静", "CH-SFJ", "法制审核科科长", False, 2014),
    ("卫思远", "CH-SFJ", "行政复议科科员", False, 2019),
    ("蒋正平", "CH-SFJ", "执法监督科科长", False, 2016),
    ("沈立新", "CH-SCJ", "局长", True, None),
    ("韩雨桐", "CH-SCJ", "法规科科员", False, 2020),
    ("杨海峰", "CH-SCJ-ZD", "大队长", True, None),
    ("朱启航", "CH-SCJ-ZD", "执法队员", False, None),
    ("秦文博", "CH-ZRZY", "局长", True, None),
    ("尤嘉怡", "CH-ZRZY", "法规股股长", False, 2018),
    ("许志诚", "CH-JYJ", "局长", True, None),
    ("何静宜", "CH-JYJ", "办公室科员", False, None),
    ("吕安邦", "CH-FY", "院长", True, 2001),
    ("施慧敏", "CH-FY", "法官", False, 2010),
    ("张敬之", "CH-JCY", "检察长", True, 2003),
    ("孔令仪", "CH-JCY", "检察官", False, 2013),
    ("曹振宇", "CH-GA", "法制大队长", False, 2015),
    ("严春晖", "CH-LHZ", "镇长", True, None),
    ("华小满", "CH-LHZ", "司法所所长", False, 2021),
    ("金玉洁", "CH-BSX", "乡长", True, None),
    ("魏东来", "CH-HBJD", "主任", True, None),
    ("陶明理", "CH-LS", "律师事务所主任", True, 2004),
]

USERS = [
    # username, role, person name (None: the system administrator)
    ("admin", Role.SYSTEM_ADMIN, None),
    ("sfj", Role.JUSTICE_ADMIN, "褚雅静"),
    ("scj", Role.UNIT_CLERK, "韩雨桐"),
    ("jyj", Role.UNIT_CLERK, "何静宜"),
    ("lvshi", Role.LEGAL_ADVISOR, "陶明理"),
    ("fuyi", Role.RECONSIDERATION_STAFF, "卫思远"),
    ("jiandu", Role.ENFORCEMENT_SUPERVISOR, "蒋正平"),
    ("lingdao", Role.LEADER, "周明远"),
]


def demo_id_number(index: int) -> str:
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=397 * index)
    return ids.make_id_number(REGION, birth, 100 + index)


def demo_credit_code(index: int) -> str:
    return ids.make_credit_code(f"11{REGION}MB{index:07d}")


class Command(BaseCommand):
    help = "创建虚构的演示区（澄湖区）：单位、人员和每种角色的用户；可重复运行，不会重复创建。"

    def handle(self, *args, **options):
        if not settings.DEV_MODE:
            # The demo creates an administrator whose password is published in the README.
            raise CommandError(
                "演示数据只能在开发模式下创建（设置 FAZHI_DEV=1）；生产环境不得运行 fazhi demo。"
            )
        with transaction.atomic():
            admin = User.objects.filter(username="admin").first() or services.create_user(
                actor=None, username="admin", password=DEMO_PASSWORD, role=Role.SYSTEM_ADMIN
            )
            created = self.ensure_units(admin) + self.ensure_people(admin)
            created += self.ensure_users(admin)
            for step in demo.STEPS:
                created += step(admin, self.stdout) or 0
        self.stdout.write(self.style.SUCCESS(f"演示区“澄湖区”已就绪（本次新建{created}条记录）。"))
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, role, person in USERS:
            self.stdout.write(f"  {username:<8} {Role(role).label}{'（' + person + '）' if person else ''}")

    def ensure_units(self, admin) -> int:
        created = 0
        for index, (code, name, kind, parent) in enumerate(UNITS, start=1):
            if Organization.objects.filter(code=code).exists():
                continue
            services.create_organization(
                actor=admin,
                code=code,
                name=name,
                kind=kind,
                parent=Organization.objects.get(code=parent) if parent else None,
                credit_code=demo_credit_code(index),
                sort_order=index * 10,
            )
            created += 1
        return created

    def ensure_people(self, admin) -> int:
        created = 0
        for index, (name, unit, position, leader, year) in enumerate(PEOPLE, start=1):
            number = demo_id_number(index)
            if Person.objects.with_id_number(number).exists():
                continue
            services.create_person(
                actor=admin,
                name=name,
                id_number=number,
                organization=Organization.objects.get(code=unit),
                position=position,
                is_principal_leader=leader,
                has_legal_qualification=year is not None,
                legal_qualification_year=year,
            )
            created += 1
        return created

    def ensure_users(self, admin) -> int:
        created = 0
        for username, role, person_name in USERS:
            if User.objects.filter(username=username).exists():
                continue
            # The demo's own person of that name (its number is the demo's), not a namesake in a real unit.
            index = next(i for i, p in enumerate(PEOPLE, start=1) if p[0] == person_name)
            person = Person.objects.with_id_number(demo_id_number(index)).get(name=person_name)
            services.create_user(
                actor=admin, username=username, password=DEMO_PASSWORD, role=role, person=person
            )
            created += 1
        return created
