"""Rules of the public lists (证明事项清单, 告知承诺制事项清单, 政务服务事项): what an item of each list must state, that
versions of one item never overlap, that a listed version is removed on a date and never rewritten or deleted. Pure
functions; the model's clean(), the services, the ledgers, the pages, admin and API all reach them. The dates of a
list item (列入、移出) are validity dates and may lie in the future: they are not events that must have happened.
国办发〔2018〕47号 and 〔2020〕42号 are not in domain/laws: check their wording there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError

from fazhi.core.models import OrganizationKind, User

CERTIFICATION_BASIS = (
    "《优化营商环境条例》第四十四条：“证明事项应当有法律、法规或者国务院决定依据。……政府有关部门应当公布证明事项清单，"
    "逐项列明设定依据、索要单位、开具单位、办理指南等。清单之外，政府部门、公用企事业单位和服务机构不得索要证明。”；"
    "国务院办公厅关于做好证明事项清理工作的通知（国办发〔2018〕47号）：实行证明事项清单管理"
)
"""证明事项清单的依据。"""
COMMITMENT_BASIS = (
    "国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见（国办发〔2020〕42号）："
    "明确核查方式和不实承诺的法律责任"
)
"""告知承诺制事项清单的依据。"""
SERVICE_BASIS = (
    "《优化营商环境条例》第三十五条：“政府及其有关部门应当推进政务服务标准化……编制并向社会公开政务服务事项……"
    "标准化工作流程和办事指南”；第三十六条：“政府及其有关部门办理政务服务事项，应当根据实际情况，推行当场办结、"
    "一次办结、限时办结等制度”"
)
"""政务服务事项标准化和限时办结的依据。"""

VERIFICATION_METHODS = ["书面核查", "网络核查", "实地核查", "公示核查"]
"""告知承诺制的核查方式（书面、网络、实地、公示），一事项可有多种，以“、”分隔。"""

COMMITTED = "committed"
"""承诺办（HandlingMode.COMMITTED）。"""

IMPLEMENTING_KINDS = {
    OrganizationKind.DISTRICT_GOVERNMENT,
    OrganizationKind.DEPARTMENT,
    OrganizationKind.PUBLIC_SECURITY,
    OrganizationKind.TOWNSHIP,
    OrganizationKind.SUBDISTRICT,
    OrganizationKind.ENFORCEMENT_BODY,
}
"""可作为实施单位的单位类型：人民政府及其工作部门（公安机关在内）、乡镇、街道和行政执法机构。"""


def may_implement(organization) -> bool:
    """实施单位是政府或其有关部门

    CERTIFICATION_BASIS (“政府有关部门应当公布证明事项清单，逐项列明……索要单位”) and SERVICE_BASIS (“政府及其有关部门
    办理政务服务事项”): an item's implementing unit is a government, one of its departments, a township or subdistrict, or
    an enforcement body — never a court, procuratorate, party organ or other unit such as a law firm."""
    return organization is not None and organization.kind in IMPLEMENTING_KINDS


def validate_implementing_unit(item) -> None:
    organization = item.organization if item.organization_id else None
    if organization is not None and not may_implement(organization):
        raise ValidationError(
            {
                "organization": f"“{organization}”不是人民政府或其有关部门，不能作为清单事项的实施单位"
                "（优化营商环境条例第三十五条、第三十六条、第四十四条）。"
            }
        )


def validate_version(item) -> None:
    """清单事项版本的日期与编码

    A version of an item is in force from its 列入日期 until its 移出日期 (exclusive), so it is removed after it
    was added; a removal states its reason and only a removed item has one; the item code identifies the item in
    its list (and in the public page's address), so it has no “/”."""
    errors = {}
    if item.removed_on and item.added_on and item.removed_on <= item.added_on:
        errors["removed_on"] = f"移出日期（{item.removed_on}）应晚于列入日期（{item.added_on}）。"
    if item.removed_on and not (item.removal_reason or "").strip():
        errors["removal_reason"] = "请写明移出原因，如 取消该证明事项、改为告知承诺制。"
    elif item.removal_reason and not item.removed_on:
        errors["removal_reason"] = "未移出的事项不应填写移出原因。"
    if item.code and "/" in item.code:
        errors["code"] = "事项编码不能包含“/”。"
    if errors:
        raise ValidationError(errors)


def normalized_verification(text: str) -> str:
    """核查方式的规范写法

    The verification methods of `text` in their standard order, joined by “、”."""
    methods = [m for m in (text or "").split("、") if m]
    return "、".join(m for m in VERIFICATION_METHODS if m in methods)


def validate_list_item(item) -> None:
    """告知承诺制事项的核查方式和不实承诺的处理

    COMMITMENT_BASIS: a 告知承诺制 item states how the commitment is verified (书面、网络、实地或公示核查) and what
    follows a false commitment; a 证明事项 has neither (CERTIFICATION_BASIS: it names its basis and its issuer)."""
    errors = {}
    if item.catalog == "commitment":
        methods = [m for m in item.verification.split("、") if m] if item.verification else []
        wrong = [m for m in methods if m not in VERIFICATION_METHODS]
        if not methods:
            errors["verification"] = "告知承诺制事项须写明核查方式（书面、网络、实地或公示核查）。"
        elif wrong:
            errors["verification"] = (
                f"“{'、'.join(wrong)}”不是核查方式，应为：{'、'.join(VERIFICATION_METHODS)}。"
            )
        if not item.false_commitment.strip():
            errors["false_commitment"] = "告知承诺制事项须写明申请人不实承诺的处理。"
    elif item.verification or item.false_commitment:
        errors["verification"] = "核查方式和不实承诺的处理只适用于告知承诺制事项。"
    if errors:
        raise ValidationError(errors)


def validate_service_item(item) -> None:
    """承诺办事项的办结时限

    SERVICE_BASIS (限时办结): an item handled as 承诺办 states the time limit, in working days, it is promised in."""
    if item.mode == COMMITTED and not item.time_limit_days:
        raise ValidationError({"time_limit_days": "承诺办事项须写明承诺办结时限（工作日）。"})


def overlaps(versions: Iterable[tuple[dt.date, dt.date | None]]) -> tuple[dt.date, dt.date] | None:
    """同一事项重叠的版本

    The first two versions of one item that are in force on a same day, as their added_on dates, or None.
    `versions` are (added_on, removed_on) with removed_on None while in force."""
    ordered = sorted(versions, key=lambda v: v[0])
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before[1] is None or before[1] > after[0]:
            return before[0], after[0]
    return None


def overlap_message(code: str, first: dt.date, second: dt.date) -> str:
    """同一事项版本重叠的说明"""
    return (
        f"事项“{code}”自{first}列入的版本与自{second}列入的版本在同一时间都在清单内："
        f"须先将前一版本的移出日期定为不晚于{second}。"
    )


def validate_no_overlap(code: str, versions: Iterable[tuple[dt.date, dt.date | None]]) -> None:
    """同一事项的版本不重叠

    An item is in its list once on any day (the public list of a day names each item once, CERTIFICATION_BASIS:
    “逐项列明”): a new version starts no earlier than the day the one before it is removed."""
    clash = overlaps(versions)
    if clash:
        raise ValidationError({"code": overlap_message(code, *clash)})


def validate_not_removed(item) -> None:
    """已移出的事项不再移出

    A version removed on a date stays removed from that date: the lists of every later day were shown without it."""
    if item.removed_on is not None:
        raise ValidationError(
            {"removed_on": f"事项“{item}”已于{item.removed_on}移出清单，移出日期不能再改动。"}
        )


def validate_removal(item, removed_on: dt.date | None) -> None:
    """移出须有日期

    A removal names the day from which the item is no longer in the list (and, validate_version, a day after it
    was added and a reason)."""
    validate_not_removed(item)
    if removed_on is None:
        raise ValidationError({"removed_on": "请填写移出日期。"})


def frozen_fields(key_fields: Iterable[str], content_fields: Iterable[str], item) -> list[str]:
    """已列入的事项不能改写

    Every past day's list must stay as it was shown, so a recorded version's code, 列入日期 and content never
    change (a change is a new version: 变更), and once removed its removal is fixed too. None for a new item."""
    if item is None or item.pk is None:
        return []
    frozen = [*key_fields, "added_on", *content_fields]
    return frozen + (["removed_on", "removal_reason"] if item.removed_on else [])


def validate_content_kept(before, after, fields: Iterable[str], labels: Mapping[str, str]) -> None:
    """已列入的事项内容不变

    frozen_fields for a row that names a recorded version (the ledger): its content is as recorded."""
    for name in fields:
        old, new = getattr(before, name), getattr(after, name)
        if hasattr(old, "pk") or hasattr(new, "pk"):
            old, new = getattr(old, "pk", old), getattr(new, "pk", new)
        if old != new:
            label = labels.get(name, name)
            raise ValidationError(
                {
                    name: f"已列入清单的事项不能直接修改“{label}”：请在列入日期不变的行填写移出日期，"
                    "再以新的列入日期另起一行（变更后的版本）。"
                }
            )


def may_delete_item(user: User, item) -> bool:
    """清单事项从不删除

    An item leaves a list by a 移出日期, so the list of any earlier day can still be shown."""
    return False
