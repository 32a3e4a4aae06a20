"""司法建议、检察建议: what each recommendation is, the period in which the agency replies and from what day, and the
checks on recording and answering one. Pure rules; services/recommendations.py stores them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from fazhi.core import calendar, config
from fazhi.core.rules import validate_date_happened

JUDICIAL, PROCURATORIAL = "judicial", "procuratorial"
KIND_LABELS = {JUDICIAL: "司法建议", PROCURATORIAL: "检察建议"}

JUDICIAL_REPLY_DAYS = config.define(
    "litigation.judicial_recommendation_reply_days",
    name="司法建议（规范性文件以外）的书面回复期限（日）",
    default=30,
    help="需本地核对：行政诉讼法第六十六条、第九十六条只要求将处理情况告知人民法院，未定回复期限；司法建议书写明期限的，"
    "按建议书登记。",
    basis="行政诉讼法第六十六条、第九十六条第（四）项；法释〔2018〕1号第一百二十九条第四款（期限由本地规定或建议书确定）",
)
PROCURATORIAL_REPLY_MONTHS = config.define(
    "litigation.procuratorial_recommendation_reply_months",
    name="检察建议（行政公益诉讼诉前以外）的书面回复期限（月）",
    default=2,
    help="需本地核对：《人民检察院检察建议工作规定》（2019）要求检察建议书写明回复期限，常见为两个月；建议书写明期限的，"
    "按建议书登记。",
    basis="《人民检察院检察建议工作规定》（2019，原文待核）",
)


@dataclass(frozen=True)
class Ground:
    """What a recommendation is about, which body sends it, and its reply period."""

    code: str
    kind: str
    label: str
    amount: int | None  # None: the setting's value
    unit: str
    rule: str

    def period(self) -> tuple[int, str]:
        if self.amount is not None:
            return self.amount, self.unit
        if self.code == "judicial_other":
            return config.get(JUDICIAL_REPLY_DAYS.key), calendar.CALENDAR
        return config.get(PROCURATORIAL_REPLY_MONTHS.key), calendar.MONTHS


NORMATIVE_DOCUMENT = Ground(
    "normative_document",
    JUDICIAL,
    "规范性文件不合法，建议修改或者废止",
    60,
    calendar.CALENDAR,
    "法释〔2018〕1号第一百四十九条第四款（收到司法建议之日起六十日内书面答复）",
)
"""司法建议（规范性文件）：六十日。

《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百四十九条第二款：“规范性文件不合法的，人民法院可以在
裁判生效之日起三个月内，向规范性文件制定机关提出修改或者废止该规范性文件的司法建议。”第四款：“接收司法建议的行政机关
应当在收到司法建议之日起六十日内予以书面答复。”"""

JUDICIAL_OTHER = Ground(
    "judicial_other",
    JUDICIAL,
    "其他司法建议（如拒不到庭、拒绝履行、负责人拒绝说明理由）",
    None,
    calendar.CALENDAR,
    "行政诉讼法第六十六条、第九十六条；回复期限为本地设置（需本地核对）",
)
"""司法建议（其他）：期限为设置，需本地核对。

《中华人民共和国行政诉讼法》第六十六条第二款（条文未收入 domain/laws/，据公布文本，待核）：人民法院对被告经传票传唤无正当
理由拒不到庭，或者未经法庭许可中途退庭的，“可以向监察机关或者被告的上一级行政机关提出依法给予其主要负责人或者直接责任
人员处分的司法建议”；第九十六条第（四）项：行政机关拒绝履行判决、裁定、调解书的，“向监察机关或者该行政机关的上一级行政
机关提出司法建议。接受司法建议的机关，根据有关规定进行处理，并将处理情况告知人民法院”。法释〔2018〕1号第一百二十九条
第四款：“行政机关拒绝说明理由的……人民法院可以向监察机关、上一级行政机关提出司法建议。”These texts fix no reply period,
so it is the setting litigation.judicial_recommendation_reply_days (需本地核对)."""

PUBLIC_INTEREST = Ground(
    "public_interest",
    PROCURATORIAL,
    "行政公益诉讼诉前检察建议",
    2,
    calendar.MONTHS,
    "行政诉讼法第二十五条第四款；法释〔2018〕6号第二十一条（收到检察建议书之日起两个月内书面回复）",
)
"""检察建议（行政公益诉讼诉前）：两个月；紧急情形十五日。

