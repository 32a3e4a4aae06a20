"""The ledgers on which every later one builds: units (单位), people (人员) and user accounts (用户账号)."""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator as token_generator
from django.db import models
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from . import ids, services
from .io.ledgers import CellError, Column, Ledger, register
from .models import Organization, OrganizationKind, Person, Role, User

BOOL_HELP = "填“是”或“否”"


@register
class OrganizationLedger(Ledger):
    code = "organizations"
    name = "单位"
    model = Organization
    description = "上级单位须已存在，或在本文件中位于下级单位之前（导出的文件已按层级排序）。调整已有单位的上级单位请在单位管理页面操作。"
    columns = [
        Column(
            "code",
            "单位代码",
            "平台内唯一的简码，用于识别单位，导入后不能修改",
            required=True,
            example="QS-SFJ",
            max_length=40,
            as_text=True,
        ),
        Column("name", "单位名称", "全称", required=True, example="青山区司法局", max_length=120),
        Column("short_name", "简称", example="区司法局", max_length=40),
        Column(
            "kind",
            "单位类型",
            required=True,
            kind="choice",
            choices=OrganizationKind.choices,
            example="政府工作部门",
        ),
        Column(
            "parent",
            "上级单位代码",
            "顶级单位（区政府）留空",
            example="QS",
            as_text=True,
            getter=lambda o: o.parent.code if o.parent_id else "",
        ),
        Column(
            "credit_code",
            "统一社会信用代码",
            "18位，按GB 32100校验",
            example="11640303MB1234567X",
            as_text=True,
        ),
        Column("sort_order", "排序", kind="int", example="10"),
        Column("is_active", "在用", BOOL_HELP, kind="bool", example="是"),
    ]

    def queryset(self):
        return Organization.objects.select_related("parent").order_by("path")

    def prepare(self, rows):
        by_code = {o.code: o for o in Organization.objects.select_related("parent")}
        return {
            "by_code": by_code,
            "built": {},
            # Each 统一社会信用代码 belongs to one unit: those already registered, then those met in the file.
            "credit_codes": {o.credit_code: o.code for o in by_code.values() if o.credit_code},
            "key_of": lambda o: o.code,
            "key_header": "单位代码",
        }

    def match(self, values, ctx):
        return ctx["by_code"].get(values["code"])

    def build(self, values, existing, ctx):
        org = copy.copy(existing) if existing else Organization()
        parent = None
        if values["parent"]:
            parent = ctx["built"].get(values["parent"]) or ctx["by_code"].get(values["parent"])
            if parent is None:
                raise CellError(
                    f"上级单位代码“{values['parent']}”不存在（上级单位须已存在或在本行之前）。",
                    column="上级单位代码",
                )
        if existing and existing.parent_id != (parent.pk if parent else None):
            raise CellError("导入不能调整已有单位的上级单位，请在单位管理页面操作。", column="上级单位代码")
        credit_code = ids.normalize(values["credit_code"])
        if credit_code:
            # The database would refuse the repeat only when writing; name the unit that already has it.
            holder = ctx["credit_codes"].setdefault(credit_code, values["code"])
            if holder != values["code"]:
                raise CellError(f"该统一社会信用代码已属于单位“{holder}”。", column="统一社会信用代码")
        for key in ("code", "name", "short_name", "kind", "credit_code", "sort_order"):
            setattr(org, key, values[key] if values[key] is not None else 0)
        org.is_active = (
            values["is_active"]
            if "is_active" in values["_present"]
            else (existing.is_active if existing else True)
        )
        org.parent = parent
        org.path = f"{parent.path if parent else '/'}{org.code}/"
        ctx["built"][org.code] = org
        return org

    def save(self, *, creates, updates, fields, actor=None):
        # Parents before children: bulk-create one level of the tree at a time.
        for depth in sorted({o.path.count("/") for o in creates}):
            Organization.objects.bulk_create(
                [o for o in creates if o.path.count("/") == depth], batch_size=1000
            )
        if updates:
            Organization.objects.bulk_update(updates, fields, batch_size=1000)


