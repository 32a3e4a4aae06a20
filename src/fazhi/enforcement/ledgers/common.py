"""What the enforcement ledgers share: finding units, bodies and people a row names (people by ID number, masked in
exports as the people ledger does), columns an import may not change, and the Justice Bureau's authority for the
records only it enters (bodies, exams, certificates, reviews)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core import ids
from fazhi.core.io.ledgers import CellError, Column, Ledger
from fazhi.core.models import Organization, Person

from ..models import EnforcementBody
from ..rules import certificates as rules

BOOL_HELP = "填“是”或“否”"
NUMBER_HELP = "18位居民身份证号；导出的文件中已脱敏，原样导回时按脱敏号码和姓名识别原人员"


def organizations(codes) -> dict[str, Organization]:
    return {o.code: o for o in Organization.objects.filter(code__in=set(codes))}


def unit(ctx: dict, code: str, header: str) -> Organization:
    found = ctx["orgs"].get(code)
    if found is None:
        raise CellError(f"单位代码“{code}”不存在。", column=header)
    return found


def body_columns(getter=lambda r: r.body) -> list[Column]:
    """A body named by its unit's code and its name (the name alone may repeat across districts)."""
    return [
        Column(
            "body_unit",
            "执法主体单位代码",
            "执法主体所在单位的单位代码",
            required=True,
            example="CH-SCJ-ZD",
            as_text=True,
            getter=lambda r: getter(r).organization.code,
        ),
        Column(
            "body",
            "执法主体",
            "行政执法主体名称，须已在执法主体台账中登记",
            required=True,
            example="澄湖区市场监管综合行政执法大队",
            getter=lambda r: getter(r).name,
        ),
    ]


def bodies_named(rows) -> dict[tuple[str, str], EnforcementBody]:
    codes = {r["body_unit"] for r in rows}
    return {
        (b.organization.code, b.name): b
        for b in EnforcementBody.objects.filter(organization__code__in=codes).select_related("organization")
    }


def body(ctx: dict, values: dict) -> EnforcementBody:
    found = ctx["bodies"].get((values["body_unit"], values["body"]))
    if found is None:
        raise CellError(
            f"单位“{values['body_unit']}”没有名为“{values['body']}”的执法主体，请先在执法主体台账中登记。",
            column="执法主体",
        )
    return found


def person_columns(getter=lambda r: r.person, name_header="姓名", help_name="") -> list[Column]:
    return [
        Column(
            "person_name",
            name_header,
            help_name or "人员姓名，须与身份证号对应的人员一致",
            required=True,
            example="王执法",
            max_length=60,
            getter=lambda r: getter(r).name,
        ),
        Column(
            "id_number",
            "身份证号",
            NUMBER_HELP,
            required=True,
            example="640303199001011234",
            as_text=True,
            getter=lambda r: getter(r).masked_id_number,
        ),
    ]


def people_numbered(rows) -> dict[str, Person]:
    numbers = [ids.normalize(r["id_number"]) for r in rows if "*" not in r["id_number"]]
    found = {}
    for start in range(0, len(numbers), 900):
        found.update(
            {
                p.id_number: p
                for p in Person.objects.with_id_numbers(numbers[start : start + 900]).select_related(
                    "organization"
                )
            }
        )
    return found


def person(ctx: dict, values: dict, known: Person | None = None) -> Person:
    """The person a row names: by full ID number, or by the masked number of `known` (the record's own person)
    exported earlier; the name must agree."""
    number = values["id_number"]
    if "*" in number:
        if known is None or number != known.masked_id_number:
            raise CellError(
                "新增记录须填写完整的身份证号（不能是脱敏号码）；脱敏号码只能原样导回已有记录。",
                column="身份证号",
            )
        found = known
    else:
        found = ctx["people"].get(ids.normalize(number))
        if found is None:
            raise CellError("该身份证号的人员不在人员名录中，请先在人员台账中登记。", column="身份证号")
    if found.name != values["person_name"]:
        name_header = ctx.get("person_header", "姓名")
        raise CellError(f"姓名与身份证号对应的人员“{found.name}”不一致。", column=name_header)
    return found


def keep(values: dict, existing, column: Column, message: str) -> None:
    """A column an import shows but may not change: its value on the row must be the record's own."""
    if existing is None or values[column.key] in ("", None):
        return  # left empty: the record keeps its value
    if column.key in values["_present"] and values[column.key] != column.parse(column.format(existing)):
        raise CellError(message, column=column.header)


class AuthorityLedger(Ledger):
    """A ledger of records only the Justice Bureau (执法监督机构) enters: bodies, exams, certificates, reviews.

    The framework checks the unit scope row by row, and the role with each row that adds or changes a record
    (`permit`, in the dry run too), so a clerk's file is refused and nothing changes."""

    authority_what = ""

    def permit(self, action, instance, before, ctx):
        if action != "unchanged" and not rules.may_manage_certificates(ctx["actor"]):
            raise PermissionDenied(f"{self.authority_what}由司法局（执法监督机构）办理，您无权导入。")