《中华人民共和国行政诉讼法》第二十五条第四款（条文未收入 domain/laws/，据公布文本，待核）：“人民检察院在履行职责中发现……
负有监督管理职责的行政机关违法行使职权或者不作为，致使国家利益或者社会公共利益受到侵害的，应当向行政机关提出检察建议，
督促其依法履行职责。”《最高人民法院 最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》（法释〔2018〕6号，条文未
收入 domain/laws/，待核）第二十一条第二款：“行政机关应当在收到检察建议书之日起两个月内依法履行职责，并书面回复人民检察院。
出现国家利益或者社会公共利益损害继续扩大等紧急情形的，行政机关应当在十五日内书面回复。”"""

PUBLIC_INTEREST_URGENT = Ground(
    "public_interest_urgent",
    PROCURATORIAL,
    "行政公益诉讼诉前检察建议（损害继续扩大等紧急情形）",
    15,
    calendar.CALENDAR,
    "法释〔2018〕6号第二十一条第二款（紧急情形十五日内书面回复）",
)
"""检察建议（紧急情形）：十五日。法释〔2018〕6号第二十一条第二款：“出现国家利益或者社会公共利益损害继续扩大等紧急
情形的，行政机关应当在十五日内书面回复。”"""

PROCURATORIAL_OTHER = Ground(
    "procuratorial_other",
    PROCURATORIAL,
    "其他检察建议（行政诉讼监督、社会治理等）",
    None,
    calendar.MONTHS,
    "《人民检察院检察建议工作规定》；回复期限为本地设置（需本地核对）",
)
"""检察建议（其他）：期限为设置，需本地核对。

《人民检察院检察建议工作规定》（最高人民检察院 2019 年，条文未收入 domain/laws/，待核）规定检察建议书写明被建议单位书面
回复的期限；法释〔2018〕1号第一百二十六条（法院收到再审检察建议后的审查）不约束行政机关。So the reply period is the
setting litigation.procuratorial_recommendation_reply_months (需本地核对)."""

GROUNDS = [NORMATIVE_DOCUMENT, JUDICIAL_OTHER, PUBLIC_INTEREST, PUBLIC_INTEREST_URGENT, PROCURATORIAL_OTHER]
BY_GROUND = {g.code: g for g in GROUNDS}
GROUND_CHOICES = [(g.code, f"{KIND_LABELS[g.kind]}：{g.label}") for g in GROUNDS]


def reply_deadline(ground_code: str, received_on: dt.date) -> calendar.Deadline:
    """司法建议、检察建议的书面回复期限：自收到建议书之日起算（当日不计入，民事诉讼法第八十五条），期间见各 Ground 的条文。

    法释〔2018〕1号第一百四十九条第四款：“接收司法建议的行政机关应当在收到司法建议之日起六十日内予以书面答复。”
    法释〔2018〕6号第二十一条第二款：“行政机关应当在收到检察建议书之日起两个月内依法履行职责，并书面回复人民检察院。”"""
    ground = BY_GROUND[ground_code]
    amount, unit = ground.period()
    return calendar.compute(received_on, amount, unit, rule=ground.rule)


def validate_recommendation(recommendation) -> None:
    """司法建议、检察建议的登记。

    法释〔2018〕1号第一百四十九条第四款：回复期限“自收到司法建议之日起”计算——收到日期、回复日期为已发生的事项，不能晚于
    今天；回复不早于收到。"""
    errors: dict[str, str] = {}
    if recommendation.ground not in BY_GROUND:
        errors["ground"] = "请选择建议的种类。"
    if not (recommendation.issuer or "").strip():
        errors["issuer"] = "请填写提出建议的人民法院或人民检察院。"
    if not (recommendation.content or "").strip():
        errors["content"] = "请写明建议的内容。"
    for name, label in (("received_on", "收到日期"), ("replied_on", "书面回复日期")):
        value = getattr(recommendation, name)
        if value is None:
            if name == "received_on":
                errors[name] = "请填写收到建议书的日期。"
            continue
        try:
            validate_date_happened(value, label, name)
        except ValidationError as exc:
            errors[name] = exc.message_dict[name][0]
    if (
        recommendation.replied_on
        and recommendation.received_on
        and recommendation.replied_on < recommendation.received_on
    ):
        errors.setdefault("replied_on", "书面回复日期不能早于收到建议书的日期。")
    if recommendation.replied_on and not (recommendation.reply or "").strip():
        errors["reply"] = "请写明回复的内容（处理情况）。"
    if errors:
        raise ValidationError(errors)


def validate_correction(recommendation) -> None:
    """已书面回复的建议不再更正。

    法释〔2018〕1号第一百四十九条第四款：回复期限“自收到司法建议之日起”计算——回复后，建议的种类、收到日期和内容是回复
    是否按期的依据，不再更正。"""
    if recommendation.replied_on:
        raise ValidationError(f"该建议已于{recommendation.replied_on:%Y年%m月%d日}书面回复，不能再更正。")


def may_delete_recommendation(user, recommendation) -> bool:
    """司法建议、检察建议不删除：回复情况是法院、检察院督促的依据（法释〔2018〕1号第一百四十九条第四款），登记有误的更正。"""
    return False
