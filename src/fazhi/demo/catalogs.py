"""Demo records of the lists in 澄湖区, imported through the lists' own ledgers: the 证明事项清单 and the 告知承诺制
事项清单 issued in March 2024, items removed and added in 2025 and 2026, and a few hundred 政务服务事项 generated from
unit × matter × action, some of which moved to a faster handling mode in 2025."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.catalogs.ledgers.lists import CertificationLedger, CommitmentLedger, ServiceItemLedger
from fazhi.catalogs.models import HandlingMode, ListItem, ServiceItem
from fazhi.core.io import ledgers, sheets
from fazhi.core.models import User
from fazhi.demo.registry import step

ISSUED = dt.date(2024, 3, 1)
CERTIFICATES = [
    ("无犯罪记录证明", "《中华人民共和国教师法》第十四条", "CH-JYJ", "户籍所在地公安派出所"),
    ("学历证明", "《中华人民共和国教师法》第十一条", "CH-JYJ", "毕业院校"),
    (
        "普通话水平测试等级证书",
        "《中华人民共和国国家通用语言文字法》第十九条",
        "CH-JYJ",
        "普通话水平测试机构",
    ),
    ("健康证明", "《中华人民共和国食品安全法》第四十五条", "CH-SCJ", "具备资质的医疗机构"),
    ("经营场所使用证明", "《市场主体登记管理条例》第十七条", "CH-SCJ", "产权人或所在村（社区）"),
    ("产品检验报告", "《中华人民共和国产品质量法》第十五条", "CH-SCJ", "检验检测机构"),
    ("土地权属证明", "《中华人民共和国土地管理法》第十二条", "CH-ZRZY", "不动产登记机构"),
    ("村民委员会同意建房的证明", "《中华人民共和国土地管理法》第六十二条", "CH-ZRZY", "村民委员会"),
    ("家庭经济困难证明", "《中华人民共和国法律援助法》第四十一条", "CH-SFJ", "所在村（社区）"),
    ("亲属关系证明", "《中华人民共和国民法典》第一千零四十五条", "CH-SFJ", "户籍所在地公安派出所"),
]
SUBJECTS = ["", "（首次申请）", "（变更）", "（延续）"]
COMMITMENTS = [
    (
        "食品经营许可（仅销售预包装食品）",
        "《中华人民共和国食品安全法》第三十五条",
        "CH-SCJ",
        "书面核查、网络核查",
    ),
    ("小餐饮登记", "《宁夏回族自治区食品小经营店小作坊和食品摊贩管理条例》第十二条", "CH-SCJ", "实地核查"),
    ("公共场所卫生许可", "《公共场所卫生管理条例》第八条", "CH-SCJ", "实地核查、公示核查"),
    ("民办培训机构办学许可", "《中华人民共和国民办教育促进法》第十八条", "CH-JYJ", "书面核查、实地核查"),
    ("乡村建设规划许可", "《中华人民共和国城乡规划法》第四十一条", "CH-ZRZY", "实地核查"),
]
FALSE_COMMITMENT = "撤销相关决定，依法追究法律责任，不实承诺记入信用记录，三年内不再适用告知承诺制"
SERVICE_UNITS = ["CH-SCJ", "CH-JYJ", "CH-ZRZY", "CH-SFJ", "CH-LHZ", "CH-BSX", "CH-HBJD"]
MATTERS = [
    "个体工商户",
    "农民专业合作社",
    "食品经营",
    "药品零售",
    "校外培训",
    "不动产",
    "宅基地",
    "法律援助",
    "公证",
    "人民调解",
    "户外广告",
    "临时占道",
    "劳务派遣",
    "养老服务",
    "残疾人补贴",
    "农机购置补贴",
]
ACTIONS = ["设立登记", "变更登记", "注销登记", "年度报告", "证明开具", "信息查询", "补贴申领", "备案"]
MODES = [
    HandlingMode.ON_THE_SPOT,
    HandlingMode.INSTANT,
    HandlingMode.SIMPLIFIED,
    HandlingMode.COMMITTED,
    HandlingMode.OTHER,
    HandlingMode.INSTANT,
    HandlingMode.COMMITTED,
    HandlingMode.OTHER,
]


def _csv(headers: list[str], rows: list[list]) -> bytes:
    return sheets.csv_text(headers, rows).encode("utf-8")


def _import(admin: User, ledger, rows: list[list]) -> int:
    content = _csv([c.header for c in ledger.columns], rows)
    result = ledgers.run_import(
        ledger, content=content, filename=f"{ledger.code}.csv", actor=admin, dry_run=False
    )
    if not result.ok:
        raise ValidationError([str(e) for e in result.errors[:5]])
    return result.created


def certification_rows() -> list[list]:
    rows, n = [], 0
    for variant in SUBJECTS:
        for name, basis, unit, issuer in CERTIFICATES:
            n += 1
            removed = n % 9 == 0  # some certificates were cancelled in mid-2025
            rows.append(
                [
                    f"ZM-{n:03d}",
                    name + variant,
                    basis,
                    unit,
                    issuer,
                    ISSUED.isoformat(),
                    "2025-06-30" if removed else None,
                    "取消该证明事项，改由部门间核验" if removed else None,
                ]
            )
    for i, (name, basis, unit, issuer) in enumerate(CERTIFICATES[:3], start=n + 1):
        rows.append([f"ZM-{i:03d}", name + "（补充）", basis, unit, issuer, "2025-01-15", None, None])
    rows.append(
        [
            f"ZM-{n + 4:03d}",
            "房屋租赁备案证明",
            "《商品房屋租赁管理办法》第十四条",
            "CH-ZRZY",
            "不动产登记机构",
            "2026-02-10",
            None,
            None,
        ]
    )
    return rows


def commitment_rows() -> list[list]:
    rows, n = [], 0
    for variant in ("", "（首次申请）", "（延续）"):
        for name, basis, unit, methods in COMMITMENTS:
            n += 1
            added = ISSUED if variant != "（延续）" else dt.date(2025, 4, 1)
            removed = n == 4
            rows.append(
                [
                    f"CN-{n:03d}",
                    name + variant,
                    basis,
                    unit,
                    methods,
                    FALSE_COMMITMENT,
                    added.isoformat(),
                    "2025-10-01" if removed else None,
                    "上位法调整，不再实行告知承诺制" if removed else None,
                ]
            )
    return rows


def _matter_name(matter: str, action: str) -> str:
    """残疾人补贴 + 补贴申领 → 残疾人补贴申领, not 残疾人补贴补贴申领."""
    for size in range(min(len(matter), len(action)), 1, -1):
        if matter.endswith(action[:size]):
            return matter + action[size:]
    return matter + action


def service_rows() -> list[list]:
    rows, n = [], 0
    for u, unit in enumerate(SERVICE_UNITS):
        for m, matter in enumerate(MATTERS):
            for a, action in enumerate(ACTIONS):
                if (u + m + a) % 3:
                    continue
                n += 1
                code = f"FW-{n:04d}"
                mode = MODES[(m + a) % len(MODES)]
                limit = 5 if mode == HandlingMode.COMMITTED else (20 if mode == HandlingMode.OTHER else None)
                added = dt.date(2024, 1, 1) if n % 7 else dt.date(2025, 3, 1)
                if mode == HandlingMode.OTHER and n % 2:
                    # Moved to 承诺办 on 1 July 2025: the old version removed, the new one added the same day.
                    rows.append(
                        [
                            code,
                            _matter_name(matter, action),
                            unit,
                            HandlingMode.OTHER.label,
                            limit,
                            added.isoformat(),
                            "2025-07-01",
                            "优化办理流程，改为承诺办",
                        ]
                    )
                    rows.append(
                        [
                            code,
                            _matter_name(matter, action),
                            unit,
                            HandlingMode.COMMITTED.label,
                            3,
                            "2025-07-01",
                            None,
                            None,
                        ]
                    )
                else:
                    rows.append(
                        [
                            code,
                            _matter_name(matter, action),
                            unit,
                            mode.label,
                            limit,
                            added.isoformat(),
                            None,
                            None,
                        ]
                    )
    return rows


@step
def catalogs_demo(admin: User, stdout) -> int:
    if ListItem.objects.exists() or ServiceItem.objects.exists():
        return 0
    created = _import(admin, CertificationLedger(), certification_rows())
    created += _import(admin, CommitmentLedger(), commitment_rows())
    created += _import(admin, ServiceItemLedger(), service_rows())
    return created