@register
class PersonLedger(Ledger):
    code = "people"
    name = "人员"
    model = Person
    description = "导出的文件中身份证号已脱敏；原样导回时保留原号码。新增人员须填写完整的身份证号。"
    columns = [
        Column(
            "pk",
            "记录编号",
            "平台生成的编号，新增人员留空；导出后修改再导入时用于识别记录",
            kind="int",
            getter=lambda p: p.pk,
        ),
        Column("name", "姓名", required=True, example="张三", max_length=60),
        Column(
            "id_number",
            "身份证号",
            "18位居民身份证号，按GB 11643校验",
            required=True,
            example="640303199001011234",
            as_text=True,
            getter=lambda p: p.masked_id_number,
        ),
        Column(
            "organization",
            "单位代码",
            "所在单位的单位代码",
            required=True,
            example="QS-SFJ",
            as_text=True,
            getter=lambda p: p.organization.code,
        ),
        Column("position", "职务", example="科员", max_length=80),
        Column("is_principal_leader", "主要负责人", BOOL_HELP, kind="bool", example="否"),
        Column("has_legal_qualification", "具有法律职业资格", BOOL_HELP, kind="bool", example="是"),
        Column(
            "legal_qualification_year", "取得法律职业资格年份", "四位年份，可留空", kind="int", example="2015"
        ),
        Column("is_active", "在职", BOOL_HELP, kind="bool", example="是"),
    ]

    def queryset(self):
        return Person.objects.select_related("organization").order_by("organization__path", "pk")

    def prepare(self, rows):
        pks = [r["pk"] for r in rows if r["pk"]]
        numbers = [ids.normalize(r["id_number"]) for r in rows if "*" not in r["id_number"]]
        by_pk, by_number = {}, {}
        people = Person.objects.select_related("organization")
        for chunk in range(0, max(len(pks), len(numbers)), 900):
            by_pk.update({p.pk: p for p in people.filter(pk__in=pks[chunk : chunk + 900])})
            by_number.update({p.id_number: p for p in people.with_id_numbers(numbers[chunk : chunk + 900])})
        return {
            "orgs": {o.code: o for o in Organization.objects.all()},
            "by_pk": by_pk,
            "by_number": by_number,
            "key_of": lambda p: p.id_number,
            "key_header": "身份证号",
            "record_header": "记录编号",
        }

    def match(self, values, ctx):
        if values["pk"]:
            person = ctx["by_pk"].get(values["pk"])
            if person is None:
                raise CellError(
                    f"记录编号{values['pk']}不存在；新增人员请将记录编号留空。", column="记录编号"
                )
            return person
        if "*" in values["id_number"]:
            raise CellError("新增人员须填写完整的身份证号（不能是脱敏号码）。", column="身份证号")
        return ctx["by_number"].get(ids.normalize(values["id_number"]))

    def unchanged(self, values, existing):
        if values["id_number"] == existing.masked_id_number:
            values = {**values, "id_number": existing.id_number}
        elif "*" in values["id_number"]:
            raise CellError(
                "脱敏号码与该记录的身份证号不符；要更正身份证号请填写完整号码。", column="身份证号"
            )
        return values

    def build(self, values, existing, ctx):
        person = copy.copy(existing) if existing else Person()
        org = ctx["orgs"].get(values["organization"])
        if org is None:
            raise CellError(f"单位代码“{values['organization']}”不存在。", column="单位代码")
        number = ids.normalize(values["id_number"])
        other = ctx["by_number"].get(number)
        if other is not None and existing is not None and other.pk != existing.pk:
            raise CellError(f"身份证号已属于另一人员（记录编号{other.pk}）。", column="身份证号")
        person.name = values["name"]
        person.id_number = number
        person.organization = org
        person.position = values["position"]
        person.is_principal_leader = values["is_principal_leader"]
        person.has_legal_qualification = values["has_legal_qualification"]
        person.legal_qualification_year = values["legal_qualification_year"]
        person.is_active = (
            values["is_active"]
            if "is_active" in values["_present"]
            else (existing.is_active if existing else True)
        )
        return person

    def update_fields(self):
        return [
            f.name
            for f in Person._meta.concrete_fields
            if not isinstance(f, models.AutoField) and not f.primary_key
        ]


def activation_path(user: User) -> str:
    """The account's one-time activation link (path): it sets the first password and stops working once used
    (Django's password-reset token; valid for PASSWORD_RESET_TIMEOUT)."""
    return reverse(
        "account_activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": token_generator.make_token(user),
        },
    )


