"""The legality review opinion letter (合法性审查意见书): its text, fonts and page, who may produce it, and the
`fazhi review letter` command."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from docx.oxml.ns import qn

from fazhi.core.io.officialdoc import chinese_date
from fazhi.core.models import AuditEvent, Role
from fazhi.review import services
from fazhi.review.documents.reviews import opinion_letter
from tests import factories

D = dt.date
TITLE = "关于规范校外培训机构管理的通知"


@pytest.fixture
def review(users, district):
    """Version 1 returned by the Justice Bureau, version 2 passed by all three levels: 修改后合法 on 2024-10-28."""
    review = services.submit_review(
        actor=users.jyj_clerk,
        title=TITLE,
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=D(2024, 9, 27),
        text="第一稿",
        advisor_user=users.advisor,
    )
    services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 9, 30))
    services.give_opinion(
        actor=users.advisor,
        review=review,
        outcome="unlawful",
        reasons="第五条设定行政许可，违反行政许可法第十七条。",
        given_on=D(2024, 10, 8),
    )
    services.give_opinion(
        actor=users.justice,
        review=review,
        outcome="returned",
        reasons="请删除第五条后重新送审。",
        given_on=D(2024, 10, 10),
    )
    services.resubmit(actor=users.jyj_clerk, review=review, submitted_on=D(2024, 10, 11), text="第二稿")
    services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 10, 14))
    services.give_opinion(actor=users.advisor, review=review, outcome="lawful", given_on=D(2024, 10, 14))
    return services.conclude_review(
        actor=users.justice,
        review=review,
        opinion="lawful_after_revision",
        reasons="第八条“一律不予登记”的表述应改为“依法不予登记”。\n第十条应明确施行日期。",
        concluded_on=D(2024, 10, 28),
    )


def read(content: bytes):
    return Document(io.BytesIO(content))


def body_text(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def table_rows(doc) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in doc.tables[0].rows]


def east_asia(run) -> str | None:
    rfonts = run._r.rPr.rFonts if run._r.rPr is not None else None
    return rfonts.get(qn("w:eastAsia")) if rfonts is not None else None


def test_chinese_dates_are_written_as_in_official_documents():
    assert chinese_date(D(2024, 6, 3)) == "二〇二四年六月三日"
    assert chinese_date(D(2024, 10, 10)) == "二〇二四年十月十日"
    assert chinese_date(D(2024, 12, 31)) == "二〇二四年十二月三十一日"
    assert chinese_date(D(2025, 1, 20)) == "二〇二五年一月二十日"


def test_the_letter_is_addressed_to_the_drafting_unit_about_the_matter(users, review):
    # when the Justice Bureau produces the letter
    doc = read(opinion_letter(actor=users.justice, review=review))
    text = body_text(doc)
    # then it carries the title, the number of the review, the unit, the matter, its dates and the version reviewed
    assert text[0] == "合法性审查意见书"
    assert text[1] == f"〔2024〕第{review.pk}号"
    assert "测试区教育局：" in text
    received = next(p for p in text if p.startswith("你单位于"))
    assert f"二〇二四年九月二十七日报送的《{TITLE}》（行政规范性文件）送审稿收悉" in received
    assert "二〇二四年十月十一日重新报送第二稿" in received
    assert "现对第二稿出具审查意见如下" in received


def test_the_letter_lists_each_levels_opinion_in_order(users, review):
    doc = read(opinion_letter(actor=users.justice, review=review))
    advisor, clerk, justice = (u.person.name for u in (users.advisor, users.jyj_clerk, users.justice))
    assert table_rows(doc) == [
        ["稿次", "审查层级", "审查人", "审查意见", "理由", "出具日期"],
        ["第一稿", "起草单位初审", clerk, "合法", "—", "2024年9月30日"],
        [
            "第一稿",
            "法律顾问复审",
            advisor,
            "不合法",
            "第五条设定行政许可，违反行政许可法第十七条。",
            "2024年10月8日",
        ],
        ["第一稿", "司法局合法性终审", justice, "退回修改", "请删除第五条后重新送审。", "2024年10月10日"],
        ["第二稿", "起草单位初审", clerk, "合法", "—", "2024年10月14日"],
        ["第二稿", "法律顾问复审", advisor, "合法", "—", "2024年10月14日"],
        [
            "第二稿",
            "司法局合法性终审",
            justice,
            "修改后合法",
            "第八条“一律不予登记”的表述应改为“依法不予登记”。\n第十条应明确施行日期。",
            "2024年10月28日",
        ],
    ]


def test_the_letter_gives_the_final_opinion_with_its_reasons_and_the_bureaus_sign_off(users, review):
    text = body_text(read(opinion_letter(actor=users.justice, review=review)))
    assert f"经审查，本局认为，《{TITLE}》（第二稿）按本意见修改后合法，审查意见为：修改后合法。" in text
    assert "理由如下：第八条“一律不予登记”的表述应改为“依法不予登记”。" in text
    assert "第十条应明确施行日期。" in text
    assert "请你单位按照上述意见修改完善后，按程序办理。" in text
    # signed by the Justice Bureau, dated in Chinese, at the end
    assert text[-2:] == ["测试区司法局", "二〇二四年十月二十八日"]


def test_an_unlawful_final_opinion_says_the_matter_may_not_go_ahead(users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校外培训收费管理办法",
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=D(2024, 5, 20),
        text="正文",
    )
    for _ in range(2):
        services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 5, 21))
    services.conclude_review(
        actor=users.justice,
        review=review,
        opinion="unlawful",
        reasons="设定收费项目，超越职权。",
        concluded_on=D(2024, 6, 3),
    )
    text = body_text(read(opinion_letter(actor=users.justice, review=review)))
    assert any("存在不合法的内容，审查意见为：不合法" in p for p in text)
    assert "理由如下：设定收费项目，超越职权。" in text
    assert any("不得提交审议、印发施行或者签订" in p for p in text)
    assert text[-1] == "二〇二四年六月三日"


def test_a_letter_concluded_by_a_system_administrator_is_signed_by_the_districts_justice_bureau(
    users, district
):
    review = services.submit_review(
        actor=users.admin,
        title="校舍维修工程施工合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=D(2024, 5, 20),
        text="合同",
    )
    for _ in range(2):
        services.give_opinion(actor=users.admin, review=review, outcome="lawful", given_on=D(2024, 5, 21))
    services.conclude_review(
        actor=users.admin, review=review, opinion="lawful", reasons="", concluded_on=D(2024, 6, 3)
    )
    text = body_text(read(opinion_letter(actor=users.admin, review=review)))
    assert text[-2:] == ["测试区司法局", "二〇二四年六月三日"]
    assert any("符合法律、法规、规章和国家政策的规定，审查意见为：合法" in p for p in text)
    assert not any(p.startswith("理由如下") for p in text)


def test_the_letter_uses_the_official_fonts_on_a4(users, review):
    doc = read(opinion_letter(actor=users.justice, review=review))
    # the page is A4
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    # the title in 小标宋, headings in 黑体, the body in 仿宋_GB2312, each set for Chinese text on its runs
    paragraphs = {p.text: p for p in doc.paragraphs if p.text}
    assert {east_asia(r) for r in paragraphs["合法性审查意见书"].runs} == {"方正小标宋简体"}
    assert {east_asia(r) for r in paragraphs["一、各级审查意见"].runs} == {"黑体"}
    assert {east_asia(r) for r in paragraphs["测试区教育局："].runs} == {"仿宋_GB2312"}
    assert {east_asia(r) for r in paragraphs["二〇二四年十月二十八日"].runs} == {"仿宋_GB2312"}
    # every run of the body and the table says its Chinese font
    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [r for row in doc.tables[0].rows for cell in row.cells for p in cell.paragraphs for r in p.runs]
    assert runs and all(east_asia(r) in {"方正小标宋简体", "黑体", "仿宋_GB2312"} for r in runs)
    assert {east_asia(r) for r in doc.tables[0].rows[1].cells[4].paragraphs[0].runs} == {"仿宋_GB2312"}
    # 三号 body, 二号 title
    assert paragraphs["测试区教育局："].runs[0].font.size.pt == 16
    assert paragraphs["合法性审查意见书"].runs[0].font.size.pt == 22


def test_producing_the_letter_is_audited_as_an_export(users, review):
    opinion_letter(actor=users.jyj_clerk, review=review)
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.actor_id, event.object_id, event.note) == (
        users.jyj_clerk.pk,
        str(review.pk),
        "生成合法性审查意见书",
    )


@pytest.mark.parametrize("role", ["admin", "justice", "jyj_clerk", "advisor", "leader"])
def test_whoever_may_see_the_review_may_produce_the_letter(users, review, role):
    assert (
        read(opinion_letter(actor=getattr(users, role), review=review)).paragraphs[0].text
        == "合法性审查意见书"
    )


@pytest.mark.parametrize(
    "role", ["scj_clerk", "other_advisor", "reconsideration", "supervisor", "other_justice"]
)
def test_the_letter_is_refused_to_whoever_may_not_see_the_review(users, district, review, role):
    other_advisor = factories.user(Role.LEGAL_ADVISOR, district.sfj, username="advisor-2")
    actor = other_advisor if role == "other_advisor" else getattr(users, role)
    with pytest.raises(PermissionDenied, match="您无权查看"):
        opinion_letter(actor=actor, review=review)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_the_letter_is_only_for_a_concluded_review(users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title=TITLE,
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=D(2024, 9, 27),
        text="第一稿",
    )
    with pytest.raises(ValidationError, match="该合法性审查处于“起草单位初审”，司法局出具终审意见后方可生成"):
        opinion_letter(actor=users.justice, review=review)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


# The command -----------------------------------------------------------------------------------------------


def test_the_letter_command_writes_the_docx(users, review, tmp_path):
    target = tmp_path / "意见书.docx"
    out = io.StringIO()
    call_command("review", "letter", str(review.pk), str(target), "--user", "jyj-clerk", stdout=out)
    doc = read(target.read_bytes())
    assert doc.paragraphs[0].text == "合法性审查意见书"
    assert "已生成" in out.getvalue()
    assert AuditEvent.objects.get(action=AuditEvent.Action.EXPORT).actor_id == users.jyj_clerk.pk


def test_the_letter_command_runs_as_the_first_system_administrator_by_default(users, review, tmp_path):
    target = tmp_path / "l.docx"
    call_command("review", "letter", str(review.pk), str(target), stdout=io.StringIO())
    assert target.exists()
    assert AuditEvent.objects.get(action=AuditEvent.Action.EXPORT).actor_id == users.admin.pk


def test_the_letter_command_refuses_an_unknown_review_or_user_in_chinese(users, review, tmp_path):
    target = tmp_path / "l.docx"
    with pytest.raises(CommandError, match=f"没有编号为 {review.pk + 1000} 的合法性审查"):
        call_command("review", "letter", str(review.pk + 1000), str(target))
    with pytest.raises(CommandError, match="合法性审查编号应为数字"):
        call_command("review", "letter", "abc", str(target))
    with pytest.raises(CommandError, match="用户“nobody”不存在或已停用"):
        call_command("review", "letter", str(review.pk), str(target), "--user", "nobody")
    with pytest.raises(CommandError, match="您无权查看"):
        call_command("review", "letter", str(review.pk), str(target), "--user", "scj-clerk")
    assert not target.exists()


def test_the_letter_command_refuses_a_review_not_yet_concluded(users, district, tmp_path):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title=TITLE,
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=D(2024, 9, 27),
        text="第一稿",
    )
    target = tmp_path / "l.docx"
    with pytest.raises(CommandError, match="司法局出具终审意见后方可生成合法性审查意见书"):
        call_command("review", "letter", str(review.pk), str(target))
    assert not target.exists()


def test_the_letter_command_leaves_no_export_event_when_the_file_cannot_be_written(users, review, tmp_path):
    with pytest.raises(CommandError, match="无法写入文件"):
        call_command("review", "letter", str(review.pk), str(tmp_path / "missing" / "l.docx"))
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