@register
class UserLedger(Ledger):
    """用户账号: username, the person by ID number, the unit (checked against the person's), the role. No password
    in any file: each new account gets a one-time activation link, shown once to the importing administrator."""

    code = "users"
    name = "用户账号"
    model = User
    description = (
        "只有系统管理员可以导入。人员须已在“人员”台账中。文件中不含密码：每个新账号导入后得到一个一次性启用链接，"
        "只在导入结果中显示这一次，由管理员交给本人设置密码。按用户名识别账号，重复导入不会新增。"
    )
    columns = [
        Column(
            "username",
            "用户名",
            "登录名，导入后按它识别账号",
            required=True,
            example="qs-sfj-zhang",
            max_length=150,
        ),
        Column(
            "person",
            "身份证号",
            "账号所属人员的身份证号（人员须已导入）；系统管理员可留空",
            example="640303199001011234",
            as_text=True,
            getter=lambda u: u.person.masked_id_number if u.person_id else "",
        ),
        Column(
            "organization",
            "单位代码",
            "该人员所在单位的单位代码，用于核对",
            example="QS-SFJ",
            as_text=True,
            getter=lambda u: u.person.organization.code if u.person_id else "",
        ),
        Column("role", "角色", required=True, kind="choice", choices=Role.choices, example="单位填报员"),
        Column("is_active", "启用", BOOL_HELP, kind="bool", example="是"),
    ]

    def queryset(self):
        return User.objects.select_related("person__organization").order_by("username")

    def prepare(self, rows):
        numbers = [ids.normalize(r["person"]) for r in rows if r["person"] and "*" not in r["person"]]
        people = Person.objects.select_related("organization")
        return {
            "by_username": {
                u.username: u
                for u in User.objects.select_related("person__organization").filter(
                    username__in=[r["username"] for r in rows]
                )
            },
            "by_number": {p.id_number: p for p in people.with_id_numbers(numbers)},
            "username_of_person": dict(
                User.objects.filter(person__in=Person.objects.with_id_numbers(numbers)).values_list(
                    "person__id_number", "username"
                )
            ),
            "key_of": lambda u: u.username,
            "key_header": "用户名",
            "person_rows": {},
        }

    def match(self, values, ctx):
        return ctx["by_username"].get(values["username"])

    def _person(self, values, existing, ctx):
        text = values["person"]
        if not text:
            return None
        if "*" in text:
            if existing is not None and existing.person_id and text == existing.person.masked_id_number:
                return existing.person
            raise CellError("须填写完整的身份证号（脱敏号码只能原样导回已有账号）。", column="身份证号")
        person = ctx["by_number"].get(ids.normalize(text))
        if person is None:
            raise CellError("该身份证号的人员不存在，请先导入“人员”台账。", column="身份证号")
        holder = ctx["username_of_person"].get(person.id_number)
        if holder and holder != values["username"]:
            raise CellError(f"该人员已有账号“{holder}”。", column="身份证号")
        return person

    def build(self, values, existing, ctx):
        person = self._person(values, existing, ctx)
        if person is not None:
            earlier = ctx["person_rows"].setdefault(person.pk, values["username"])
            if earlier != values["username"]:
                raise CellError(f"该人员在本文件中已有账号“{earlier}”。", column="身份证号")
            if values["organization"] and values["organization"] != person.organization.code:
                raise CellError(
                    f"单位代码“{values['organization']}”与该人员所在单位“{person.organization.code}”不一致。",
                    column="单位代码",
                )
        elif values["organization"]:
            raise CellError(
                "填写了单位代码，但没有填写身份证号：账号通过人员确定所在单位。", column="身份证号"
            )
        services.check_user(actor=ctx["actor"], role=values["role"], person=person)
        user = copy.copy(existing) if existing else User()
        user.username = values["username"]
        user.person = person
        user.role = values["role"]
        services.set_role_flags(user)  # staff and superuser follow the role, as in create_user
        user.is_active = (
            values["is_active"]
            if "is_active" in values["_present"]
            else (existing.is_active if existing else True)
        )
        if existing is None:
            user.set_unusable_password()
        return user

    def update_fields(self):
        return ["username", "person", "role", "is_staff", "is_superuser", "is_active"]

    def organization_of(self, instance):
        return instance.person.organization if instance.person_id else None

    def after_import(self, *, created, actor):
        days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
        return [
            f"新账号“{user.username}”的启用链接（只显示这一次，{days}日内有效，设置密码后失效）："
            f"{activation_path(user)}"
            for user in created
        ]
